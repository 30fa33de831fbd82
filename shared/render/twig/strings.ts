/** PHP string functions Twig's filters are built on: sprintf, number_format, round, strip_tags, strtr, case mapping. */
import { TwigRuntimeError } from './errors';
import { castNumber, numToStr, toStr } from './php';

/** PHP's round() (half away from zero, with PHP's pre-rounding so that 1.005 rounds to 1.01). */
export function phpRound(value: number, places = 0): number {
  if (!Number.isFinite(value)) return value;
  const f = Math.pow(10, Math.abs(places));
  let tmp = places >= 0 ? value * f : value / f;
  if (Number.isInteger(tmp)) return value;
  // Pre-round to 15 significant digits to absorb binary representation noise, as PHP does
  // (only needed near a .5 tie; elsewhere plain rounding gives the same result faster).
  const frac = Math.abs(tmp - Math.trunc(tmp));
  if (Math.abs(frac - 0.5) < 1e-6) tmp = Number(tmp.toPrecision(15));
  const r = tmp >= 0 ? Math.floor(tmp + 0.5) : Math.ceil(tmp - 0.5);
  const out = places >= 0 ? r / f : r * f;
  // Division can reintroduce noise (e.g. 1.0049999999); PHP re-parses with precision 15 too.
  return Number(out.toPrecision(15));
}

/** PHP's number_format(). */
export function numberFormat(num: number, decimals: number, decPoint: string, thousandsSep: string): string {
  const d = Math.max(0, Math.trunc(decimals));
  const rounded = phpRound(num, d);
  const fixed = Math.abs(rounded).toFixed(d);
  const dot = fixed.indexOf('.');
  let intPart = dot < 0 ? fixed : fixed.slice(0, dot);
  if (thousandsSep && intPart.length > 3) {
    const head = intPart.length % 3 || 3;
    let grouped = intPart.slice(0, head);
    for (let i = head; i < intPart.length; i += 3) grouped += thousandsSep + intPart.slice(i, i + 3);
    intPart = grouped;
  }
  const out = dot < 0 ? intPart : intPart + decPoint + fixed.slice(dot + 1);
  return rounded < 0 && Math.abs(rounded) > 0 && fixed !== (0).toFixed(d) ? '-' + out : out;
}

/** PHP's sprintf() (Twig's `format` filter). */
export function sprintf(format: string, args: unknown[]): string {
  let next = 0;
  return format.replace(/%(?:(\d+)\$)?((?:[-+ 0]|'.)*)(\d+)?(?:\.(\d+))?([\s\S]?)/g, (_m, argnum: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    if (!conv || !'bcdeEfFgGosuxX'.includes(conv)) throw new TwigRuntimeError(conv ? `Unknown format specifier "${conv}"` : 'Missing format specifier at end of string');
    const idx = argnum ? Number(argnum) - 1 : next++;
    if (idx >= args.length) throw new TwigRuntimeError(`${args.length + 1} arguments are required, ${args.length} given`);
    const arg = args[idx];
    let left = false,
      plus = false,
      pad = ' ';
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if (f === '-') left = true;
      else if (f === '+') plus = true;
      else if (f === '0') pad = '0';
      else if (f === ' ') pad = ' ';
      else if (f === "'") {
        pad = flags[i + 1]!;
        i++;
      }
    }
    const p = prec === undefined ? undefined : Number(prec);
    let s: string;
    switch (conv) {
      case 'd': {
        const n = Math.trunc(castNumber(arg));
        s = (n < 0 ? '-' : plus ? '+' : '') + String(Math.abs(n));
        break;
      }
      case 'u': {
        const n = Math.trunc(castNumber(arg));
        s = n < 0 ? BigInt.asUintN(64, BigInt(n)).toString() : String(n);
        break;
      }
      case 'f':
      case 'F': {
        const n = castNumber(arg);
        s = (n < 0 ? '-' : plus ? '+' : '') + Math.abs(n).toFixed(p ?? 6);
        break;
      }
      case 'e':
      case 'E': {
        const n = castNumber(arg);
        const [m, ex] = Math.abs(n)
          .toExponential(p ?? 6)
          .split('e') as [string, string];
        s = (n < 0 ? '-' : plus ? '+' : '') + m + (conv === 'E' ? 'E' : 'e') + (ex.startsWith('-') ? ex : '+' + ex.replace('+', ''));
        break;
      }
      case 'g':
      case 'G': {
        const n = castNumber(arg);
        const P = p === 0 ? 1 : (p ?? 6);
        const e = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
        if (e < -4 || e >= P) {
          const [m, ex] = Math.abs(n)
            .toExponential(P - 1)
            .split('e') as [string, string];
          s = m.replace(/\.?0+$/, '') + (conv === 'G' ? 'E' : 'e') + (ex.startsWith('-') ? ex : '+' + ex.replace('+', ''));
        } else s = Number(Math.abs(n).toPrecision(P)).toString();
        s = (n < 0 ? '-' : plus ? '+' : '') + s;
        break;
      }
      case 's': {
        s = toStr(arg);
        if (p !== undefined) s = s.slice(0, p);
        break;
      }
      case 'x':
        s = (Math.trunc(castNumber(arg)) >>> 0).toString(16);
        break;
      case 'X':
        s = (Math.trunc(castNumber(arg)) >>> 0).toString(16).toUpperCase();
        break;
      case 'o':
        s = (Math.trunc(castNumber(arg)) >>> 0).toString(8);
        break;
      case 'b':
        s = (Math.trunc(castNumber(arg)) >>> 0).toString(2);
        break;
      case 'c':
        s = String.fromCharCode(Math.trunc(castNumber(arg)) & 255);
        return s;
      default:
        s = '';
    }
    const w = width ? Number(width) : 0;
    if (s.length < w) {
      if (left) s = s + (pad === '0' ? ' ' : pad).repeat(w - s.length);
      else if (pad === '0' && /^[+-]/.test(s) && conv !== 's') s = s[0] + '0'.repeat(w - s.length) + s.slice(1);
      else s = pad.repeat(w - s.length) + s;
    }
    return s;
  });
}

