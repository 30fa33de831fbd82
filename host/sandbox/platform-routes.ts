/**
 * The sandbox's platform methods beside execute: `oauth/token`, `list/campaign`, `info/campaign` and
 * `list/push-devices`, answering with the platform's envelope and status codes. Campaigns are seeded
 * from the workspace in the platform's format and can be changed "live" (sandbox.platform.setCampaign);
 * every execute the sandbox acts on records the "Not personalized" errors the platform would log in
 * legacy mode (server.ts calls `platformAfterExecute`). The data lives in `state.ext.platform`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { NOT_PERSONALIZED, OAUTH } from '../../shared/platform/assumptions';
import { applyListQuery, readListQuery } from '../../shared/platform/query';
import { notPersonalizedMessages } from '../../shared/platform/not-personalized';
import { authenticate, type ConnectionOutcomeSwitch } from './auth';
import { envelope } from './envelope';
import type { SandboxState } from './state';
import { propertyPathProblem } from '../../shared/property-path';

type Model = Record<string, unknown>;

/** One platform route: the parsed body in, a status and a JSON body out. */
export type PlatformRoute = (req: { path: string; body: Record<string, unknown>; headers: IncomingHttpHeaders; state: SandboxState }) => Promise<{ status: number; body: unknown }>;

/** The platform side of a running sandbox. */
export interface SandboxPlatform {
  /** Replaces the live campaigns and the profile attributes used to decide "Not personalized". */
  seed(campaigns: Model[], profiles: Profiles): void;
  /** Sets values by dotted path in a live campaign (creating it when new; null deletes); returns the new model. */
  setCampaign(id: string, set: Record<string, unknown>): Model;
  campaign(id: string): Model | undefined;
  configure(o: { connectionOutcome?: ConnectionOutcomeSwitch; tokenTtlSeconds?: number; expireTokens?: boolean }): { connectionOutcome: ConnectionOutcomeSwitch; tokenTtlSeconds: number };
  /** Registers an OAuth client the `oauth/token` route accepts. */
  addOAuthClient(clientId: string, clientSecret: string): void;
}

