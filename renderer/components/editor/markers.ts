/**
 * Places diagnostics in the campaign file. Template diagnostics from the render worker already
 * carry the file's line and column (shared/campaign/source-map.ts places them); one that still has
 * only the template's position (no `file`) is placed here with the same module.
 */
import type { Diagnostic } from '../../../shared/diagnostics';
import { templatePlacer } from '../../../shared/campaign/source-map';

export interface FileRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Maps every diagnostic that names a node and field (or a file line) to a range in the file text. */
export function placeDiagnostics(text: string, diagnostics: readonly Diagnostic[]): { d: Diagnostic; range: FileRange }[] {
  const place = templatePlacer({ file: '(editor)', text });
  const lines = text.split('\n');
  const out: { d: Diagnostic; range: FileRange }[] = [];
  for (const d of diagnostics) {
    const template = !!(d.node && d.field);
    const placed = template && d.file === undefined ? place(d) : d;
    // A template problem in a field this text does not have (or without any line) is not shown.
    if (placed.line === undefined || (template && placed.file === undefined)) continue;
    const line = placed.line;
    const col = typeof placed.column === 'number' ? placed.column : 1;
    const lineText = lines[line - 1] ?? '';
    // A template problem underlines the word it points at; a file problem the rest of its line.
    const word = /^[\w.]+/.exec(lineText.slice(col - 1))?.[0].length ?? 1;
    const endColumn = template ? col + Math.max(1, word) : Math.max(col + 1, lineText.length + 1);
    out.push({ d, range: { startLine: line, startColumn: col, endLine: line, endColumn } });
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
