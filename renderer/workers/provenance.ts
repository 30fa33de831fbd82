/**
 * Provenance of rendered text, for highlighting values by source in previews.
 *
 * The render pipeline reports which source each attribute came from, not where its value landed in
 * the output. To find the spans, the cell is rendered a second time with every string value wrapped
 * in private-use sentinels: U+E000+i before and U+E100+i after the value of attribute i (up to 256
 * attributes per node). The output is then split on them. Values are data, so the sentinels pass
 * through filters that keep unknown characters (upper, escape, trim of the ends keeps them inside).
 *
 * The send and the preview never see this second render: it only drives highlighting. When the
 * wrapped render, with the sentinels removed, differs from the real output (a value used in a
 * comparison, `length`, `slice`, arithmetic…), the spans are found instead by searching the real
 * output for each value (longest first); `exact` is then false.
 */
import type { CompiledNode } from '../../shared/campaign/render';
import { resolveValue, type Profiles, type SendData, type ValueSource } from '../../shared/campaign/send-data';
import type { Segment } from './render-protocol';

const OPEN = 0xe000;
const CLOSE = 0xe100;
const SENTINELS = /[\uE000-\uE1FF]/g;

/** Splits sentinel-wrapped output into segments. */
export function splitSentinels(out: string, attrs: readonly string[], sources: Record<string, ValueSource>): Segment[] {
  const segs: Segment[] = [];
  let buf = '';
  let cur: string | undefined;
  const flush = () => {
    if (buf || cur) segs.push(cur ? { text: buf, attr: cur, source: sources[cur] } : { text: buf });
    buf = '';
  };
  for (const ch of out) {
    const c = ch.charCodeAt(0);
    if (c >= OPEN && c < OPEN + 256) {
      flush();
      cur = attrs[c - OPEN];
    } else if (c >= CLOSE && c < CLOSE + 256) {
      flush();
      cur = undefined;
    } else buf += ch;
  }
  if (buf) segs.push(cur ? { text: buf, attr: cur, source: sources[cur] } : { text: buf });
  return segs;
}

/** Finds values in plain output by search (the fallback), longest value first. */
export function searchSegments(out: string, values: { attr: string; text: string; source: ValueSource }[]): Segment[] {
  const marks: { start: number; end: number; attr: string; source: ValueSource }[] = [];
  for (const v of [...values].filter((v) => v.text.length > 0).sort((a, b) => b.text.length - a.text.length)) {
    let i = out.indexOf(v.text);
    while (i >= 0) {
      const end = i + v.text.length;
      if (!marks.some((m) => i < m.end && end > m.start)) marks.push({ start: i, end, attr: v.attr, source: v.source });
      i = out.indexOf(v.text, end);
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const segs: Segment[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.start > pos) segs.push({ text: out.slice(pos, m.start) });
    segs.push({ text: out.slice(m.start, m.end), attr: m.attr, source: m.source });
    pos = m.end;
  }
  if (pos < out.length) segs.push({ text: out.slice(pos) });
  return segs;
}

/** Segments of every field of one node for one user, and whether the sentinel split was exact. */
export function provenanceOf(cn: CompiledNode, target: string, data: SendData, profiles: Profiles, real: Record<string, string>): { fields: Record<string, Segment[]>; exact: boolean } {
  const attrs = cn.references.slice(0, 256);
  const wrapped: Record<string, unknown> = {};
  const sources: Record<string, ValueSource> = {};
  const values: { attr: string; text: string; source: ValueSource }[] = [];
  attrs.forEach((name, i) => {
    const { value, source } = resolveValue(name, target, data, profiles);
    sources[name] = source;
    const isText = typeof value === 'string' || typeof value === 'number';
    wrapped[name] = isText ? String.fromCharCode(OPEN + i) + String(value) + String.fromCharCode(CLOSE + i) : value;
    if (isText) values.push({ attr: name, text: String(value), source });
  });
  let exact = true;
  const fields: Record<string, Segment[]> = {};
  for (const f of cn.fields) {
    const out = f.template.render(wrapped, { seed: target }).output;
    const realOut = real[f.name] ?? '';
    if (out.replace(SENTINELS, '') === realOut) fields[f.name] = splitSentinels(out, attrs, sources);
    else {
      exact = false;
      fields[f.name] = searchSegments(realOut, values);
    }
  }
  return { fields, exact };
}
