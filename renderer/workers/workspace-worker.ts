/**
 * The workspace worker: parses and validates the files of a workspace snapshot (campaign YAML,
 * saved requests, profiles) with the shared interpreter, off the UI thread, so a large or hostile
 * file never freezes the window while it loads. Under the workers' CSP (no network, no eval).
 */
import { interpretWorkspace } from '../../shared/workspace/model';
import type { WorkspaceReply, WorkspaceRequest } from './workspace-protocol';

const post = (m: WorkspaceReply) => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<WorkspaceRequest>) => {
  const { seq, snapshot } = e.data;
  try {
    post({ seq, model: interpretWorkspace(snapshot) });
  } catch (err) {
    // interpretWorkspace returns diagnostics for bad files; an exception here is a bug, reported as one.
    post({ seq, error: err instanceof Error ? err.message : String(err) });
  }
};
