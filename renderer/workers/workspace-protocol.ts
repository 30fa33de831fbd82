/** Messages between the workspace store and the workspace worker (which interprets a snapshot off the UI thread). */
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import type { WorkspaceModel } from '../../shared/workspace/model';

export type WorkspaceRequest = { seq: number; snapshot: WorkspaceSnapshot };
export type WorkspaceReply = { seq: number; model: WorkspaceModel } | { seq: number; error: string };
