/** App-level channels. */
import { z } from 'zod';

export const appChannels = {
  'app.info': {
    args: z.strictObject({}),
    result: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), dataDir: z.string() }),
  },
} as const;
