/**
 * Reads the CLI's input files into send data and profiles. Unusable input throws InputError with
 * the file and place; warnings come back as diagnostics.
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../shared/diagnostics';
import { formatPlace } from '../../shared/diagnostics';
import type { Campaign } from '../../shared/campaign/model';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { parseRequestFile } from '../../shared/workspace/model';
import { parseProfiles } from '../../shared/targets/profiles';
import { validateIds } from '../../shared/targets/ids';
import { readTargetsFile } from './targets';
import type { CliArgs } from './args';
import type { Table } from '../../shared/targets/types';
import { InputError } from './errors';
import { parseJsonText } from '../../shared/json-limits';

export { InputError };


export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function firstError(ds: Diagnostic[]): Diagnostic | undefined {
  return ds.find((d) => d.severity === 'error');
}

function failOn(ds: Diagnostic[]) {
  const e = firstError(ds);
  if (e) throw new InputError(formatPlace(e) && !e.message.startsWith(e.file ?? '\u0000') ? `${formatPlace(e)}: ${e.message}` : e.message);
}

function parseParams(spec: string): Record<string, unknown> {
  const [label, text] = spec.startsWith('@') ? [spec.slice(1), readText(spec.slice(1))] : ['--params', spec];
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${label}: not valid JSON at line ${parsed.line}, column ${parsed.column} (${parsed.message})`);
  const v = parsed.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${label}: params must be a JSON object`);
  return v as Record<string, unknown>;
}

/** Assembles send data and profiles from --request, --targets, --params, --profiles and --target-by. */
export function readInputs(args: CliArgs, campaign: Campaign): { data: SendData; profiles: Profiles; diagnostics: Diagnostic[]; table?: Table } {
  const diagnostics: Diagnostic[] = [];
  let table: Table | undefined;
  const data: SendData = { target_by: args.targetBy ?? campaign.target_by, target: [], params: {}, target_with_params: {} };
  if (args.request) {
    const r = parseRequestFile(args.request, readText(args.request), data.target_by);
    failOn(r.diagnostics);
    diagnostics.push(...r.diagnostics);
    Object.assign(data, r.data, args.targetBy ? { target_by: args.targetBy } : {});
    // The body's ids get the same checks the app's data panel runs on a body (shared/targets/ids.ts).
    diagnostics.push(...validateIds(data.target_by, data.target, { file: args.request, label: (i) => `target[${i}]` }));
  }
  if (args.targets) {
    const t = readTargetsFile(args.targets, data.target_by, args.idColumn);
    failOn(t.diagnostics);
    diagnostics.push(...t.diagnostics);
    data.target = t.target;
    data.target_with_params = t.targetWithParams;
    table = t.table;
  }
  if (args.params) data.params = { ...data.params, ...parseParams(args.params) };
  let profiles: Profiles = {};
  if (args.profiles) {
    const p = parseProfiles(readText(args.profiles), { file: args.profiles });
    failOn(p.diagnostics);
    diagnostics.push(...p.diagnostics);
    profiles = p.profiles;
  }
  return { data, profiles, diagnostics, ...(table ? { table } : {}) };
}
