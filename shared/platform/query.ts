/**
 * The list methods' query body (`condition`, `select`, `order`, `limit`, `offset`) applied to rows in
 * memory: the sandbox answers `list/campaign` and `list/push-devices` with it. Conditions are
 * `[[field, op, value], …]` (documented shape); the operators are the SQL-like ones a caller expects.
 */
import type { PlatformProblem } from './campaign';

type Row = Record<string, unknown>;

const OPS = ['=', '!=', '<>', '>', '>=', '<', '<=', 'like', 'in'] as const;

function compare(a: unknown, b: unknown): number {
  const na = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a ?? '').localeCompare(String(b ?? ''));
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

function test(row: Row, field: string, op: string, value: unknown): boolean {
  const v = row[field];
  switch (op) {
    case '=':
      return compare(v, value) === 0;
    case '!=':
    case '<>':
      return compare(v, value) !== 0;
    case '>':
      return compare(v, value) > 0;
    case '>=':
      return compare(v, value) >= 0;
    case '<':
      return compare(v, value) < 0;
    case '<=':
      return compare(v, value) <= 0;
    case 'like':
      return likeToRegExp(String(value)).test(String(v ?? ''));
    case 'in':
      return Array.isArray(value) && value.some((x) => compare(v, x) === 0);
  }
  return false;
}

/** A list query read from a request body, or the problems that make it invalid (with their field). */
export interface ListQuery {
  conditions: [string, string, unknown][];
  select?: string[];
  order?: [string, 'asc' | 'desc'];
  limit: number;
  offset: number;
}

/** Reads `condition`, `select`, `order`, `limit` and `offset` from a list method's body. */
export function readListQuery(body: Record<string, unknown>, maxLimit = 1000): { query?: ListQuery; problems: PlatformProblem[] } {
  const problems: PlatformProblem[] = [];
  const conditions: [string, string, unknown][] = [];
  if (body.condition !== undefined) {
    if (!Array.isArray(body.condition)) problems.push({ path: 'condition', message: 'condition must be a list of [field, operator, value]' });
    else
      body.condition.forEach((c, i) => {
        if (!Array.isArray(c) || c.length !== 3 || typeof c[0] !== 'string' || typeof c[1] !== 'string') problems.push({ path: `condition[${i}]`, message: 'each condition must be [field, operator, value]' });
        else if (!(OPS as readonly string[]).includes(c[1].toLowerCase())) problems.push({ path: `condition[${i}]`, message: `unknown operator "${c[1]}" (use ${OPS.join(' ')})` });
        else conditions.push([c[0], c[1].toLowerCase(), c[2]]);
      });
  }
  let select: string[] | undefined;
  if (body.select !== undefined) {
    if (Array.isArray(body.select) && body.select.every((s) => typeof s === 'string')) select = body.select as string[];
    else if (typeof body.select === 'string')
      select = body.select
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else problems.push({ path: 'select', message: 'select must be a list of field names' });
  }
  let order: ListQuery['order'];
  if (body.order !== undefined) {
    const o = body.order;
    if (Array.isArray(o) && typeof o[0] === 'string' && (o[1] === undefined || /^(asc|desc)$/i.test(String(o[1])))) order = [o[0], String(o[1] ?? 'asc').toLowerCase() as 'asc' | 'desc'];
    else problems.push({ path: 'order', message: 'order must be [field, "asc"|"desc"]' });
  }
  const limit = body.limit === undefined ? 100 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) problems.push({ path: 'limit', message: `limit must be a whole number from 1 to ${maxLimit}` });
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isInteger(offset) || offset < 0) problems.push({ path: 'offset', message: 'offset must be a whole number from 0' });
  if (problems.length) return { problems };
  return { query: { conditions, select, order, limit, offset }, problems };
}

/** Applies a list query to rows: filter, order, page, then select. */
export function applyListQuery(rows: Row[], q: ListQuery): Row[] {
  let out = rows.filter((r) => q.conditions.every(([f, op, v]) => test(r, f, op, v)));
  if (q.order) {
    const [field, dir] = q.order;
    out = [...out].sort((a, b) => (dir === 'desc' ? -1 : 1) * compare(a[field], b[field]));
  }
  out = out.slice(q.offset, q.offset + q.limit);
  if (q.select) {
    const sel = q.select;
    out = out.map((r) => Object.fromEntries(sel.filter((k) => k in r).map((k) => [k, r[k]])));
  }
  return out;
}
