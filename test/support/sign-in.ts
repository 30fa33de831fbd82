/**
 * What a signed-in page sends to the browser host, for tests that talk to a host process directly:
 * the sign-in link the host printed is exchanged once, as a browser would, for the session cookie;
 * calls carry it with the app's own Origin.
 */
import type { HostProcess } from './host-process';

export interface Credentials {
  headers: Record<string, string>;
  /** The same headers as raw request lines, each ending in CRLF. */
  headerLines: string;
}

/** Exchanges a sign-in link (default: the one printed at start) for the session cookie. */
export async function signIn(h: Pick<HostProcess, 'readyUrl' | 'origin'>, link = h.readyUrl): Promise<Credentials> {
  const res = await fetch(link, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`sign-in with ${link} failed: ${res.status}`);
  const headers = { cookie: cookie.split(';')[0]!, origin: h.origin };
  return {
    headers,
    headerLines: Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join(''),
  };
}
