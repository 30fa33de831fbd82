/**
 * Twig's date filter/function: PHP DateTime conversion (twig_date_converter) and PHP date() format
 * characters, with IANA time zones through Intl (works in browsers, workers and Node).
 * Supported inputs: unix timestamps (numbers / digit strings), null and 'now' (the current time),
 * ISO-like date strings with optional time and offset, "@ts", "today/midnight/tomorrow/yesterday",
 * "Month D, YYYY" forms and relative offsets ("+1 day", "-2 weeks"). Any other string is a render
 * error rather than a silently different date.
 */
import { TwigRuntimeError } from './errors';
import { Markup, PhpDate, toStr } from './php';

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new TwigRuntimeError(`Unknown or bad timezone (${tz})`);
    }
    fmtCache.set(tz, f);
  }
  return f;
}

/** Offset of a zone from UTC at an instant, in minutes. */
export function zoneOffset(tz: string | number, ms: number): number {
  if (typeof tz === 'number') return tz;
  if (tz === 'UTC') return 0;
  const parts = formatter(tz).formatToParts(new Date(Math.floor(ms / 1000) * 1000));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  // Minutes, fractional for historic local-mean-time offsets (Paris 1906: +00:09:21).
  return (asUtc - Math.floor(ms / 1000) * 1000) / 60000;
}

/** Epoch ms of a wall-clock time in a zone. */
function wallToMs(tz: string | number, y: number, mo: number, d: number, h: number, mi: number, s: number, frac = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
  let ms = guess - zoneOffset(tz, guess) * 60000;
  ms = guess - zoneOffset(tz, ms) * 60000;
  return ms;
}

/** Validates a time zone argument (IANA name, "UTC", or "+hh:mm"). */
function parseZone(tz: string): string | number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(tz);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  if (/^utc$/i.test(tz) || /^z$/i.test(tz) || /^gmt$/i.test(tz)) return 'UTC';
  formatter(tz);
  return tz;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const monthIndex = (s: string) => MONTHS.findIndex((m) => m.startsWith(s.toLowerCase()) && s.length >= 3) + 1;

function civil(ms: number, off: number) {
  const d = new Date(ms + off * 60000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(), dow: d.getUTCDay() };
}

const REL_RE = /^([+-]?\d+)\s*(sec|secs|second|seconds|min|mins|minute|minutes|hour|hours|day|days|week|weeks|fortnight|month|months|year|years)\b\s*(ago)?/i;

/** Applies PHP relative formats ("+1 day -2 hours") to a date; returns null if the text is not one. */
function applyRelative(date: PhpDate, text: string): PhpDate | null {
  let rest = text.trim();
  let cur = date;
  while (rest) {
    const m = REL_RE.exec(rest);
    if (!m) return null;
    let n = Number(m[1]);
    if (m[3]) n = -n;
    const unit = m[2]!.toLowerCase().replace(/s$/, '');
    const off = zoneOffset(cur.tz, cur.ms);
    const c = civil(cur.ms, off);
    let ms: number;
    if (unit === 'sec' || unit === 'second') ms = cur.ms + n * 1000;
    else if (unit === 'min' || unit === 'minute') ms = cur.ms + n * 60000;
    else if (unit === 'hour') ms = cur.ms + n * 3600000;
    else {
      let { y, mo, d } = c;
      if (unit === 'day') d += n;
      else if (unit === 'week') d += 7 * n;
      else if (unit === 'fortnight') d += 14 * n;
      else if (unit === 'month') mo += n;
      else y += n;
      const norm = new Date(Date.UTC(y, mo - 1, d));
      ms = wallToMs(cur.tz, norm.getUTCFullYear(), norm.getUTCMonth() + 1, norm.getUTCDate(), c.h, c.mi, c.s, c.ms);
    }
    cur = new PhpDate(ms, cur.tz);
    rest = rest.slice(m[0].length).trim();
  }
  return cur;
}

