/**
 * Interprets a workspace snapshot: campaigns parsed and validated, each campaign's saved request
 * (same file name under requests/) as its send data, and the profiles used for preview.
 */
import type { Diagnostic } from '../diagnostics';
import type { WorkspaceSnapshot } from '../ipc/contract';
import { loadCampaign, type LoadedCampaign } from '../campaign/load';
import type { Profiles, SendData } from '../campaign/send-data';
import { parseProfiles } from '../targets/profiles';
import { readRequest } from '../targets/import';

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

/** The profiles of a workspace's `profiles/` files, in file order (a later file's profile replaces an earlier one's). The app and the host's send check read them alike. */
export function workspaceProfiles(files: readonly { path: string; text: string }[]): { profiles: Profiles; diagnostics: Diagnostic[] } {
  const profiles: Profiles = {};
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const r = parseProfiles(f.text, { file: f.path });
    diagnostics.push(...r.diagnostics);
    Object.assign(profiles, r.profiles);
  }
  return { profiles, diagnostics };
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
  const { profiles, diagnostics: profileDiagnostics } = workspaceProfiles(snapshot.profiles);
  diagnostics.push(...profileDiagnostics);
  const requests = new Map(snapshot.requests.map((r) => [stem(r.path), r]));
  const campaigns = loaded.map((l): WorkspaceCampaign => {
    const c: WorkspaceCampaign = { ...l };
    const req = requests.get(stem(l.file));
    if (req) {
      const r = readRequest(req.path, req.text, c.campaign?.target_by ?? 'user_id');
      diagnostics.push(...r.diagnostics);
      if (r.data) c.request = { file: req.path, data: r.data };
    }
    return c;
  });
  return { campaigns, profiles, diagnostics };
}
