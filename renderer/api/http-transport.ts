/**
 * The browser-host transport: POST /ipc/<channel> with the per-run token from the page URL, and
 * the event stream over Server-Sent Events.
 */
import type { EventName, EventPayload, IpcReply, PreflightApi } from '../../shared/ipc/contract';

export function createHttpTransport(location: Location): PreflightApi {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  let source: EventSource | undefined;
  return {
    async invoke(channel, args) {
      try {
        const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-preflight-token': token },
          body: JSON.stringify(args),
        });
        return (await res.json()) as IpcReply<never>;
      } catch (e) {
        return { ok: false, error: { code: 'failed', message: `the app host cannot be reached: ${(e as Error).message}` } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      source ??= new EventSource(`/events?token=${encodeURIComponent(token)}`);
      const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string) as EventPayload<E>);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}
