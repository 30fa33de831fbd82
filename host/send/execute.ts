/**
 * Executes a send: one POST per batch from this (main) process, with the token added at the last
 * moment. Each batch ends acknowledged (2xx), failed (4xx) or unknown (anything after which the
 * platform may have acted: other 5xx, timeouts, resets).
 */
import { randomUUID } from 'node:crypto';
import type { ExecuteBody } from '../../shared/send/request';
import { withToken } from '../../shared/send/request';
import type { SendResult } from '../../shared/ipc/contract';

export interface ExecuteOptions {
  baseUrl: string;
  token: string;
  environment: string;
  campaignId: string;
  bodies: ExecuteBody[];
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

type BatchResult = SendResult['batches'][number];

/** Replaces every occurrence of the token in a string (errors can echo request data). */
function scrub(s: string, token: string): string {
  return token ? s.split(token).join('***') : s;
}

async function postBatch(url: string, body: ExecuteBody, token: string, index: number, timeoutMs: number): Promise<BatchResult> {
  const started = performance.now();
  const targets = body.target.length;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(withToken(body, token)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let response: unknown = text;
    try {
      response = JSON.parse(text);
    } catch {
      /* keep the raw text: a reply we cannot parse is shown as it came */
    }
    const status = res.ok ? 'acknowledged' : res.status >= 400 && res.status < 500 ? 'failed' : 'unknown';
    return { index, targets, status, httpStatus: res.status, response, durationMs: Math.round(performance.now() - started) };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const refused = err.cause?.code === 'ECONNREFUSED' || err.cause?.code === 'ENOTFOUND';
    return {
      index,
      targets,
      status: refused ? 'failed' : 'unknown',
      httpStatus: null,
      response: null,
      durationMs: Math.round(performance.now() - started),
      error: scrub(`${err.name}: ${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`, token),
    };
  }
}

/** Sends every batch in order and returns the per-batch account. */
export async function executeSend(o: ExecuteOptions): Promise<SendResult> {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/api/external/execute/campaign`;
  const batches: BatchResult[] = [];
  for (let i = 0; i < o.bodies.length; i++) {
    batches.push(await postBatch(url, o.bodies[i]!, o.token, i, o.timeoutMs ?? 30_000));
    o.onProgress?.(i + 1, o.bodies.length);
  }
  const recipients = o.bodies.reduce((n, b) => n + b.target.length, 0);
  return { sendId: randomUUID(), environment: o.environment, campaignId: o.campaignId, recipients, batches };
}