/** Parses a date string like PHP's DateTime constructor (the subset documented above). */
function parseDateString(s: string, tz: string | number, now: number): PhpDate {
  const t = s.trim();
  const lower = t.toLowerCase();
  if (lower === 'now' || lower === '') return new PhpDate(now, tz);
  const at = /^@(-?\d+(?:\.\d+)?)$/.exec(t);
  if (at) return new PhpDate(Number(at[1]) * 1000, 0);
  const c = civil(now, zoneOffset(tz, now));
  const dayWord = /^(today|midnight|tomorrow|yesterday)\b(.*)$/i.exec(t);
  if (dayWord) {
    const delta = { today: 0, midnight: 0, tomorrow: 1, yesterday: -1 }[dayWord[1]!.toLowerCase() as 'today'];
    const norm = new Date(Date.UTC(c.y, c.mo - 1, c.d + delta));
    const base = new PhpDate(wallToMs(tz, norm.getUTCFullYear(), norm.getUTCMonth() + 1, norm.getUTCDate(), 0, 0, 0), tz);
    const r = dayWord[2]!.trim() ? applyRelative(base, dayWord[2]!) : base;
    if (r) return r;
  }
  let y: number, mo: number, d: number, rest: string;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(t)) || (m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(.*)$/.exec(t))) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    rest = m[4]!;
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(.*)$/.exec(t))) {
    mo = Number(m[1]);
    d = Number(m[2]);
    y = Number(m[3]);
    rest = m[4]!;
  } else if ((m = /^(\d{1,2})[-.](\d{1,2})[-.](\d{4})(.*)$/.exec(t))) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
    rest = m[4]!;
  } else if ((m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(.*)$/.exec(t)) && monthIndex(m[1]!)) {
    mo = monthIndex(m[1]!);
    d = Number(m[2]);
    y = Number(m[3]);
    rest = m[4]!;
  } else if ((m = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(.*)$/.exec(t)) && monthIndex(m[2]!)) {
    d = Number(m[1]);
    mo = monthIndex(m[2]!);
    y = Number(m[3]);
    rest = m[4]!;
  } else {
    const r = applyRelative(new PhpDate(now, tz), t);
    if (r) return r;
    throw new TwigRuntimeError(`Failed to parse time string (${s}): format not supported by the preview engine.`);
  }
  let h = 0,
    mi = 0,
    sec = 0,
    frac = 0;
  let zone: string | number = tz;
  const tm = /^(?:[T\s]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(am|pm)?(.*)$/i.exec(rest);
  if (tm) {
    h = Number(tm[1]);
    mi = Number(tm[2]);
    sec = Number(tm[3] ?? 0);
    frac = tm[4] ? Math.floor(Number('0.' + tm[4]) * 1000) : 0;
    if (tm[5]) {
      const pm = tm[5].toLowerCase() === 'pm';
      if (h === 12) h = pm ? 12 : 0;
      else if (pm) h += 12;
    }
    rest = tm[6]!;
  }
  const zm = /^\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})\s*$/i.exec(rest);
  if (zm) {
    zone = parseZone(zm[1]!.toUpperCase() === 'Z' ? 'UTC' : zm[1]!);
    rest = '';
  }
  const base = new PhpDate(wallToMs(zone, y, mo, d, h, mi, sec, frac), zone);
  if (rest.trim()) {
    const r = applyRelative(base, rest);
    if (!r) throw new TwigRuntimeError(`Failed to parse time string (${s}): format not supported by the preview engine.`);
    return r;
  }
  return base;
}

/** twig_date_converter: a DateTime for `date` in `timezone` (null = default zone, false = keep the date's own). */
export function toDate(defaultTz: string, date: unknown, timezone: unknown, now = Date.now()): PhpDate {
  const target: string | number | false = timezone === false ? false : timezone === null || timezone === undefined ? parseZone(defaultTz) : parseZone(toStr(timezone));
  const def = parseZone(defaultTz);
  let d: PhpDate;
  if (date instanceof PhpDate) d = date;
  else if (date === null || date === undefined || date === 'now') d = new PhpDate(now, target === false ? def : target);
  else {
    const s = date instanceof Markup ? date.s : typeof date === 'number' && Number.isInteger(date) ? String(date) : toStr(date);
    if (/^-?\d+$/.test(s)) d = new PhpDate(Number(s) * 1000, 0);
    else d = parseDateString(s, def, now);
  }
  return target === false ? d : new PhpDate(d.ms, target);
}

const ABBR: Record<string, [string, string]> = {
  'Europe/London': ['GMT', 'BST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/Lisbon': ['WET', 'WEST'],
  'Europe/Athens': ['EET', 'EEST'],
  'Europe/Helsinki': ['EET', 'EEST'],
  'Europe/Bucharest': ['EET', 'EEST'],
  'Europe/Kiev': ['EET', 'EEST'],
  'Europe/Kyiv': ['EET', 'EEST'],
  'Europe/Sofia': ['EET', 'EEST'],
};
const CET = ['Paris', 'Berlin', 'Madrid', 'Rome', 'Amsterdam', 'Brussels', 'Vienna', 'Stockholm', 'Oslo', 'Copenhagen', 'Warsaw', 'Prague', 'Zurich', 'Budapest', 'Luxembourg', 'Monaco', 'Belgrade', 'Zagreb', 'Ljubljana', 'Bratislava', 'Malta', 'Andorra'];
for (const c of CET) ABBR['Europe/' + c] = ['CET', 'CEST'];

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
const fmtOffset = (off: number, colon: boolean) => (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60)) + (colon ? ':' : '') + pad(Math.floor(Math.abs(off) % 60));

function isoWeek(y: number, mo: number, d: number): [number, number] {
  const date = new Date(Date.UTC(y, mo - 1, d));
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const wy = date.getUTCFullYear();
  const firstThu = new Date(Date.UTC(wy, 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThu.getTime()) / 86400000 - 3 + ((firstThu.getUTCDay() + 6) % 7)) / 7);
  return [week, wy];
}

