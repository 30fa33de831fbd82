/**
 * Interprets a workspace snapshot: campaigns parsed and validated, each campaign's saved request
 * (same file name under requests/) as its send data, and the profiles used for preview.
 */
import type { Diagnostic } from '../diagnostics';
import type { WorkspaceSnapshot } from '../ipc/contract';
import { loadCampaign, type LoadedCampaign } from '../campaign/load';
import type { Profiles, SendData } from '../campaign/send-data';
import { parseProfiles } from '../targets/profiles';
import { parseJsonText } from '../json-limits';

export interface WorkspaceCampaign extends LoadedCampaign {
  /** The saved request body for this campaign (`requests/<same name>.json`), if any. */
  request?: { file: string; data: SendData };
}

export interface WorkspaceModel {
  campaigns: WorkspaceCampaign[];
  profiles: Profiles;
  diagnostics: Diagnostic[];
}

const stem = (path: string) => path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');

/** Reads a saved execute body (apptoken already absent) as send data, with located errors. */
export function parseRequestFile(file: string, text: string, fallbackTargetBy: string): { data?: SendData; diagnostics: Diagnostic[] } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { diagnostics: [{ code: 'request-syntax', severity: 'error', file, line: parsed.line, column: parsed.column, message: `not usable JSON: ${parsed.message}` }] };
  const body = parsed.value;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { diagnostics: [{ code: 'request-shape', severity: 'error', file, message: `${file} must hold a JSON object (a Campaign Execute body)` }] };
  const b = body as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const target = Array.isArray(b.target) ? b.target.map((t) => String(t)) : [];
  if (b.target !== undefined && !Array.isArray(b.target)) diagnostics.push({ code: 'request-shape', severity: 'error', file, path: 'target', message: `${file}: target must be an array of ids` });
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const params = obj(b.params) ?? {};
  const twp = (obj(b.target_with_params) ?? {}) as Record<string, Record<string, unknown>>;
  if ('apptoken' in b) diagnostics.push({ code: 'request-token', severity: 'warning', file, path: 'apptoken', message: `${file} contains an apptoken: tokens belong in the secret store, not the workspace; it is ignored` });
  return { data: { target_by: typeof b.target_by === 'string' ? b.target_by : fallbackTargetBy, target, params, target_with_params: twp }, diagnostics };
}

/** Loads every campaign file of a snapshot (the YAML parse: the part the renderer runs in a worker). */
export function loadCampaignFiles(files: readonly { path: string; text: string }[]): LoadedCampaign[] {
  return files.map((f) => loadCampaign(f.path, f.text));
}

/**
 * Builds the workspace model from the files read by the host. `loaded` are the snapshot's campaign
 * files already loaded (`loadCampaignFiles`, e.g. in the renderer's workspace worker); the data
 * files (saved requests, profiles) are read here, where their values are used.
 */
export function interpretWorkspace(snapshot: WorkspaceSnapshot, loaded: readonly LoadedCampaign[] = loadCampaignFiles(snapshot.campaigns)): WorkspaceModel {
  const diagnostics: Diagnostic[] = [...snapshot.diagnostics];
  const profiles: Profiles = {};
  for (const f of snapshot.profiles) {
    const r = parseProfiles(f.text, { file: f.path });
    diagnostics.push(...r.diagnostics);
    Object.assign(profiles, r.profiles);
  }
  const requests = new Map(snapshot.requests.map((r) => [stem(r.path), r]));
  const campaigns = loaded.map((l): WorkspaceCampaign => {
    const c: WorkspaceCampaign = { ...l };
    const req = requests.get(stem(l.file));
    if (req) {
      const r = parseRequestFile(req.path, req.text, c.campaign?.target_by ?? 'user_id');
      diagnostics.push(...r.diagnostics);
      if (r.data) c.request = { file: req.path, data: r.data };
    }
    return c;
  });
  return { campaigns, profiles, diagnostics };
}
