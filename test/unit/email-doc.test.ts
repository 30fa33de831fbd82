import { describe, expect, it } from 'vitest';
import { blockRemoteImages, emailDocument, hasRemoteImages } from '../../renderer/components/previews/email-doc';

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
    expect(blocked).toContain("img-src data:\"");
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
});
