/**
 * The document shown in the email preview frame. The frame is sandboxed with no permissions at all
 * (no scripts, no same-origin, no popups, no top navigation); this document adds its own CSP so
 * remote images stay blocked until the person allows them for the message, a dark-mode simulation,
 * and provenance marks. Nothing here runs the template's code.
 */
import type { Segment } from '../../workers/render-protocol';

const MARK_CSS = `.pf-src{border-radius:2px;outline:1px solid transparent}.pf-src-target_with_params{background:#dbeafe;outline-color:#3b82f6}.pf-src-params{background:#dcfce7;outline-color:#16a34a}.pf-src-profile{background:#fef3c7;outline-color:#d97706}.pf-src-empty{background:#fee2e2;outline-color:#dc2626;padding:0 4px}`;
const DARK_CSS = `html{background:#121212!important}body{filter:invert(1) hue-rotate(180deg)}img,picture,video,[style*="background-image"]{filter:invert(1) hue-rotate(180deg)}`;

/** True when the HTML references remote images (http/https src or CSS url()). */
export function hasRemoteImages(html: string): boolean {
  return /<img\b[^>]*\bsrc\s*=\s*["']?\s*(https?:)?\/\//i.test(html) || /url\(\s*["']?(https?:)?\/\//i.test(html);
}

/** Joins html segments, wrapping values that are outside tags in source marks (values inside attributes stay plain). */
export function htmlWithProvenance(segments: Segment[]): string {
  let inTag = false;
  let out = '';
  for (const s of segments) {
    if (s.attr && !inTag) out += `<mark class="pf-src pf-src-${s.source}" title="${s.attr}">${s.text === '' ? `∅ ${s.attr}` : s.text}</mark>`;
    else out += s.text;
    if (!s.attr) for (const ch of s.text) inTag = ch === '<' ? true : ch === '>' ? false : inTag;
  }
  return out;
}

const BLOCKED_IMAGE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect width="24" height="24" fill="#d0d5dd"/></svg>')}`;

/** Points remote image sources at a local placeholder (the address is kept in data-blocked-src) so nothing is requested. */
export function blockRemoteImages(html: string): string {
  return html.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(["']?)((?:https?:)?\/\/[^"'\s>]*)\2/gi, (_m, pre: string, q: string, url: string) => `${pre}"${BLOCKED_IMAGE}" data-blocked-src="${url}"`).replace(/url\(\s*(["']?)(?:https?:)?\/\/[^)]*\)/gi, 'none');
}

/**
 * Renames nested frame elements (iframe, frame, frameset, object, embed, portal, fencedframe) so the
 * preview has none: Chromium opens a connection to an <iframe src> (a preconnect, no request) even
 * when the document's policy forbids the frame, which tells a remote host the message was opened.
 * Email clients drop these elements anyway. The match ignores context (a name inside text or an
 * attribute is renamed too, harmlessly) so no real tag can slip past it; a nested srcdoc needs no
 * pass of its own, since its element is renamed and the attribute becomes inert.
 */
export function blockNestedFrames(html: string): string {
  return html.replace(/<(\/?)(iframe|frameset|frame|object|embed|portal|fencedframe)(?=[\s/>])/gi, '<$1pf-blocked-$2');
}

/** The srcdoc of the preview frame. */
export function emailDocument(html: string, o: { allowImages: boolean; dark: boolean; segments?: Segment[] }): string {
  // frame-src and child-src are spelled out although default-src covers them; the policy alone does
  // not stop Chromium's preconnect to a nested <iframe src>, so the frames are renamed as well.
  const csp = `default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:${o.allowImages ? ' https: http:' : ''}; frame-src 'none'; child-src 'none'`;
  const marked = o.segments ? htmlWithProvenance(o.segments) : html;
  const body = blockNestedFrames(o.allowImages ? marked : blockRemoteImages(marked));
  return `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="referrer" content="no-referrer"><base target="_blank"><style>${MARK_CSS}${o.dark ? DARK_CSS : ''}</style>${body}`;
}