interface PlatformData {
  campaigns: Map<string, Model>;
  profiles: Profiles;
  deviceRows: Model[];
  clients: Map<string, string>;
  tokenTtlSeconds: number;
  rowSeq: number;
  actionSeq: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Sets `value` at a dotted path (`messages.9.sms_text`), creating objects on the way; null deletes.
 * A path through `__proto__`, `constructor` or `prototype` is refused (shared/property-path.ts),
 * and only own properties are followed, so no write can reach a prototype.
 */
function setPath(target: Model, path: string, value: unknown) {
  const problem = propertyPathProblem(path);
  if (problem) throw new Error(`cannot set ${problem}`);
  const parts = path.split('.');
  let cur: Model = target;
  for (const p of parts.slice(0, -1)) {
    if (!hasOwn(cur, p) || !isObject(cur[p])) cur[p] = {};
    cur = cur[p] as Model;
  }
  const last = parts[parts.length - 1]!;
  if (value === null) delete cur[last];
  else cur[last] = value;
}

function dataOf(state: SandboxState): PlatformData {
  state.auth.bearerTokens ??= new Map();
  return ((state.ext.platform as PlatformData | undefined) ??= { campaigns: new Map(), profiles: {}, deviceRows: [], clients: new Map(), tokenTtlSeconds: 3600, rowSeq: 0, actionSeq: 0 });
}

const now = (state: SandboxState) => (state.auth.now ?? Date.now)();

/** The platform side of a sandbox's state (created on first use). */
export function platformState(state: SandboxState): SandboxPlatform {
  const d = dataOf(state);
  return {
    seed(list, profiles) {
      d.campaigns.clear();
      for (const m of list) d.campaigns.set(String(m.id), structuredClone(m));
      d.profiles = profiles;
    },
    setCampaign(id, set) {
      const model = d.campaigns.get(id) ?? { id, title: `Campaign ${id}`, trigger: 3, active: 1, messages: {} };
      for (const [path, value] of Object.entries(set)) setPath(model, path, value);
      d.campaigns.set(id, model);
      return structuredClone(model);
    },
    campaign: (id) => (d.campaigns.has(id) ? structuredClone(d.campaigns.get(id)!) : undefined),
    configure(o) {
      if (o.connectionOutcome) state.auth.outcome = o.connectionOutcome;
      if (o.tokenTtlSeconds) d.tokenTtlSeconds = o.tokenTtlSeconds;
      if (o.expireTokens) for (const t of state.auth.bearerTokens!.keys()) state.auth.bearerTokens!.set(t, 0);
      return { connectionOutcome: state.auth.outcome ?? 'normal', tokenTtlSeconds: d.tokenTtlSeconds };
    },
    addOAuthClient(id, secret) {
      d.clients.set(id, secret);
    },
  };
}

/** Records the "Not personalized" errors of an execute the sandbox acted on (what `list/push-devices` reports). */
export function platformAfterExecute(state: SandboxState, body: Record<string, unknown>): void {
  const d = dataOf(state);
  const model = d.campaigns.get(String(body.id));
  if (!model || !Array.isArray(body.target)) return;
  const data: SendData = {
    target_by: String(body.target_by ?? 'user_id'),
    target: body.target.map(String),
    params: isObject(body.params) ? body.params : {},
    target_with_params: (isObject(body.target_with_params) ? body.target_with_params : {}) as SendData['target_with_params'],
  };
  const createTime = Math.floor(now(state) / 1000);
  const actionId = ++d.actionSeq;
  for (const m of notPersonalizedMessages(model, data, d.profiles))
    d.deviceRows.push({ id: ++d.rowSeq, action_id: actionId, campaign_id: String(body.id), create_time: createTime, device_id: `sandbox-${m.messageType}-${m.user}`, user_id: m.user, error: 1, error_message: NOT_PERSONALIZED });
}

const invalid = (problems: { path: string; message: string }[]) => ({
  status: 400,
  body: envelope(400, { message: `Invalid request: ${problems[0]!.message}`, errors: problems.map((p) => ({ field: p.path, message: p.message })) }),
});

/** Wraps a method so it answers only authenticated calls, like every external API method. */
function authed(method: (body: Record<string, unknown>, d: PlatformData) => { status: number; body: unknown }): PlatformRoute {
  return async ({ body, headers, state }) => {
    const a = authenticate(headers, body, state.auth);
    if (!a.ok) return { status: a.status, body: envelope(a.status, { message: a.message, ...(a.status === 400 ? { errors: [{ field: 'apptoken', message: 'apptoken is required' }] } : {}) }) };
    return method(body, dataOf(state));
  };
}

const listCampaign = authed((body, d) => {
  const { query, problems } = readListQuery(body);
  if (!query) return invalid(problems);
  const rows = [...d.campaigns.values()].map(({ messages, ...m }) => {
    const msgs = isObject(messages) ? messages : {};
    return { ...m, sms: msgs['9'] ? 1 : 0, email: msgs['7'] ? 1 : 0, web_push: msgs['3'] ? 1 : 0 };
  });
  return { status: 200, body: envelope(200, { data: applyListQuery(rows, query) }) };
});

const infoCampaign = authed((body, d) => {
  if (body.id === undefined || body.id === '') return invalid([{ path: 'id', message: 'id (the campaign id) is required' }]);
  const model = d.campaigns.get(String(body.id));
  if (!model) return { status: 404, body: envelope(404, { message: `Campaign ${String(body.id)} not found` }) };
  const select = Array.isArray(body.select) ? body.select.filter((s): s is string => typeof s === 'string') : [];
  const out = select.length ? Object.fromEntries(select.filter((k) => k in model).map((k) => [k, model[k]])) : model;
  return { status: 200, body: envelope(200, { model: structuredClone(out) }) };
});

const listPushDevices = authed((body, d) => {
  const { query, problems } = readListQuery(body);
  if (!query) return invalid(problems);
  return { status: 200, body: envelope(200, { data: applyListQuery(d.deviceRows, query) }) };
});

/** OAuth 2.0 client credentials (RFC 6749 error shape, not the API envelope). */
const oauthToken: PlatformRoute = async ({ body, state }) => {
  const d = dataOf(state);
  if (body.grant_type !== OAUTH.grantType) return { status: 400, body: { error: 'unsupported_grant_type', error_description: `grant_type must be ${OAUTH.grantType}` } };
  const id = typeof body.client_id === 'string' ? body.client_id : '';
  if (!id || d.clients.get(id) !== body.client_secret) return { status: 401, body: { error: 'invalid_client', error_description: 'Unknown client id or wrong client secret' } };
  const token = randomBytes(24).toString('hex');
  state.auth.bearerTokens!.set(token, now(state) + d.tokenTtlSeconds * 1000);
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: d.tokenTtlSeconds } };
};

/** Every platform path the sandbox answers besides execute. */
export const platformRoutes: Record<string, PlatformRoute> = {
  [OAUTH.tokenPath]: oauthToken,
  '/api/external/list/campaign': listCampaign,
  '/api/external/info/campaign': infoCampaign,
  '/api/external/list/push-devices': listPushDevices,
};
