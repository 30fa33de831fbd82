/** Workspace channels: open a folder, read its files. */
import { z } from 'zod';
import { workspaceSnapshotSchema } from '../schemas';

export const workspaceChannels = {
  'workspace.open': {
    args: z.strictObject({ dir: z.string().min(1).optional() }),
    result: workspaceSnapshotSchema,
  },
  'workspace.current': {
    args: z.strictObject({}),
    result: workspaceSnapshotSchema,
  },
} as const;