/** PHP's DateTime::format. */
export function phpDateFormat(date: PhpDate, format: string): string {
  const off = zoneOffset(date.tz, date.ms);
  const c = civil(date.ms, off);
  const leap = (c.y % 4 === 0 && c.y % 100 !== 0) || c.y % 400 === 0;
  const doy = Math.round((Date.UTC(c.y, c.mo - 1, c.d) - Date.UTC(c.y, 0, 1)) / 86400000);
  const dst = () => {
    if (typeof date.tz === 'number') return false;
    const jan = zoneOffset(date.tz, Date.UTC(c.y, 0, 1));
    const jul = zoneOffset(date.tz, Date.UTC(c.y, 6, 1));
    return jan !== jul && off === Math.max(jan, jul);
  };
  const abbr = () => {
    if (typeof date.tz === 'number') return fmtOffset(off, true);
    if (date.tz === 'UTC') return 'UTC';
    const known = ABBR[date.tz];
    if (known) return dst() ? known[1] : known[0];
    const name = new Intl.DateTimeFormat('en-US', { timeZone: date.tz, timeZoneName: 'short' }).formatToParts(new Date(date.ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{3,5}$/.test(name)) return name;
    return (off < 0 ? '-' : '+') + pad(Math.floor(Math.abs(off) / 60)) + (off % 60 ? pad(Math.abs(off) % 60) : '');
  };
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    const h12 = c.h % 12 === 0 ? 12 : c.h % 12;
    switch (ch) {
      case 'd':
        out += pad(c.d);
        break;
      case 'D':
        out += DAYS[c.dow]!.slice(0, 3);
        break;
      case 'j':
        out += c.d;
        break;
      case 'l':
        out += DAYS[c.dow];
        break;
      case 'N':
        out += c.dow === 0 ? 7 : c.dow;
        break;
      case 'S':
        out += c.d % 10 === 1 && c.d !== 11 ? 'st' : c.d % 10 === 2 && c.d !== 12 ? 'nd' : c.d % 10 === 3 && c.d !== 13 ? 'rd' : 'th';
        break;
      case 'w':
        out += c.dow;
        break;
      case 'z':
        out += doy;
        break;
      case 'W':
        out += pad(isoWeek(c.y, c.mo, c.d)[0]);
        break;
      case 'o':
        out += isoWeek(c.y, c.mo, c.d)[1];
        break;
      case 'F':
        out += MONTHS[c.mo - 1]![0]!.toUpperCase() + MONTHS[c.mo - 1]!.slice(1);
        break;
      case 'M':
        out += MONTHS[c.mo - 1]![0]!.toUpperCase() + MONTHS[c.mo - 1]!.slice(1, 3);
        break;
      case 'm':
        out += pad(c.mo);
        break;
      case 'n':
        out += c.mo;
        break;
      case 't':
        out += new Date(Date.UTC(c.y, c.mo, 0)).getUTCDate();
        break;
      case 'L':
        out += leap ? 1 : 0;
        break;
      case 'Y':
        out += c.y;
        break;
      case 'y':
        out += pad(c.y % 100);
        break;
      case 'a':
        out += c.h < 12 ? 'am' : 'pm';
        break;
      case 'A':
        out += c.h < 12 ? 'AM' : 'PM';
        break;
      case 'B':
        out += pad(Math.floor(((((date.ms / 1000 + 3600) % 86400) + 86400) % 86400) / 86.4), 3);
        break;
      case 'g':
        out += h12;
        break;
      case 'G':
        out += c.h;
        break;
      case 'h':
        out += pad(h12);
        break;
      case 'H':
        out += pad(c.h);
        break;
      case 'i':
        out += pad(c.mi);
        break;
      case 's':
        out += pad(c.s);
        break;
      case 'u':
        out += pad(c.ms * 1000, 6);
        break;
      case 'v':
        out += pad(c.ms, 3);
        break;
      case 'e':
        out += typeof date.tz === 'number' ? fmtOffset(off, true) : date.tz;
        break;
      case 'I':
        out += dst() ? 1 : 0;
        break;
      case 'O':
        out += fmtOffset(off, false);
        break;
      case 'P':
        out += fmtOffset(off, true);
        break;
      case 'p':
        out += off === 0 ? 'Z' : fmtOffset(off, true);
        break;
      case 'T':
        out += abbr();
        break;
      case 'Z':
        out += Math.round(off * 60);
        break;
      case 'c':
        out += phpDateFormat(date, 'Y-m-d\\TH:i:sP');
        break;
      case 'r':
        out += phpDateFormat(date, 'D, d M Y H:i:s O');
        break;
      case 'U':
        out += Math.floor(date.ms / 1000);
        break;
      case '\\':
        i++;
        if (i < format.length) out += format[i];
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** The `date` filter. */
export function formatDate(defaultTz: string, value: unknown, format: unknown, timezone: unknown): string {
  return phpDateFormat(toDate(defaultTz, value, timezone), toStr(format));
}

/** The `date_modify` filter. */
export function modifyDate(defaultTz: string, value: unknown, modifier: string): PhpDate {
  const d = toDate(defaultTz, value, false);
  const r = applyRelative(d, modifier);
  if (!r) throw new TwigRuntimeError(`Failed to parse time string (${modifier}): format not supported by the preview engine.`);
  return r;
}
