/**
 * The browser-host transport: POST /ipc/<channel> and the event stream over Server-Sent Events.
 * Both authenticate with the host's session cookie, which the browser sends by itself (it is
 * HttpOnly: this code never sees it) along with the page's Origin; no secret is in the page or its URL.
 */
import type { EventName, EventPayload, IpcReply, PreflightApi } from '../../shared/ipc/contract';

/**
 * Bodies over this many characters go as UTF-8 bytes: Chromium's fetch turns a string body into
 * bytes on the UI thread at ~15 MB/s (a part of a million-user data set, ~500 KB: ~35 ms in the
 * fetch call; scripts/bench-frames.mjs shows the window), `TextEncoder` at several hundred MB/s.
 */
const BYTES_BODY_CHARS = 1 << 16;
const encoder = new TextEncoder();

export function createHttpTransport(): PreflightApi {
  let source: EventSource | undefined;
  return {
    async invoke(channel, args) {
      try {
        const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: bodyOf(JSON.stringify(args)),
        });
        return (await res.json()) as IpcReply<never>;
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the app host cannot be reached: ${(e as Error).message}` } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      source ??= new EventSource('/events');
      const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string) as EventPayload<E>);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

function bodyOf(json: string): string | Uint8Array<ArrayBuffer> {
  return json.length > BYTES_BODY_CHARS ? encoder.encode(json) : json;
}
