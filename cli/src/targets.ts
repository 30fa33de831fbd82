/** Reads a --targets file (provisional CSV reader until the shared import parsers land). */
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../shared/diagnostics';

export function readTargetsFile(file: string, targetBy: string, idColumn?: string) {
  const diagnostics: Diagnostic[] = [];
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  let idIdx = idColumn ? header.indexOf(idColumn) : header.indexOf(targetBy);
  if (idColumn && idIdx < 0) diagnostics.push({ code: 'missing-column', severity: 'error', file, row: 1, message: `no column named "${idColumn}"` });
  if (idIdx < 0) idIdx = 0;
  const target: string[] = [];
  const targetWithParams: Record<string, Record<string, unknown>> = {};
  rows.forEach((row) => {
    const id = row[idIdx] ?? '';
    target.push(id);
    const v: Record<string, unknown> = {};
    header.forEach((h, j) => {
      if (j !== idIdx && row[j]) v[h] = row[j];
    });
    if (Object.keys(v).length) targetWithParams[id] = v;
  });
  return { target, targetWithParams, diagnostics };
}
