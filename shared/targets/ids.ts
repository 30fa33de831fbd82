/**
 * Id format checks for the `target_by` kinds the platform validates: e-mail addresses and phone
 * numbers (E.164 digits without `+`, e.g. `353850123456`). Hand-written checks rather than one
 * regex per id: they run on 100,000 ids and must also say *why* an id is wrong.
 */
import type { Diagnostic } from '../diagnostics';
import type { RowsDiagnostic } from './types';
import { clip, listWithMore, plural } from './text';

/** The `target_by` values whose ids are e-mail addresses. */
export const EMAIL_TARGET_BY: readonly string[] = ['email', 'email_address'];
/** The `target_by` values whose ids are phone numbers. */
export const PHONE_TARGET_BY: readonly string[] = ['mobile_number', 'phone', 'msisdn', 'phone_number', 'mobile'];

/** What kind of id a `target_by` value implies. */
export function idKind(targetBy: string | undefined): 'email' | 'phone' | 'other' {
  const t = (targetBy ?? '').trim().toLowerCase();
  if (EMAIL_TARGET_BY.includes(t)) return 'email';
  if (PHONE_TARGET_BY.includes(t)) return 'phone';
  return 'other';
}

/** True for a plausible e-mail address: one `@`, a dotted domain, no spaces. */
export function isEmail(id: string): boolean {
  const at = id.indexOf('@');
  if (at <= 0 || at !== id.lastIndexOf('@') || id.length > 254) return false;
  const domain = id.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  if (dot <= 0 || dot === domain.length - 1 || domain.startsWith('-') || domain.includes('..')) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 32 || c === 0x7f || c === 44 || c === 59 || c === 60 || c === 62 || c === 34) return false;
  }
  return !id.startsWith('.') && id[at - 1] !== '.';
}

/** Phone id verdict: `ok` (E.164 digits), `plus` (valid but with a leading +), or why it is invalid. */
export function checkPhone(id: string): 'ok' | 'plus' | 'separators' | 'national' | 'length' | 'characters' {
  const plus = id.charCodeAt(0) === 43;
  const start = plus ? 1 : 0;
  let separators = false;
  let other = false;
  let digits = 0;
  for (let i = start; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 0xa0) separators = true;
    else other = true;
  }
  if (other || digits === 0) return 'characters';
  if (separators) return 'separators';
  if (id.charCodeAt(start) === 48) return 'national';
  if (digits < 7 || digits > 15) return 'length';
  return plus ? 'plus' : 'ok';
}

/** Digits-only form of a phone id (`+353 85 012 3456` → `353850123456`); a suggestion, never applied silently. */
export function normalizePhoneId(id: string): string {
  let out = '';
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 48 && c <= 57) out += id[i];
  }
  return out.startsWith('00') ? out.slice(2) : out;
}

const REASONS: Record<string, string> = {
  separators: 'contains spaces or punctuation',
  national: 'starts with 0 (national format or a 00 prefix, not E.164)',
  length: 'does not have 7 to 15 digits',
  characters: 'contains characters other than digits',
};

/** Where the ids came from, so the warning can name rows (CSV) or other places. */
export interface IdPlaces {
  /** Spreadsheet row of `ids[i]`. */
  rows?: ArrayLike<number | undefined>;
  /** Words for `ids[i]` when there are no rows (e.g. "target[3]"). */
  label?: (index: number) => string;
  file?: string;
}

const LIST_MAX = 10;

/** Names of the invisible and direction-changing characters found in ids (Unicode's own names). */
const CHAR_NAMES: Record<number, string> = {
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0xad: 'SOFT HYPHEN',
  0x34f: 'COMBINING GRAPHEME JOINER',
  0x61c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
};

/**
 * The first character of `id` a person cannot see or that reorders what they see (controls such as
 * line breaks, zero-width characters, bidi overrides and isolates, tag characters), as
 * `U+200B ZERO WIDTH SPACE`; undefined for an ordinary id. ASCII ids cost one comparison per character.
 */
export function invisibleCharacter(id: string): string | undefined {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < id.length) cp = id.codePointAt(i) as number;
    const invisible =
      c < 0x20 ||
      (c >= 0x7f && c <= 0x9f) ||
      c === 0xad ||
      c === 0x34f ||
      c === 0x61c ||
      c === 0x180e ||
      (c >= 0x200b && c <= 0x200f) ||
      (c >= 0x2028 && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x206f) ||
      c === 0xfeff ||
      (c >= 0xfff9 && c <= 0xfffb) ||
      (cp >= 0xe0000 && cp <= 0xe007f);
    if (invisible) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const name = CHAR_NAMES[cp] ?? (cp >= 0xe0000 ? 'TAG CHARACTER' : cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'CONTROL CHARACTER' : 'FORMAT CHARACTER');
      return `U+${hex} ${name}`;
    }
    if (cp > 0xffff) i++;
  }
  return undefined;
}

