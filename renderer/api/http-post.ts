/**
 * One request to the browser host: POST /ipc/<channel> with the arguments as JSON. It authenticates
 * with the host's session cookie, which the browser sends by itself (HttpOnly: this code never sees
 * it) along with the page's Origin. Used by the UI's transport (http-transport.ts) and by the IPC
 * worker (renderer/workers/ipc-worker.ts), which posts the parts of a big data set off the UI thread.
 */
import type { IpcReply } from '../../shared/ipc/contract';

/**
 * Bodies over this many characters go as UTF-8 bytes: Chromium's fetch turns a string body into
 * bytes on the calling thread at ~15 MB/s, `TextEncoder` at several hundred MB/s.
 */
const BYTES_BODY_CHARS = 1 << 16;
const encoder = new TextEncoder();

/** Posts one request; a host that cannot be reached is a `failed` reply, never an exception. */
export async function postToHost(channel: string, args: unknown): Promise<IpcReply<never>> {
  try {
    const json = JSON.stringify(args);
    const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: json.length > BYTES_BODY_CHARS ? encoder.encode(json) : json,
    });
    return (await res.json()) as IpcReply<never>;
  } catch (e) {
    return { ok: false, error: { code: 'failed', message: `the app host cannot be reached: ${(e as Error).message}` } };
  }
}
