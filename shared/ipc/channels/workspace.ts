/** Workspace channels: open a folder, read its files, save the files the app edits, and the change event. */
import { z } from 'zod';
import { workspaceSnapshotSchema } from '../schemas';

/**
 * Files the renderer may read and write, relative to the workspace folder: campaign files, the
 * team's settings file, review state and exported reports. Anything else is refused by the host.
 */
export const WRITABLE_WORKSPACE_FILE = /^(campaigns\/[\w.-]+\.(ya?ml|json)|reviews\/[\w.-]+\.json|reports\/[\w.-]+\.html|preflight\.settings\.json)$/;

const workspacePath = z.string().regex(WRITABLE_WORKSPACE_FILE, 'not a file the app may read or write (campaigns/*.yaml|json, reviews/*.json, reports/*.html, preflight.settings.json)');

export const workspaceChannels = {
  /**
   * Opens a workspace folder (without `dir`: the current one again). `dir` must be a folder the main
   * side was given — the start-up folder, its own folder dialog, a drop or "open with", or its recent
   * list (host/workspace-access.ts); any other folder is refused with `forbidden`.
   */
  'workspace.open': {
    args: z.strictObject({ dir: z.string().min(1).max(4096).optional() }),
    result: workspaceSnapshotSchema,
  },
  'workspace.current': {
    args: z.strictObject({}),
    result: workspaceSnapshotSchema,
  },
  'workspace.readFile': {
    args: z.strictObject({ path: workspacePath }),
    /** `text` is null when the file does not exist. */
    result: z.object({ path: z.string(), text: z.string().nullable() }),
  },
  'workspace.writeFile': {
    args: z.strictObject({
      path: workspacePath,
      text: z.string(),
      /**
       * The text the editor last loaded (null: the file must not exist yet). When the file on disk
       * differs, nothing is written and the reply carries the current text (an external change).
       * Omit to overwrite unconditionally.
       */
      expected: z.string().nullable().optional(),
    }),
    result: z.object({ path: z.string(), written: z.boolean(), current: z.string().nullable().optional() }),
  },
} as const;

export const workspaceEvents = {
  /** Files under the workspace changed on disk (paths relative to the workspace, forward slashes). */
  'workspace.changed': z.object({ paths: z.array(z.string()) }),
} as const;
