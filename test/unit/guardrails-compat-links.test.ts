import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, checkLinks, contactLinkReason, invalidUrlReason, parseGuardrailSettings, renderFindings, repeatedTrackingParams } from '../../shared/guardrails';
import { CANIEMAIL_SOURCE, emailCompatibility, EMAIL_CLIENTS } from '../../shared/guardrails/compat';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('email client compatibility (caniemail data)', () => {
  it('the bundled data names the caniemail package version and its update date', () => {
    const pkg = JSON.parse(readFileSync('node_modules/caniemail/package.json', 'utf8')) as { version: string };
    expect(CANIEMAIL_SOURCE.package).toBe(`caniemail@${pkg.version}`);
    expect(CANIEMAIL_SOURCE.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(EMAIL_CLIENTS.has('outlook.windows')).toBe(true);
  });

  it('border-radius on line 3 is reported as unsupported by Outlook for Windows, with its line', () => {
    const html = '<table>\n<tr><td>\n<a href="https://brand.ie/" style="border-radius:6px">Go</a>\n</td></tr></table>';
    const f = checkCompatibility(html, { node: 'email' });
    const radius = f.find((x) => x.code === 'email-client-unsupported' && x.message.includes('border-radius'));
    expect(radius?.message).toMatch(/Outlook \(Windows\)/);
    expect(radius?.message).toContain('line 3');
    expect(radius?.line).toBe(3);
  });

  it('a feature in a <style> block gets the line inside the block', () => {
    const html = '<html><head><style>\n.a { color: red }\n.b { display: flex }\n</style></head><body><p class="b">x</p></body></html>';
    const flex = emailCompatibility(html).find((i) => i.feature.title.includes('display:flex') || i.feature.title.includes('flex'));
    expect(flex?.lines[0]).toBe(3);
  });

  it("only the workspace's clients are checked: gmail alone does not name Outlook", () => {
    const html = '<p style="border-radius:6px">x</p>';
    const f = checkCompatibility(html, {}, { clients: ['gmail'] });
    expect(f.map((x) => x.message).join(' ')).not.toMatch(/Outlook/);
  });

  it('plain tables and inline colours have no unsupported features in the default clients', () => {
    expect(codes(checkCompatibility('<table><tr><td style="color:#333">Hi</td></tr></table>')).filter((c) => c === 'email-client-unsupported')).toEqual([]);
  });
});

describe('link checks of the rendered email', () => {
  it('a relative image URL and a protocol-relative link are invalid, with their line', () => {
    const f = checkLinks('<p>\n<img src="/logo.png" alt="">\n<a href="//brand.ie/x">x</a></p>');
    expect(f.filter((x) => x.code === 'email-link-invalid').map((x) => x.line)).toEqual([2, 3]);
    expect(invalidUrlReason('https://brand.ie/a b')).toMatch(/space/);
    expect(invalidUrlReason('https://brand.ie/ok?x=1')).toBeUndefined();
  });

  it('an http: image in an https email is flagged; an all-http email is not', () => {
    expect(codes(checkLinks('<a href="https://brand.ie/">a</a><img src="http://cdn.brand.ie/a.png" alt="">'))).toContain('email-link-insecure');
    expect(codes(checkLinks('<a href="http://brand.ie/">a</a>'))).not.toContain('email-link-insecure');
  });

  it('utm_source given twice is flagged as repeated, and missing expected parameters are named', () => {
    expect(repeatedTrackingParams('https://b.ie/?utm_source=a&utm_source=b&x=1&x=2')).toEqual(['utm_source']);
    const f = checkLinks('<a href="https://brand.ie/?utm_source=a">a</a>', {}, { trackingParams: ['utm_source', 'utm_campaign'] });
    expect(f.map((x) => x.message).join()).toContain('"utm_campaign"');
    expect(f.map((x) => x.message).join()).not.toContain('"utm_source"');
  });

  it('mailto: and tel: links of the wrong shape are flagged, good ones are not', () => {
    expect(contactLinkReason('mailto:help@brand.ie?subject=Order%2042')).toBeUndefined();
    expect(contactLinkReason('mailto:help@')).toMatch(/not an email address/);
    expect(contactLinkReason('tel:+353 1 234 5678')).toMatch(/space/);
    expect(contactLinkReason('tel:+35312345678')).toBeUndefined();
    expect(contactLinkReason('tel:call-us')).toMatch(/not a phone number/);
  });

  it('the workspace settings carry the levels, clients and tracking parameters; junk is ignored', () => {
    const s = parseGuardrailSettings({ guardrails: { 'email-client-unsupported': 'warning', email: { clients: ['outlook', 3, '<x>'], trackingParams: ['utm_source'] }, __proto__: 'blocking' } });
    expect(s['email-client-unsupported']).toBe('warning');
    expect(s.email).toEqual({ clients: ['outlook'], trackingParams: ['utm_source'] });
  });

  it("turning both compatibility checks off removes them from a render's findings", () => {
    const r = { node: 'email', target: 'u1', channel: 'email', fields: { subject: 's', text: 't', html: '<p style="border-radius:4px">x</p>' }, diagnostics: [] } as never;
    expect(codes(renderFindings(r))).toContain('email-client-unsupported');
    expect(codes(renderFindings(r, { 'email-client-unsupported': 'off', 'email-client-partial': 'off' }))).not.toContain('email-client-unsupported');
  });
});
