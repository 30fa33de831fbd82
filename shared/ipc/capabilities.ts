/**
 * What each channel of the contract (./contract.ts) lets its caller do — read at a glance: this is
 * what a compromised renderer could do with the preload's `invoke`. Channels that change where
 * data or secrets go are confirmed by the person through the main side (`confirms`), in a way the
 * renderer cannot answer: a native dialog in the desktop app, the browser host's own confirmation
 * page (host/confirm.ts decides when, host/confirm-page.ts and electron/confirm-dialog.ts ask).
 *
 * Kept beside the channel groups rather than inside each definition so one table shows them all;
 * the type requires an entry for every channel, and test/unit/ipc-capabilities.test.ts that no
 * entry names a channel that is gone.
 */
import type { ChannelName } from './contract';

/** The capabilities, from harmless to the ones that reach real people. */
export const CAPABILITIES = {
  read: 'reads app state, workspace files, previews or results; changes nothing and sends nothing',
  'edit-workspace': 'writes files inside the open workspace (campaigns, reviews, reports, settings, mappings, kept data)',
  preferences: "changes the person's own preferences in the app's data folder (the reviewer name)",
  'open-workspace': 'chooses which folder is the workspace (then read, watched and edited)',
  native: "asks the desktop shell for a native dialog or window; what happens is the person's choice there",
  environments: 'changes environment settings: where sends and platform calls go, and which secrets are kept',
  secrets: "stores a secret (write-only; it never comes back) for an environment's current destination",
  platform: "calls an environment's API with its stored secret: reads campaigns, delivery errors, tests the connection",
  send: "sends messages to real people through the Campaign Execute API, or decides about a send's batches",
  network: 'makes outside requests the person asked for (the link check: HEAD/GET of the URLs named, nothing else sent)',
  'sandbox-control': 'inspects or steers the built-in local sandbox (recorded calls, faults, its campaigns)',
} as const;
export type Capability = keyof typeof CAPABILITIES;

export interface ChannelCapability {
  can: Capability;
  /** When the main side asks the person before acting, and how. */
  confirms?: string;
  /** Anything else a reader of the boundary should know. */
  note?: string;
}

const NEW_DESTINATION = "a new environment, or a new origin (region or base URL), outside the built-in sandbox: native dialog / the browser host's confirmation page";
const NEW_SECRET = "every secret for an environment outside the built-in sandbox: native dialog / the browser host's confirmation page";

const table = {
  'app.info': { can: 'read' },
  'app.ready': { can: 'read', note: 'releases commands the shell held until the renderer listens' },
  'app.revealDataFolder': { can: 'native' },
  'app.recentWorkspaces': { can: 'read' },
  'dialog.openWorkspace': { can: 'native' },
  'dialog.openFiles': { can: 'native' },
  'dialog.saveFile': { can: 'native', note: 'writes the given text where the person chooses' },
  'dialog.savePdf': { can: 'native', note: 'prints the given report where the person chooses' },
  'workspace.open': { can: 'open-workspace' },
  'workspace.current': { can: 'read' },
  'workspace.readFile': { can: 'read' },
  'workspace.writeFile': { can: 'edit-workspace' },
  'review.load': { can: 'read' },
  'review.save': { can: 'edit-workspace' },
  'review.exportReport': { can: 'edit-workspace' },
  'data.mappings': { can: 'read' },
  'data.set': { can: 'read', note: "held in the main side's memory for sends by revision; nothing is written or sent" },
  'data.part': { can: 'read', note: "a data set in parts, held in the main side's memory like data.set; nothing is written or sent" },
  'data.edit': { can: 'read', note: 'edits the data held in memory; nothing is written or sent' },
  'data.saveMapping': { can: 'edit-workspace' },
  'data.kept': { can: 'read' },
  'data.keep': { can: 'edit-workspace', note: 'only `.preflight/data/` files, named by the main side from the campaign file' },
  'data.keepProfiles': { can: 'edit-workspace', note: 'only `.preflight/data/profiles.json`' },
  'preferences.get': { can: 'read' },
  'preferences.set': { can: 'preferences' },
  'environments.list': { can: 'read', note: 'whether secrets are stored, never the secrets' },
  'environments.save': { can: 'environments', confirms: NEW_DESTINATION, note: 'a new origin drops the secrets given for the old one' },
  'environments.remove': { can: 'environments', note: "deletes the environment's secrets" },
  'environments.setToken': { can: 'secrets', confirms: NEW_SECRET },
  'environments.chooseTokenFile': { can: 'secrets', confirms: `the file is chosen in a native dialog, then ${NEW_SECRET}`, note: 'desktop app only; the renderer never names a path' },
  'send.prepare': { can: 'read', note: 'plans a draft on the main side; nothing is sent' },
  'send.prepareResend': { can: 'read', note: 'plans a draft on the main side; nothing is sent' },
  'send.body': { can: 'read' },
  'send.start': { can: 'send', note: "the host checks the typed confirmation against its own draft; the credentials go only to the draft's confirmed destination" },
  'send.cancel': { can: 'send' },
  'send.status': { can: 'read' },
  'send.history': { can: 'read' },
  'send.historyCsv': { can: 'read' },
  'send.resume': { can: 'send', note: 'only never-sent batches, after the same confirmation check' },
  'send.skip': { can: 'send', note: 'records a decision about unknown batches in the journal' },
  'send.batchTargets': { can: 'read' },
  'send.exportTargets': { can: 'read' },
  'send.deliveries': { can: 'read' },
  'send.unknownFollowUp': { can: 'read', note: 'webhook events and list/push-devices rows the main side already holds or fetches for unknown batches' },
  'sandbox.calls': { can: 'sandbox-control' },
  'sandbox.reset': { can: 'sandbox-control' },
  'sandbox.faults.get': { can: 'sandbox-control' },
  'sandbox.faults.set': { can: 'sandbox-control' },
  'sandbox.platform.setCampaign': { can: 'sandbox-control' },
  'sandbox.platform.configure': { can: 'sandbox-control' },
  'platform.environments': { can: 'read' },
  'platform.testConnection': { can: 'platform' },
  'platform.listCampaigns': { can: 'platform' },
  'platform.fetchCampaign': { can: 'platform' },
  'platform.importCampaign': { can: 'platform', note: 'returns the file text; writing it is workspace.writeFile' },
  'platform.deliveryErrors': { can: 'platform' },
  'links.check': { can: 'network', note: 'only when the person clicks the check; http(s) URLs only, at most 2,000, no cookies or tokens, bounded rate; any host named is requested, private ones included' },
  'links.cancel': { can: 'network' },
} satisfies Record<string, ChannelCapability>;

/** Every channel's capability (the type makes a missing one a compile error). */
export const channelCapabilities: Readonly<Record<ChannelName, ChannelCapability>> = table;

/** The channels whose handlers may ask the person before acting. */
export function confirmingChannels(): ChannelName[] {
  return (Object.keys(channelCapabilities) as ChannelName[]).filter((c) => channelCapabilities[c].confirms !== undefined);
}
