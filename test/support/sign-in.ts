/** What a signed-in page sends to the browser host, for tests that talk to a host process directly. */
import type { HostProcess } from './host-process';

export interface Credentials {
  headers: Record<string, string>;
  /** The same headers as raw request lines, each ending in CRLF. */
  headerLines: string;
}

/** Signs in with the URL the host printed. */
export async function signIn(h: Pick<HostProcess, 'readyUrl'>): Promise<Credentials> {
  const headers = { 'x-preflight-token': new URL(h.readyUrl).searchParams.get('token')! };
  return { headers, headerLines: Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('') };
}
