/**
 * The platform's campaign as `info/campaign` and `list/campaign` return it, parsed leniently: what we
 * understand is typed, everything else is kept (never silently dropped), and what cannot be read at
 * all is a problem with its place.
 */
import { API_TRIGGER, CAMPAIGN_FIELDS, LIST_CHANNEL_FLAGS, MESSAGE_MAPPINGS } from './assumptions';

/** One problem reading a platform response, located by its path in the response (`model.messages.9`). */
export interface PlatformProblem {
  path: string;
  message: string;
}

/** A campaign model from `info/campaign`: the known fields typed, the rest kept as they came. */
export interface PlatformCampaign {
  id: string;
  title: string;
  active?: boolean;
  trigger?: number;
  /** Messages by message type (`"9"` SMS, …), each the raw object the platform sent. */
  messages: Record<string, Record<string, unknown>>;
  /** Campaign-level fields we do not map, as they came. */
  other: Record<string, unknown>;
}

/** One row of `list/campaign`. */
export interface PlatformCampaignRow {
  id: string;
  title: string;
  active?: boolean;
  apiTriggered: boolean;
  /** Channels the row says the campaign has (labels), when the row carries channel flags. */
  channels: string[];
  /** Row fields we do not map. */
  other: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The platform sends flags as booleans, 0/1 or "0"/"1"; anything else is "unknown". */
export function readFlag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  return undefined;
}

function readId(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Reads the `model` of an `info/campaign` response. */
export function parseCampaignModel(model: unknown, path = 'model'): { campaign?: PlatformCampaign; problems: PlatformProblem[] } {
  const problems: PlatformProblem[] = [];
  if (!isObject(model)) return { problems: [{ path, message: 'expected the campaign as an object' }] };
  const id = readId(model[CAMPAIGN_FIELDS.id]);
  if (!id) problems.push({ path: `${path}.${CAMPAIGN_FIELDS.id}`, message: 'the campaign has no id' });
  const rawMessages = model[CAMPAIGN_FIELDS.messages];
  const messages: Record<string, Record<string, unknown>> = {};
  if (rawMessages === undefined || rawMessages === null) {
    /* a campaign without messages is readable; it imports with no nodes and says so */
  } else if (isObject(rawMessages)) {
    for (const [type, m] of Object.entries(rawMessages)) {
      if (isObject(m)) messages[type] = m;
      else problems.push({ path: `${path}.${CAMPAIGN_FIELDS.messages}.${type}`, message: 'expected the message as an object' });
    }
  } else if (Array.isArray(rawMessages)) {
    // Tolerated variant: a list of messages that each name their type.
    rawMessages.forEach((m, i) => {
      const t = isObject(m) ? readId(m.type ?? m.message_type) : undefined;
      if (isObject(m) && t) messages[t] = m;
      else problems.push({ path: `${path}.${CAMPAIGN_FIELDS.messages}[${i}]`, message: 'expected a message object with its type' });
    });
  } else problems.push({ path: `${path}.${CAMPAIGN_FIELDS.messages}`, message: 'expected messages keyed by message type' });
  if (!id) return { problems };
  const known = new Set<string>(Object.values(CAMPAIGN_FIELDS));
  const other: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model)) if (!known.has(k)) other[k] = v;
  const trigger = Number(model[CAMPAIGN_FIELDS.trigger]);
  const title = model[CAMPAIGN_FIELDS.title];
  return {
    campaign: {
      id,
      title: typeof title === 'string' ? title : '',
      active: readFlag(model[CAMPAIGN_FIELDS.active]),
      ...(Number.isFinite(trigger) && model[CAMPAIGN_FIELDS.trigger] !== undefined ? { trigger } : {}),
      messages,
      other,
    },
    problems,
  };
}

/** Reads the `data` of a `list/campaign` response; unreadable rows are problems, the rest still list. */
export function parseCampaignList(data: unknown, path = 'data'): { rows: PlatformCampaignRow[]; problems: PlatformProblem[] } {
  const problems: PlatformProblem[] = [];
  // Some list methods wrap rows (`{items: […]}`); accept a bare array or the first array field.
  let list: unknown = data;
  if (isObject(data)) {
    const firstArray = Object.entries(data).find(([, v]) => Array.isArray(v));
    if (firstArray) {
      list = firstArray[1];
      path = `${path}.${firstArray[0]}`;
    }
  }
  if (!Array.isArray(list)) return { rows: [], problems: [{ path, message: 'expected a list of campaigns' }] };
  const rows: PlatformCampaignRow[] = [];
  const known = new Set(['id', 'title', 'active', 'trigger', ...Object.keys(LIST_CHANNEL_FLAGS)]);
  list.forEach((r, i) => {
    const id = isObject(r) ? readId(r.id) : undefined;
    if (!isObject(r) || !id) {
      problems.push({ path: `${path}[${i}]`, message: 'expected a campaign with an id' });
      return;
    }
    const other: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!known.has(k)) other[k] = v;
    const channels = Object.entries(LIST_CHANNEL_FLAGS)
      .filter(([flag]) => readFlag(r[flag]) === true)
      .map(([, label]) => label);
    rows.push({
      id,
      title: typeof r.title === 'string' ? r.title : '',
      active: readFlag(r.active),
      apiTriggered: r.trigger === undefined || Number(r.trigger) === API_TRIGGER,
      channels,
      other,
    });
  });
  return { rows, problems };
}

/** Human label of a message type ("SMS", "Inbox", "Webhook", or "message type 12"). */
export function messageTypeLabel(type: string | number): string {
  const m = MESSAGE_MAPPINGS.find((x) => String(x.type) === String(type));
  if (m) return m.label;
  if (String(type) === '8') return 'Webhook';
  return `message type ${type}`;
}
