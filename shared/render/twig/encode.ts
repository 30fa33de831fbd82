/** PHP's json_encode and http_build_query on template values (the `json_encode` and `url_encode` filters). */
import { TwigRuntimeError } from './errors';
import { entriesOf, isArray, isListLike, valuesOf, type PhpArray } from './arrays';
import { Markup } from './objects';
import { toStr } from './php';
import { rawUrlEncode } from './runtime';

/** PHP json_encode of a number (serialize_precision -1): shortest digits, exponent form below 1e-4 as "1.0e-7". */
function jsonNumber(v: number): string {
  if (!Number.isFinite(v)) throw new TwigRuntimeError('Inf and NaN cannot be JSON encoded');
  if (Number.isInteger(v) && Math.abs(v) < 9.2e18) return String(v);
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -4 && e < 15) return String(v);
  const [m, x] = v.toExponential().split('e') as [string, string];
  return `${m.includes('.') ? m : m + '.0'}e${x.startsWith('-') ? x : '+' + x.replace('+', '')}`;
}

/** PHP's json_encode with its flag bits (64 unescaped slashes, 128 pretty print, 256 unescaped unicode). */
export function jsonEncode(v: unknown, flags: number, indent = ''): string {
  const slashes = !(flags & 64);
  const unicode = !(flags & 256);
  const pretty = (flags & 128) !== 0;
  const encStr = (s: string): string => {
    let o = '"';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      const c = s.charCodeAt(i);
      if (ch === '"') o += '\\"';
      else if (ch === '\\') o += '\\\\';
      else if (ch === '/') o += slashes ? '\\/' : '/';
      else if (c < 0x20) o += ({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ?? '\\u' + c.toString(16).padStart(4, '0');
      else if (c > 0x7f && unicode) o += '\\u' + c.toString(16).padStart(4, '0');
      else o += ch;
    }
    return o + '"';
  };
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return jsonNumber(v);
  if (typeof v === 'string') return encStr(v);
  if (v instanceof Markup) return encStr(v.s);
  if (isArray(v)) {
    const nl = pretty ? '\n' + indent + '    ' : '';
    const end = pretty ? '\n' + indent : '';
    const sep = pretty ? ': ' : ':';
    if (isListLike(v)) {
      const vals = valuesOf(v);
      if (!vals.length) return '[]';
      return '[' + vals.map((x) => nl + jsonEncode(x, flags, indent + '    ')).join(',') + end + ']';
    }
    return (
      '{' +
      entriesOf(v)
        .map(([k, x]) => nl + encStr(String(k)) + sep + jsonEncode(x, flags, indent + '    '))
        .join(',') +
      end +
      '}'
    );
  }
  return 'null';
}

/** PHP's http_build_query with RFC 3986 encoding (Twig's url_encode of an array). */
export function httpBuildQuery(v: PhpArray, prefix: string | null = null): string[] {
  const parts: string[] = [];
  for (const [k, val] of entriesOf(v)) {
    const key = prefix === null ? rawUrlEncode(String(k)) : `${prefix}%5B${rawUrlEncode(String(k))}%5D`;
    if (val === null || val === undefined) continue;
    if (isArray(val)) parts.push(...httpBuildQuery(val, key));
    else parts.push(`${key}=${rawUrlEncode(val === true ? '1' : val === false ? '0' : toStr(val))}`);
  }
  return parts;
}
