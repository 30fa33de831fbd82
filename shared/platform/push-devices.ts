/**
 * Delivery follow-up: reads `list/push-devices` error rows and maps them to the users and batches
 * of one send ("Not personalized": 3 users). Rows the send does not explain are counted, not hidden.
 */
import type { PlatformProblem } from './campaign';

/** One error row of `list/push-devices`. */
export interface DeviceErrorRow {
  campaignId?: string;
  /** Seconds since the epoch, when the row's `create_time` could be read. */
  createTime?: number;
  deviceId?: string;
  userId?: string;
  errorMessage: string;
  /** Row fields we do not map. */
  other: Record<string, unknown>;
}

/** The users of one batch of a send. */
export interface SendBatchTargets {
  index: number;
  targets: string[];
}

/** Users who got one error message. */
export interface ErrorGroup {
  message: string;
  users: { user: string; batch?: number; devices: string[] }[];
  /** Rows with this error that name no user of the send (another send, or no user id on the row). */
  otherRows: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/** Reads `create_time` as unix seconds: a number (seconds or milliseconds) or a UTC date string. */
export function parseCreateTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1e12 ? Math.floor(v / 1000) : v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseCreateTime(Number(v));
  if (typeof v === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
    const t = Date.parse(iso);
    if (Number.isFinite(t)) return Math.floor(t / 1000);
  }
  return undefined;
}

const KNOWN = new Set(['campaign_id', 'create_time', 'device_id', 'user_id', 'error_message']);

/** Reads the `data` of a `list/push-devices` response; unreadable rows are problems with their place. */
export function parsePushDevices(data: unknown, path = 'data'): { rows: DeviceErrorRow[]; problems: PlatformProblem[] } {
  let list = data;
  if (isObject(data)) {
    const firstArray = Object.entries(data).find(([, v]) => Array.isArray(v));
    if (firstArray) {
      list = firstArray[1];
      path = `${path}.${firstArray[0]}`;
    }
  }
  if (!Array.isArray(list)) return { rows: [], problems: [{ path, message: 'expected a list of device rows' }] };
  const rows: DeviceErrorRow[] = [];
  const problems: PlatformProblem[] = [];
  list.forEach((r, i) => {
    if (!isObject(r)) {
      problems.push({ path: `${path}[${i}]`, message: 'expected a device row object' });
      return;
    }
    const other: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!KNOWN.has(k)) other[k] = v;
    const row: DeviceErrorRow = { errorMessage: str(r.error_message) ?? '(no error message)', other };
    const campaignId = str(r.campaign_id);
    if (campaignId) row.campaignId = campaignId;
    const createTime = parseCreateTime(r.create_time);
    if (createTime !== undefined) row.createTime = createTime;
    const deviceId = str(r.device_id);
    if (deviceId) row.deviceId = deviceId;
    const userId = str(r.user_id);
    if (userId) row.userId = userId;
    rows.push(row);
  });
  return { rows, problems };
}

/** Groups error rows by message and maps them to the send's users and batches. */
export function groupDeliveryErrors(rows: DeviceErrorRow[], batches: SendBatchTargets[]): ErrorGroup[] {
  const batchOf = new Map<string, number>();
  for (const b of batches) for (const t of b.targets) if (!batchOf.has(t)) batchOf.set(t, b.index);
  const groups = new Map<string, { users: Map<string, { batch?: number; devices: string[] }>; otherRows: number }>();
  for (const row of rows) {
    let g = groups.get(row.errorMessage);
    if (!g) groups.set(row.errorMessage, (g = { users: new Map(), otherRows: 0 }));
    const user = row.userId;
    if (!user || !batchOf.has(user)) {
      g.otherRows++;
      continue;
    }
    let u = g.users.get(user);
    if (!u) g.users.set(user, (u = { batch: batchOf.get(user), devices: [] }));
    if (row.deviceId && !u.devices.includes(row.deviceId)) u.devices.push(row.deviceId);
  }
  return [...groups.entries()].map(([message, g]) => ({ message, users: [...g.users.entries()].map(([user, v]) => ({ user, ...v })), otherRows: g.otherRows })).sort((a, b) => b.users.length - a.users.length || a.message.localeCompare(b.message));
}
