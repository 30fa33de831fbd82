/**
 * Small text helpers shared by the parsers: offset → line/column, clipping offending text for
 * messages, "a, b and 3 more" lists, prototype-safe property writes and capped diagnostics.
 */
import type { Diagnostic } from '../diagnostics';

/** Maps character offsets to 1-based line and column; built once per text in O(n). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column of `offset` (clamped to the text). */
  position(offset: number): { line: number; column: number } {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(0, offset - (s[lo] as number)) + 1 };
  }
}

/** Shortens text for a message and makes invisible characters visible. */
export function clip(text: string, max = 40): string {
  const t = text.length > max ? text.slice(0, max) + '…' : text;
  return JSON.stringify(t);
}

/**
 * "a, b and c" — or "a, b, … and 12 more" past `max` items. `total` is the full count when only the
 * first items were formatted (so 100,000 offenders are not all turned into text).
 */
export function listWithMore(items: readonly string[], max = 10, total = items.length): string {
  if (total === 0) return '';
  if (total === 1) return items[0] as string;
  if (total <= max) return `${items.slice(0, total - 1).join(', ')} and ${items[total - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${total - max} more`;
}

/** "1 row" / "3 rows". */
export function plural(n: number, word: string, many = word + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/**
 * Writes an own property even for `__proto__`, which a plain assignment would turn into a
 * prototype change: ids and column names come from user files.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

const hasOwn = Object.prototype.hasOwnProperty;
/** Own-property test that ignores inherited names such as `constructor`. */
export function has(obj: object, key: string): boolean {
  return hasOwn.call(obj, key);
}

/**
 * Collects diagnostics with a cap per code, so 100,000 bad rows give 100 precise diagnostics and one
 * summary instead of a list nobody can read (and a UI that freezes rendering it).
 */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private readonly counts = new Map<string, number>();
  private readonly over = new Map<string, { n: number; sample: Diagnostic }>();
  constructor(private readonly cap = 100) {}
  add(d: Diagnostic): void {
    const n = (this.counts.get(d.code) ?? 0) + 1;
    this.counts.set(d.code, n);
    if (n <= this.cap) this.list.push(d);
    else {
      const o = this.over.get(d.code);
      if (o) o.n++;
      else this.over.set(d.code, { n: 1, sample: d });
    }
  }
  /** The collected diagnostics plus one summary per code that went over the cap. */
  finish(): Diagnostic[] {
    for (const [code, { n, sample }] of this.over) {
      this.list.push({ code, severity: sample.severity, message: `…and ${plural(n, 'more problem')} of this kind (${code}) not listed.`, ...(sample.file ? { file: sample.file } : {}) });
    }
    this.over.clear();
    return this.list;
  }
}

/** True when the char code is whitespace a spreadsheet user would not see (incl. NBSP and BOM). */
export function isBlankCode(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0xfeff || c === 0x2007 || c === 0x202f;
}
