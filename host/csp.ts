/**
 * The renderer's Content-Security-Policy, shared by Electron (response header) and the browser host.
 * No remote scripts and no eval: Monaco runs from bundled files with its workers from 'self'.
 * `style-src 'unsafe-inline'` is needed because Monaco and React set inline styles.
 * Email previews are iframes whose srcdoc is sandboxed without scripts (see renderer/previews).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The render worker compiles templates with nunjucks, which generates JavaScript (`new Function`).
 * Only that worker's script gets 'unsafe-eval'; it has no network access and no DOM. A dedicated
 * worker's CSP comes from its own script response, so the documents stay eval-free.
 */
export const RENDER_WORKER_POLICY = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "connect-src 'none'"].join('; ');

/** True for the built render worker's file (Vite names it `render-worker-<hash>.js`). */
export function isRenderWorkerFile(path: string): boolean {
  return /(^|\/)render-worker-[\w-]+\.js$/.test(path);
}

/** Security headers for one file of the built renderer, by path: the same on both hosts. */
export function securityHeaders(path: string): Record<string, string> {
  if (/\.html$/.test(path)) return { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  if (isRenderWorkerFile(path)) return { 'content-security-policy': RENDER_WORKER_POLICY, 'x-content-type-options': 'nosniff' };
  return { 'x-content-type-options': 'nosniff' };
}