/** PHP's strip_tags() (tags, comments; `allowed` like "<a><b>"). */
export function stripTags(input: string, allowed: string | null): string {
  const allow = new Set((allowed ?? '').toLowerCase().match(/[a-z0-9-]+/g) ?? []);
  let out = '';
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i]!;
    if (ch !== '<') {
      out += ch;
      i++;
      continue;
    }
    const nx = input[i + 1];
    if (nx === undefined || /\s/.test(nx)) {
      out += ch;
      i++;
      continue;
    }
    if (input.startsWith('<!--', i)) {
      const e = input.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
      continue;
    }
    // Scan to the closing '>' outside quotes.
    let j = i + 1;
    let quote = '';
    let depth = 1;
    while (j < n) {
      const c = input[j]!;
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '<') depth++;
      else if (c === '>') {
        depth--;
        if (depth === 0) break;
      }
      j++;
    }
    const tag = input.slice(i, Math.min(j + 1, n));
    const m = /^<\/?\s*([a-zA-Z0-9-]+)/.exec(tag);
    if (m && allow.has(m[1]!.toLowerCase())) out += tag;
    i = j + 1;
  }
  return out;
}

/** PHP's strtr($s, array): longest keys first, one pass, replaced text is not rescanned. */
export function strtr(s: string, pairs: [string, string][]): string {
  const ps = pairs.filter(([k]) => k !== '').sort((a, b) => b[0].length - a[0].length);
  if (!ps.length || !s) return s;
  let out = '';
  let i = 0;
  outer: while (i < s.length) {
    for (const [k, v] of ps) {
      if (s.startsWith(k, i)) {
        out += v;
        i += k.length;
        continue outer;
      }
    }
    out += s[i];
    i++;
  }
  return out;
}

/** Characters that neither start nor end a word for mb_convert_case(MB_CASE_TITLE) (Unicode case-ignorable). */
const CASE_IGNORABLE = /[\p{Mn}\p{Me}\p{Cf}\p{Lm}\p{Sk}'.:^`\u00B7\u2018\u2019\u2024\u2027]/u;
const CASED = /[\p{Lu}\p{Ll}\p{Lt}]/u;

/** mb_convert_case($s, MB_CASE_TITLE): upper-case the first cased letter of each word, lower-case the rest. */
export function titleCase(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) {
    // ASCII fast path: letters are the cased characters, ' . : ^ ` the case-ignorable ones.
    let out = '';
    let inWord = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const upper = c >= 65 && c <= 90;
      const lower = c >= 97 && c <= 122;
      if (upper || lower) {
        out += inWord ? (upper ? String.fromCharCode(c + 32) : s[i]) : lower ? String.fromCharCode(c - 32) : s[i];
        inWord = true;
      } else {
        out += s[i];
        if (c !== 39 && c !== 46 && c !== 58 && c !== 94 && c !== 96) inWord = false;
      }
    }
    return out;
  }
  let out = '';
  let inWord = false;
  for (const ch of s) {
    if (CASED.test(ch)) {
      if (inWord) out += ch.toLowerCase();
      else {
        // Title case, not upper case: a multi-letter upper mapping keeps only its first letter capital (ß -> Ss).
        const up = Array.from(ch.toUpperCase());
        out += up[0]! + up.slice(1).join('').toLowerCase();
      }
      inWord = true;
    } else {
      out += ch;
      if (!CASE_IGNORABLE.test(ch)) inWord = false;
    }
  }
  return out;
}

/** PHP's trim/ltrim/rtrim with a character mask (supports `a..z` ranges). */
export function phpTrim(s: string, mask: string, side: string): string {
  const set = new Set<string>();
  const m = Array.from(mask);
  for (let i = 0; i < m.length; i++) {
    if (m[i + 1] === '.' && m[i + 2] === '.' && m[i + 3] !== undefined) {
      for (let c = m[i]!.charCodeAt(0); c <= m[i + 3]!.charCodeAt(0); c++) set.add(String.fromCharCode(c));
      i += 3;
    } else set.add(m[i]!);
  }
  let a = 0;
  let b = s.length;
  if (side === 'both' || side === 'left') while (a < b && set.has(s[a]!)) a++;
  if (side === 'both' || side === 'right') while (b > a && set.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

export { numToStr };
