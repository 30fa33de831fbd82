/**
 * The one request-body reader of the app's HTTP servers (browser host, sandbox, webhook receiver).
 * The limit is checked before anything is buffered: a declared Content-Length over it is refused
 * without reading a byte, and a body without one (chunked) is counted while it streams and dropped
 * the moment it passes the limit. A client that goes away mid-upload gives `aborted`, never an
 * exception: nothing here rejects.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large'; limit: number } | { kind: 'aborted' };

export type JsonBodyResult = { kind: 'ok'; value: unknown } | { kind: 'invalid'; message: string } | { kind: 'too-large'; limit: number } | { kind: 'aborted' };

/**
 * How much of a refused body is read and thrown away so the client gets to read the 413 (a browser
 * reads the answer only once its upload is done; closing on it mid-upload shows a network error
 * instead). Nothing is kept; past this the connection is cut.
 */
export const DISCARD_LIMIT = 512 * 1024 * 1024;

const discarding = new WeakSet<IncomingMessage>();

/** True when the request announces a body (a length above 0, or chunked) that nobody reads: answering it should close the connection. */
export function hasUnreadBody(req: IncomingMessage): boolean {
  if (discarding.has(req) || req.readableEnded) return false;
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/** Reads the rest of a refused body into nothing, up to DISCARD_LIMIT bytes, then cuts the connection. */
function discard(req: IncomingMessage) {
  discarding.add(req);
  let seen = 0;
  req.on('data', (c: Buffer) => {
    seen += c.length;
    if (seen > DISCARD_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** The declared Content-Length, when there is a usable one. */
function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** Reads the whole body, up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) {
    discard(req);
    return Promise.resolve({ kind: 'too-large', limit });
  }
  if (req.complete && req.readableEnded) return Promise.resolve({ kind: 'ok', bytes: Buffer.alloc(0) });
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (r: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      req.off('error', onAborted);
      req.off('close', onClose);
      done(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too-large', limit });
        discard(req);
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => finish({ kind: 'ok', bytes: Buffer.concat(chunks, size) });
    const onAborted = () => finish({ kind: 'aborted' });
    // 'close' before 'end' means the request was cut short (some Node versions emit only this).
    const onClose = () => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onAborted);
    req.on('close', onClose);
  });
}

/**
 * Reads a JSON body, or a form-encoded one when `form` is set and the Content-Type says so (OAuth
 * token requests). An empty body reads as `{}` unless `emptyIsInvalid` (the platform's API answers
 * it as bad JSON). Invalid UTF-8 is refused rather than replaced.
 */
export async function readJsonBody(req: IncomingMessage, limit: number, o: { form?: boolean; emptyIsInvalid?: boolean } = {}): Promise<JsonBodyResult> {
  const body = await readBody(req, limit);
  if (body.kind !== 'ok') return body;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
  } catch {
    return { kind: 'invalid', message: 'request body is not valid UTF-8' };
  }
  if (o.form && req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return { kind: 'ok', value: Object.fromEntries(new URLSearchParams(text)) };
  if (text.trim() === '' && !o.emptyIsInvalid) return { kind: 'ok', value: {} };
  try {
    return { kind: 'ok', value: JSON.parse(text) };
  } catch (e) {
    return { kind: 'invalid', message: `request body is not JSON: ${(e as Error).message}` };
  }
}
