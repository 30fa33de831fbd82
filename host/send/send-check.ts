/**
 * The host's own check of a send: which diagnostics block it is decided here, on the main side,
 * from what the host reads itself and the data it will send — never from a list the renderer
 * offers. docs/architecture.md says what is read and why:
 *
 * - the campaign: the **saved** file in the workspace (the renderer's unsaved edits are not what a
 *   reviewer reviewed on disk; the send dialog says so and offers to save);
 * - the guardrail levels: the workspace's `preflight.settings.json`;
 * - the profiles: the workspace's `profiles/` files (stand-ins for what the platform stores);
 * - the environment's legacy personalisation mode and name: the host's environment settings;
 * - the data: exactly what the send will post (the draft's batches).
 *
 * The verdict is computed by the evaluation pipeline (shared/pipeline/) at `send.prepare` and again
 * before the first request: `start` re-reads the sources and runs the pipeline again when any of
 * them changed since the preview (the verdict is a pure function of them, so unchanged sources give
 * the verdict already computed).
 */
import { createHash } from 'node:crypto';
import type { Campaign } from '../../shared/campaign/model';
import { loadCampaign } from '../../shared/campaign/load';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { formatPlace } from '../../shared/diagnostics';
import { SETTINGS_FILE, settingsOfText, type GuardrailSettings } from '../../shared/guardrails/types';
import { workspaceProfiles } from '../../shared/workspace/model';
import { readWorkspaceFolder } from '../workspace';
import { readWorkspaceText } from '../workspace-files';

/** Where a campaign a send may name lives: a file under campaigns/. */
const CAMPAIGN_FILE = /^campaigns\/[\w.-]+\.(ya?ml|json)$/;

/** What the host evaluates a send against, read from the workspace on disk. */
export interface CheckSources {
  campaignFile: string;
  campaign: Campaign;
  settings: GuardrailSettings;
  /** True when the workspace has a settings file. */
  hasSettings: boolean;
  profiles: Profiles;
  /** The profiles files read (workspace-relative). */
  profileFiles: string[];
  /** A digest of every text read: equal digests mean equal sources. */
  key: string;
}

/** Reads the saved campaign file, the settings file and the profiles files; refuses a campaign that does not load. */
export async function readCheckSources(workspaceDir: string, campaignFile: string): Promise<CheckSources> {
  if (!CAMPAIGN_FILE.test(campaignFile)) throw new Error(`"${campaignFile}" is not a campaign file of the workspace (campaigns/*.yaml|yml|json); nothing was sent`);
  const text = await readWorkspaceText(workspaceDir, campaignFile);
  if (text === null) throw new Error(`${campaignFile} is not in the workspace (was it saved?); nothing was sent`);
  const loaded = loadCampaign(campaignFile, text);
  if (!loaded.campaign) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`the saved ${campaignFile} cannot be checked: ${first ? `${formatPlace(first)}: ${first.message}` : 'it does not load'}; fix and save it first; nothing was sent`);
  }
  const settingsText = await readWorkspaceText(workspaceDir, SETTINGS_FILE);
  const { files } = await readWorkspaceFolder(workspaceDir, 'profiles');
  const hash = createHash('sha256');
  for (const t of [campaignFile, text, settingsText ?? '\u0000none', ...files.flatMap((f) => [f.path, f.text])]) hash.update(t).update('\u0000');
  return {
    campaignFile,
    campaign: loaded.campaign,
    settings: settingsOfText(settingsText),
    hasSettings: settingsText !== null,
    profiles: workspaceProfiles(files).profiles,
    profileFiles: files.map((f) => f.path),
    key: hash.digest('hex'),
  };
}

/** A digest of send data (what the verdict covers), to know when a cached verdict applies. */
export function dataKey(data: SendData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}
