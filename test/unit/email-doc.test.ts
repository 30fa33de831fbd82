import { describe, expect, it } from 'vitest';
import { blockNestedFrames, blockRemoteImages, emailDocument, hasRemoteImages } from '../../renderer/components/previews/email-doc';

const html = '<p>Hi</p><img src="https://cdn.example.org/p.png" alt="p"><div style="background:url(\'//t.example.org/px.gif\')"></div><img src="data:image/png;base64,AA==" alt="inline">';

describe('email preview document', () => {
  it('detects remote images, protocol-relative ones and CSS backgrounds included', () => {
    expect(hasRemoteImages(html)).toBe(true);
    expect(hasRemoteImages('<img src="data:image/png;base64,AA==">')).toBe(false);
  });

  it('points remote images at a local placeholder and keeps their address, leaving data: images alone', () => {
    const out = blockRemoteImages(html);
    expect(out).not.toMatch(/(?<!blocked-)src="https:/);
    expect(out).toContain('data-blocked-src="https://cdn.example.org/p.png"');
    expect(out).not.toContain('t.example.org');
    expect(out).toContain('src="data:image/png;base64,AA=="');
  });

  it('until allowed, the frame policy loads images from data: only; once allowed, the real addresses load', () => {
    const blocked = emailDocument(html, { allowImages: false, dark: false });
    expect(blocked).toContain('img-src data:;');
    expect(blocked).not.toMatch(/(?<!blocked-)src="https:\/\/cdn/);
    const allowed = emailDocument(html, { allowImages: true, dark: false });
    expect(allowed).toContain('img-src data: https: http:');
    expect(allowed).toContain('src="https://cdn.example.org/p.png"');
  });

  it('the frame never allows scripts, and links open in a new context (which the app intercepts)', () => {
    const doc = emailDocument('<script>alert(1)</script><a href="https://x.example">x</a>', { allowImages: true, dark: false });
    expect(doc).toContain("default-src 'none'");
    expect(doc).not.toMatch(/script-src/);
    expect(doc).toContain('<base target="_blank">');
  });

  it('the frame policy forbids nested frames, and nested frame elements are renamed so none can open a connection', () => {
    const doc = emailDocument('<p>x</p><iframe src="https://t.example/f"></iframe><IFRAME/SRC=//t.example/g></IFRAME><iframe\nsrcdoc="&lt;iframe src=https://t.example/h&gt;"></iframe>', { allowImages: true, dark: false });
    expect(doc).toContain("frame-src 'none'");
    expect(doc).toContain("child-src 'none'");
    // Chromium preconnects to an <iframe src> even when the policy forbids the frame: no element of
    // the document may be a frame at all.
    expect(doc).not.toMatch(/<\/?(iframe|frame|object|embed)[\s/>]/i);
    expect(doc).toContain('<pf-blocked-iframe src="https://t.example/f"></pf-blocked-iframe>');
  });

  it('renames frame, object and embed elements in any case and with any separator, but not look-alike names', () => {
    expect(blockNestedFrames('<frame src=x><FrameSet><object data=x></object><embed src=x><iframe\tsrc=x><iframe>')).toBe(
      '<pf-blocked-frame src=x><pf-blocked-FrameSet><pf-blocked-object data=x></pf-blocked-object><pf-blocked-embed src=x><pf-blocked-iframe\tsrc=x><pf-blocked-iframe>',
    );
    expect(blockNestedFrames('<iframes><framework><p>iframe</p>')).toBe('<iframes><framework><p>iframe</p>');
  });
});
