/** App-level channels. */
import { z } from 'zod';

export const appChannels = {
  'app.info': {
    args: z.strictObject({}),
    result: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), dataDir: z.string() }),
  },
} as const;

/** Commands from the native shell (application menu, dock, "open with") for the renderer to carry out. */
export const appEvents = {
  'app.command': z.object({
    command: z.enum(['open-workspace', 'import-data', 'export-report', 'send-history', 'environments', 'browse-platform']),
    /** A path the command refers to (e.g. a workspace folder or a campaign file opened with the app). */
    path: z.string().optional(),
  }),
} as const;
