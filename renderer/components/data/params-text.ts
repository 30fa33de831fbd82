/** Params as text and back: the JSON view's parse (with line and column) and the table view's cells. */
import { parseJson, toPlain } from '../../../shared/targets/json';
import { LineIndex } from '../../../shared/targets/text';

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'json';

/** Parses the JSON view: an object, or an error with its line and column (nothing is changed). */
export function parseParamsJson(text: string): { ok: true; params: Record<string, unknown> } | { ok: false; message: string; line: number; column: number } {
  const r = parseJson(text);
  if (!r.ok) {
    const p = new LineIndex(text).position(r.offset);
    return { ok: false, message: r.message, ...p };
  }
  if (r.node.kind !== 'object') {
    const p = new LineIndex(text).position(r.node.start);
    return { ok: false, message: 'params must be a JSON object ({"name": value, …})', ...p };
  }
  return { ok: true, params: toPlain(r.node) as Record<string, unknown> };
}

export function kindOfValue(v: unknown): ValueKind {
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'json';
}

/** A value as the table view's cell shows it: strings as they are, anything else as JSON. */
export function valueText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** A table cell back to a value of the chosen kind, or why it cannot be. */
export function parseCell(text: string, kind: ValueKind): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (kind) {
    case 'string':
      return { ok: true, value: text };
    case 'null':
      return { ok: true, value: null };
    case 'number': {
      const t = text.trim();
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${JSON.stringify(text)} is not a number` };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return { ok: true, value: true };
      if (t === 'false') return { ok: true, value: false };
      return { ok: false, message: `${JSON.stringify(text)} is not true or false` };
    }
    case 'json': {
      const r = parseJson(text);
      if (r.ok) return { ok: true, value: toPlain(r.node) };
      const p = new LineIndex(text).position(r.offset);
      return { ok: false, message: `invalid JSON at line ${p.line}, column ${p.column}: ${r.message}` };
    }
  }
}
