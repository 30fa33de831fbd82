/**
 * The sandbox's `execute/campaign`: authenticate, enforce the limits a real API has (rate, target
 * array size), validate, pick the injected fault, and say whether the platform "acted" — only acted
 * calls are recorded, because those are the ones that would have sent messages.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultKind } from '../../shared/ipc/channels/sandbox';
import { authenticate } from './auth';
import { envelope } from './envelope';
import { environmentOfBody, faultsOf, type SandboxState } from './state';
import { validateExecuteBody } from './validate';

export type ExecuteReply =
  /** Answer now with this status and body (`acted` when the call was carried out). */
  | { kind: 'answer'; status: number; body: unknown; headers?: Record<string, string>; acted: boolean; environmentId?: string; fault?: FaultKind }
  /** Carried out, then the reply goes wrong on purpose: never answer, cut the connection, or answer garbage. */
  | { kind: 'timeout' | 'reset' | 'malformed'; acted: true; environmentId: string; fault: FaultKind; status: number; body: unknown };

/** Chooses this call's fault: the script first, then the configured shares. */
export function pickFault(state: SandboxState, environmentId: string, random: () => number = Math.random): FaultKind {
  const f = faultsOf(state, environmentId);
  if (f.script.length > 0) return f.script.shift()!;
  let r = random();
  const shares: [FaultKind, number][] = [
    ['429', f.share429],
    ['500', f.share500],
    ['503', f.share503],
    ['timeout', f.shareTimeout],
    ['reset', f.shareReset],
    ['malformed', f.shareMalformed],
  ];
  for (const [kind, share] of shares) {
    if (r < share) return kind;
    r -= share;
  }
  return 'ok';
}

/** True when the environment has used up its requests for the current second. */
function overRate(state: SandboxState, environmentId: string, max: number): boolean {
  const now = Date.now();
  const times = (state.recent.get(environmentId) ?? []).filter((t) => now - t < 1000);
  const over = times.length >= max;
  if (!over) times.push(now);
  state.recent.set(environmentId, times);
  return over;
}

export function handleExecute(body: Record<string, unknown>, headers: IncomingHttpHeaders, state: SandboxState): ExecuteReply {
  const authed = authenticate(headers, body, state.auth);
  if (!authed.ok) return { kind: 'answer', status: authed.status, acted: false, body: envelope(authed.status, { message: authed.message, ...(authed.status === 400 ? { errors: [{ field: 'apptoken', message: 'apptoken is required' }] } : {}) }) };
  const environmentId = environmentOfBody(state, body) ?? 'sandbox';
  const faults = faultsOf(state, environmentId);
  const retryAfter = { 'retry-after': String(faults.retryAfterSeconds) };
  if (overRate(state, environmentId, faults.maxRequestsPerSecond)) return { kind: 'answer', status: 429, headers: retryAfter, acted: false, environmentId, body: envelope(429, { message: 'Rate limit exhausted' }) };
  const problems = validateExecuteBody(body);
  if (Array.isArray(body.target) && body.target.length > faults.maxTargets) problems.push({ field: 'target', message: `target holds ${body.target.length} ids; at most ${faults.maxTargets} per call` });
  if (problems.length) return { kind: 'answer', status: 400, acted: false, environmentId, body: envelope(400, { message: `Invalid request: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, errors: problems }) };
  const fault = pickFault(state, environmentId);
  if (fault === '429') return { kind: 'answer', status: 429, headers: retryAfter, acted: false, environmentId, fault, body: envelope(429, { message: 'Rate limit exhausted' }) };
  if (fault === '503') return { kind: 'answer', status: 503, headers: retryAfter, acted: false, environmentId, fault, body: envelope(503, { message: 'Service temporarily unavailable' }) };
  if (fault === '500') return { kind: 'answer', status: 500, acted: false, environmentId, fault, body: envelope(500, { message: 'Internal server error' }) };
  const targets = Array.isArray(body.target) ? body.target.length : 0;
  const ok = envelope(200, { message: 'Campaign execution accepted', model: { id: String(body.id), targets } });
  if (fault === 'timeout' || fault === 'reset' || fault === 'malformed') return { kind: fault, acted: true, environmentId, fault, status: 200, body: ok };
  return { kind: 'answer', status: 200, acted: true, environmentId, body: ok };
}
