/**
 * Messages between the workspace store and the workspace worker, which loads campaign files (the
 * YAML parse) off the UI thread. Only the files go in and the loaded campaigns come back: the data
 * files (saved requests, profiles) are parsed on the UI side, where their values live, because
 * copying 100,000 users' values back from a worker costs more than parsing their JSON.
 */
import type { LoadedCampaign } from '../../shared/campaign/load';

export type WorkspaceRequest = { seq: number; files: { path: string; text: string }[] };
export type WorkspaceReply = { seq: number; loaded: LoadedCampaign[] } | { seq: number; error: string };
