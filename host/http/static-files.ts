/**
 * The one static file server for the built renderer: the browser host serves it over HTTP and the
 * desktop app through its app:// protocol handler, with the same path rules and the same security
 * headers. The folder is the app's own build output, so the check is on the resolved text path;
 * a malformed or NUL-carrying path is a 400, a path outside the folder a 403, a missing file a 404.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from '../csp';
import { decodePath } from './safe-server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

export type StaticFile = { status: 200; body: Buffer<ArrayBuffer>; headers: Record<string, string>; path: string } | { status: 400 | 403 | 404; message: string };

/** The file a URL path names in `rootDir` (`/` is index.html), with its content type and security headers. */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile> {
  const decoded = decodePath(urlPath);
  if (decoded === undefined) return { status: 400, message: 'malformed path' };
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  const root = normalize(rootDir);
  const full = normalize(join(root, rel));
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return { status: 403, message: 'outside the app' };
  try {
    const body = await readFile(full);
    return { status: 200, body, path: rel, headers: { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...securityHeaders(rel) } };
  } catch {
    return { status: 404, message: `not found: ${urlPath.slice(0, 200)}` };
  }
}
