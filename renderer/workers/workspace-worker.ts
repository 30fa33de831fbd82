/**
 * The workspace worker: loads the campaign files of a workspace snapshot (YAML parse, limits,
 * schema) with the shared loader, off the UI thread, so a large or hostile campaign file never
 * freezes the window while it loads. Under the workers' CSP (no network, no eval).
 */
import { loadCampaignFiles } from '../../shared/workspace/model';
import type { WorkspaceReply, WorkspaceRequest } from './workspace-protocol';

const post = (m: WorkspaceReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<WorkspaceRequest>) => {
  const { seq, files } = e.data;
  try {
    post({ seq, loaded: loadCampaignFiles(files) });
  } catch (err) {
    // The loader returns diagnostics for bad files; an exception here is a bug, reported as one.
    post({ seq, error: err instanceof Error ? err.message : String(err) });
  }
};
