/**
 * Execute body → Table, so a pasted body lands in the same representation as a spreadsheet: one
 * row per target, the id column named after `target_by`, one column per per-user param.
 */
import type { ColumnMapping, ExecuteBodyData, ParamType, Table } from './types';
import { clip, has, setOwn } from './text';

/** The table and the mapping that turns it back into the same `target` and `target_with_params`. */
export interface BodyTable {
  table: Table;
  mapping: ColumnMapping;
}

function kindOf(v: unknown): ParamType {
  return typeof v === 'string' ? 'string' : typeof v === 'number' && Number.isFinite(v) ? 'number' : typeof v === 'boolean' ? 'boolean' : 'json';
}

/**
 * Turns `target` + `target_with_params` into a table (id column named after `target_by`, default
 * `target`). Column types are inferred so `buildTargets(table, mapping)` reproduces the values:
 * a column whose values are all numbers is typed `number`, mixed or nested values become JSON text.
 * Per-user values for ids not in `target` cannot be rows; they are reported.
 */
export function executeBodyToTable(body: ExecuteBodyData, opts: { file?: string } = {}): BodyTable {
  const at = opts.file ? { file: opts.file } : {};
  const target = Array.isArray(body.target) ? body.target : [];
  const twp = body.target_with_params && typeof body.target_with_params === 'object' ? body.target_with_params : {};
  const keyIndex = new Map<string, number>();
  const keys: string[] = [];
  const kinds: Set<ParamType>[] = [];
  for (const id of target) {
    const own = has(twp, id) ? twp[id] : undefined;
    if (!own || typeof own !== 'object') continue;
    for (const k of Object.keys(own)) {
      let c = keyIndex.get(k);
      if (c === undefined) {
        c = keys.length;
        keyIndex.set(k, c);
        keys.push(k);
        kinds.push(new Set());
      }
      (kinds[c] as Set<ParamType>).add(kindOf(own[k]));
    }
  }
  const types: ParamType[] = kinds.map((s) => (s.size === 1 ? ([...s][0] as ParamType) : 'json'));
  let idColumn = typeof body.target_by === 'string' && body.target_by !== '' ? body.target_by : 'target';
  while (keyIndex.has(idColumn)) idColumn += ' (id)';
  const columns = [idColumn, ...keys];
  const rows: string[][] = new Array(target.length);
  let explicitEmpty = false;
  for (let i = 0; i < target.length; i++) {
    const id = target[i] as string;
    const row = new Array<string>(columns.length).fill('');
    row[0] = id;
    const own = has(twp, id) ? twp[id] : undefined;
    if (own && typeof own === 'object') {
      for (const k of Object.keys(own)) {
        const c = keyIndex.get(k) as number;
        const v = own[k];
        const t = types[c] as ParamType;
        const text = t === 'json' ? (JSON.stringify(v) ?? 'null') : typeof v === 'string' ? v : String(v);
        if (text === '') explicitEmpty = true;
        row[c + 1] = text;
      }
    }
    rows[i] = row;
  }
  const diagnostics: Table['diagnostics'] = [];
  const targeted = new Set(target);
  const stray = Object.keys(twp).filter((k) => !targeted.has(k));
  if (stray.length > 0) {
    diagnostics.push({ code: 'untargeted-params', severity: 'warning', message: `Per-user values for ${stray.length === 1 ? 'an id' : `${stray.length} ids`} not in target were left out of the table (e.g. ${clip(stray[0] as string)}).`, path: 'target_with_params', ...at });
  }
  if (explicitEmpty) {
    diagnostics.push({ code: 'explicit-empty', severity: 'info', message: 'Some per-user values are empty strings; in the table they look like missing values, so turn on "empty means empty" to send them as empty.', path: 'target_with_params', ...at });
  }
  const columnTypes: Record<string, ParamType> = {};
  const mappingTypes: Record<string, ParamType> = {};
  keys.forEach((k, c) => {
    const t = types[c] as ParamType;
    if (t !== 'string') {
      setOwn(columnTypes, k, t);
      setOwn(mappingTypes, k, t);
    }
  });
  const table: Table = { columns, rows, delimiter: null, format: 'execute-body', diagnostics };
  const mapping: ColumnMapping = { idColumn, paramColumns: keys };
  if (Object.keys(columnTypes).length > 0) {
    table.columnTypes = columnTypes;
    mapping.types = mappingTypes;
  }
  return { table, mapping };
}
