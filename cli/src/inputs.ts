/**
 * Reads the CLI's input files into send data, profiles and guardrail levels, with the app's own
 * readers (shared/targets/import.ts, profiles, settings). Unusable input throws InputError with the
 * file and place; warnings come back as diagnostics.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics';
import { formatPlace } from '../../shared/diagnostics';
import type { Campaign } from '../../shared/campaign/model';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { readRequest, sendDataOf } from '../../shared/targets/import';
import { parseGuardrailSettings, type GuardrailSettings } from '../../shared/guardrails/types';
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

/** A JSON object given inline or as @FILE (--params, --extra), read under the one JSON nesting limit. */
export function parseJsonObject(spec: string, option = '--params'): Record<string, unknown> {
  const [label, text] = spec.startsWith('@') ? [spec.slice(1), readText(spec.slice(1))] : [option, spec];
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError(`${label}: not valid JSON at line ${parsed.line}, column ${parsed.column} (${parsed.message})`);
  const v = parsed.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${label}: ${option.slice(2)} must be a JSON object`);
  return v as Record<string, unknown>;
}

/** The settings file the app uses for this campaign: --settings, else preflight.settings.json beside its campaigns/ folder. */
function settingsFile(args: CliArgs): string | undefined {
  if (args.settings) return args.settings;
  const folder = dirname(args.campaign ?? '');
  if (basename(folder) !== 'campaigns') return undefined;
  const f = join(dirname(folder), 'preflight.settings.json');
  return existsSync(f) ? f : undefined;
}

function readSettings(args: CliArgs): GuardrailSettings {
  const file = settingsFile(args);
  if (!file) return {};
  try {
    return parseGuardrailSettings(JSON.parse(readText(file)));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/** Assembles send data, profiles and guardrail levels from --request, --targets, --params, --profiles, --target-by and --settings. */
export function readInputs(args: CliArgs, campaign: Campaign): { data: SendData; profiles: Profiles; settings: GuardrailSettings; diagnostics: Diagnostic[]; table?: Table } {
  const diagnostics: Diagnostic[] = [];
  let table: Table | undefined;
  const data: SendData = { target_by: args.targetBy ?? campaign.target_by, target: [], params: {}, target_with_params: {} };
  if (args.request) {
    const r = readRequest(args.request, readText(args.request), data.target_by);
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
    // What the app's import gives on top of the current data (a body brings its own params and target_by).
    Object.assign(data, sendDataOf(t, data, data.target_by), args.targetBy ? { target_by: args.targetBy } : {});
    table = t.table;
  }
  if (args.params) data.params = { ...data.params, ...parseJsonObject(args.params) };
  let profiles: Profiles = {};
  if (args.profiles) {
    const p = parseProfiles(readText(args.profiles), { file: args.profiles });
    failOn(p.diagnostics);
    diagnostics.push(...p.diagnostics);
    profiles = p.profiles;
  }
  return { data, profiles, settings: readSettings(args), diagnostics, ...(table ? { table } : {}) };
}
