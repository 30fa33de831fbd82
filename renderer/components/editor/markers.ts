/**
 * Places diagnostics in the campaign file: a template diagnostic names a node, a field and a line
 * and column inside the template; the YAML document tells where that field's scalar starts, and
 * the scalar's style (plain, quoted, block) how template positions shift in the file.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../../../shared/diagnostics';

export interface FileRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function fieldPath(field: string): (string | number)[] {
  const m = /^buttons\[(\d+)\]\.(label|url)$/.exec(field);
  return m ? ['buttons', Number(m[1]), m[2]!] : [field];
}

/** Finds the scalar of `nodes[i].content.<field>` for the node with key `nodeKey`. */
function scalarOf(root: YamlNode | null, nodeKey: string, field: string): Scalar | undefined {
  if (!isMap(root)) return undefined;
  const nodes = root.get('nodes', true);
  if (!isSeq(nodes)) return undefined;
  const node = nodes.items.find((n) => isMap(n) && n.get('key') === nodeKey);
  if (!isMap(node)) return undefined;
  let cur: unknown = node.get('content', true);
  for (const p of fieldPath(field)) {
    if (isMap(cur)) cur = cur.get(p, true);
    else if (isSeq(cur) && typeof p === 'number') cur = cur.items[p];
    else return undefined;
  }
  return isScalar(cur) ? cur : undefined;
}

/** Maps every diagnostic that names a node and field (or a file line) to a range in the file text. */
export function placeDiagnostics(text: string, diagnostics: readonly Diagnostic[]): { d: Diagnostic; range: FileRange }[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: false });
  const lines = text.split('\n');
  const out: { d: Diagnostic; range: FileRange }[] = [];
  for (const d of diagnostics) {
    if (d.node && d.field) {
      const s = scalarOf(doc.contents as YamlNode | null, d.node, d.field);
      if (!s?.range) continue;
      const start = lc.linePos(s.range[0]);
      const end = lc.linePos(s.range[1]);
      const tl = d.line ?? 1;
      const tc = typeof d.column === "number" ? d.column : 1;
      let line = start.line;
      let col = start.col;
      if (s.type === Scalar.BLOCK_LITERAL || s.type === Scalar.BLOCK_FOLDED) {
        line = start.line + tl; // the header line (`|`) comes first
        const indent = /^\s*/.exec(lines[line - 1] ?? '')![0].length;
        col = indent + tc;
      } else if (tl === 1) col = start.col + (s.type === Scalar.QUOTE_DOUBLE || s.type === Scalar.QUOTE_SINGLE ? 1 : 0) + tc - 1;
      else line = Math.min(end.line, start.line + tl - 1);
      const lineText = lines[line - 1] ?? '';
      const word = /^[\w.]+/.exec(lineText.slice(col - 1))?.[0].length ?? 1;
      out.push({ d, range: { startLine: line, startColumn: col, endLine: line, endColumn: d.line ? col + Math.max(1, word) : lineText.length + 1 } });
    } else if (d.line) {
      const lineText = lines[d.line - 1] ?? '';
      const col = typeof d.column === 'number' ? d.column : 1;
      out.push({ d, range: { startLine: d.line, startColumn: col, endLine: d.line, endColumn: Math.max(col + 1, lineText.length + 1) } });
    }
  }
  return out;
}

/** Every `{{ name` occurrence of an attribute in the file (for per-user markers such as empty values). */
export function placeholderRanges(text: string, name: string): FileRange[] {
  const out: FileRange[] = [];
  const re = new RegExp(`\\{\\{-?\\s*(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\b`, 'g');
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(re)) {
      const col = m.index! + m[0].length - m[1]!.length + 1;
      out.push({ startLine: i + 1, startColumn: col, endLine: i + 1, endColumn: col + name.length });
    }
  });
  return out;
}
