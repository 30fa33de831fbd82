/**
 * The renderer's Content-Security-Policy, shared by Electron (response header) and the browser host.
 * No remote scripts and no eval: Monaco runs from bundled files with its workers from 'self'.
 * `style-src 'unsafe-inline'` is needed because Monaco and React set inline styles.
 * Email previews are iframes whose srcdoc is sandboxed without scripts. Nothing in the app needs eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  // Remote images only ever load after the person allows them for one message: email frames carry
  // their own stricter policy until then, and push previews show addresses (renderer/components/previews).
  "img-src 'self' data: blob: https: http:",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // No other page may frame the app (clickjacking a send). Header only: a <meta> policy ignores it.
  "frame-ancestors 'none'",
].join('; ');

/**
 * The workers' own policy (render, import and workspace). The Twig engine compiles templates to closures (no `eval`, no
 * `new Function`), so the worker needs no more than the documents: scripts from 'self', and no
 * network at all — templates and values never leave it.
 */
export const WORKER_POLICY = ["default-src 'none'", "script-src 'self'", "connect-src 'none'"].join('; ');

/**
 * The IPC worker's policy (renderer/workers/ipc-worker.ts, browser host only): it makes the
 * requests that carry the parts of a big data set, so it may reach the host ('self') and nothing
 * else. It runs no templates.
 */
export const IPC_WORKER_POLICY = ["default-src 'none'", "script-src 'self'", "connect-src 'self'"].join('; ');

/** True for the built IPC worker's file (`ipc-worker-<hash>.js`). */
export function isIpcWorkerFile(path: string): boolean {
  return /(^|\/)ipc-worker-[\w-]+\.js$/.test(path);
}

/** True for a built worker's file (Vite names them `render-worker-<hash>.js`, `import-worker-<hash>.js`, `workspace-worker-<hash>.js`). */
export function isWorkerFile(path: string): boolean {
  return /(^|\/)(render|import|workspace)-worker-[\w-]+\.js$/.test(path);
}

/**
 * Headers of every document the app serves: no referrer leaves it (the browser host's URLs once
 * carried a sign-in code), and no other page may frame it (X-Frame-Options for older browsers).
 */
export const DOCUMENT_HEADERS: Record<string, string> = { 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' };

/** Security headers for one file of the built renderer, by path: the same on both hosts. */
export function securityHeaders(path: string): Record<string, string> {
  if (/\.html$/.test(path)) return { 'content-security-policy': CONTENT_SECURITY_POLICY, ...DOCUMENT_HEADERS };
  if (isIpcWorkerFile(path)) return { 'content-security-policy': IPC_WORKER_POLICY, 'x-content-type-options': 'nosniff' };
  if (isWorkerFile(path)) return { 'content-security-policy': WORKER_POLICY, 'x-content-type-options': 'nosniff' };
  return { 'x-content-type-options': 'nosniff' };
}