/** Ids listed one by one before a summary of the rest. */
const INVISIBLE_MAX = 20;

/**
 * Checks ids: for every `target_by`, characters nobody can see (a warning per id naming its row and
 * the character); then the format for `target_by` (`email`: address shape; phone kinds: E.164
 * digits, `+` accepted with a warning), at most one warning per problem kind, listing the first
 * offenders and how many more; `rows` on the diagnostic lists every offending row.
 */
export function validateIds(targetBy: string | undefined, ids: readonly string[], where: IdPlaces = {}): RowsDiagnostic[] {
  const out: RowsDiagnostic[] = invisibleInIds(ids, where);
  const kind = idKind(targetBy);
  if (kind === 'other') return out;
  const at = where.file ? { file: where.file } : {};
  const describe = (i: number): string => {
    const row = where.rows?.[i];
    const id = clip(ids[i] as string, 40);
    if (row !== undefined) return `row ${row} (${id})`;
    return where.label ? `${where.label(i)} (${id})` : id;
  };
  const report = (code: string, severity: Diagnostic['severity'], idxs: number[], what: string) => {
    if (idxs.length === 0) return;
    const first = idxs[0] as number;
    const rows = where.rows ? idxs.map((i) => where.rows?.[i]).filter((r): r is number => r !== undefined) : undefined;
    const d: RowsDiagnostic = {
      code,
      severity,
      message: `${plural(idxs.length, 'id')} ${what}: ${listWithMore(idxs.slice(0, LIST_MAX + 1).map(describe), LIST_MAX, idxs.length)}.`,
      target: ids[first] as string,
      ...at,
    };
    const row = where.rows?.[first];
    if (row !== undefined) d.row = row;
    if (rows && rows.length > 0) d.rows = rows;
    out.push(d);
  };

  if (kind === 'email') {
    const bad: number[] = [];
    for (let i = 0; i < ids.length; i++) if (!isEmail(ids[i] as string)) bad.push(i);
    report('invalid-email', 'warning', bad, `${bad.length === 1 ? 'is not' : 'are not'} a valid e-mail address for target_by "${targetBy}"`);
    return out;
  }
  const plus: number[] = [];
  const byReason = new Map<string, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const v = checkPhone(ids[i] as string);
    if (v === 'ok') continue;
    if (v === 'plus') plus.push(i);
    else {
      const list = byReason.get(v);
      if (list) list.push(i);
      else byReason.set(v, [i]);
    }
  }
  for (const [reason, idxs] of byReason) {
    report('invalid-phone', 'warning', idxs, `for target_by "${targetBy}" ${REASONS[reason]}; the platform expects international digits without + (e.g. 353850123456)`);
  }
  report('phone-plus', 'warning', plus, `start with + ; the platform expects the digits without it (e.g. 353850123456 rather than +353850123456)`);
  return out;
}

/**
 * One warning per id holding an invisible or direction-changing character (two ids that look the
 * same are different users to the platform), e.g. `row 4: id contains U+200B ZERO WIDTH SPACE`;
 * past INVISIBLE_MAX, one summary with the count.
 */
function invisibleInIds(ids: readonly string[], where: IdPlaces): RowsDiagnostic[] {
  const out: RowsDiagnostic[] = [];
  const at = where.file ? { file: where.file } : {};
  let more = 0;
  for (let i = 0; i < ids.length; i++) {
    const ch = invisibleCharacter(ids[i] as string);
    if (!ch) continue;
    if (out.length >= INVISIBLE_MAX) {
      more++;
      continue;
    }
    const row = where.rows?.[i];
    const place = row !== undefined ? `row ${row}` : where.label ? where.label(i) : `id ${i + 1}`;
    const d: RowsDiagnostic = { code: 'id-invisible-character', severity: 'warning', message: `${place}: id contains ${ch} (${clip(shown(ids[i] as string), 60)}); it looks like another id but is a different user`, target: ids[i] as string, ...at };
    if (row !== undefined) d.row = row;
    out.push(d);
  }
  if (more > 0) out.push({ code: 'id-invisible-character', severity: 'warning', message: `…and ${plural(more, 'more id')} with invisible characters.`, ...at });
  return out;
}

/** The id with every invisible character written as `<U+200B>`, so the message itself shows them and cannot be reordered. */
function shown(id: string): string {
  let out = '';
  for (const ch of id) {
    const found = invisibleCharacter(ch);
    out += found ? `<${found.slice(0, found.indexOf(' '))}>` : ch;
  }
  return out;
}
