/**
 * App-level channels: host information, the native shell's dialogs (including the PDF export of
 * the QA report), data folder and recent workspaces. Dialogs and the data folder exist only in the desktop app; under the browser host
 * those channels answer `{ status: 'unavailable', message }` — a value, never an error.
 */
import { z } from 'zod';

/** What a native-only channel answers under the browser host. */
export const unavailableSchema = z.object({ status: z.literal('unavailable'), message: z.string() });
const cancelledSchema = z.object({ status: z.literal('cancelled') });

/** A file-type filter for open and save dialogs: `{ name: 'Campaigns', extensions: ['yaml', 'yml'] }`. */
export const fileFilterSchema = z.strictObject({
  name: z.string().min(1).max(80),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/))
    .min(1)
    .max(20),
});

/** Largest report the renderer may hand to `dialog.saveFile` (characters). */
export const MAX_SAVE_CHARS = 50 * 1024 * 1024;

export const appChannels = {
  'app.info': {
    args: z.strictObject({}),
    /** `emailData`: the bundled caniemail.com support data the compatibility check uses (for the About box). */
    result: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), dataDir: z.string(), emailData: z.object({ package: z.string(), updated: z.string(), url: z.string() }) }),
  },
  /**
   * The renderer calls this once after subscribing to `app.command`: commands the shell produced
   * before then (a campaign file the app was opened with) are held until this call and then sent.
   */
  'app.ready': {
    args: z.strictObject({}),
    result: z.object({ held: z.number().int().nonnegative() }),
  },
  /** Shows the data folder (settings, journals) in the system file manager. */
  'app.revealDataFolder': {
    args: z.strictObject({}),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('done'), path: z.string() }), unavailableSchema]),
  },
  /**
   * Workspaces opened recently, newest first, as the main side keeps them in the data folder (both
   * hosts; the desktop app also lists them in File ▸ Open Recent). `workspace.open` accepts these.
   */
  'app.recentWorkspaces': {
    args: z.strictObject({}),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('done'), items: z.array(z.object({ path: z.string(), name: z.string() })) }), unavailableSchema]),
  },
  /** Native folder picker for a workspace; the renderer then calls `workspace.open` with the path. */
  'dialog.openWorkspace': {
    args: z.strictObject({}),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('chosen'), path: z.string() }), cancelledSchema, unavailableSchema]),
  },
  /** Native file picker (import data): returns the chosen paths. */
  'dialog.openFiles': {
    args: z.strictObject({
      title: z.string().max(120).optional(),
      filters: z.array(fileFilterSchema).max(10).optional(),
      multiple: z.boolean().optional(),
    }),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('chosen'), paths: z.array(z.string()).min(1) }), cancelledSchema, unavailableSchema]),
  },
  /** Native save dialog (export report): writes `content` (UTF-8) to the path the person chose. */
  'dialog.saveFile': {
    args: z.strictObject({
      title: z.string().max(120).optional(),
      suggestedName: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\]+$/, 'a file name, not a path'),
      filters: z.array(fileFilterSchema).max(10).optional(),
      content: z.string().max(MAX_SAVE_CHARS),
    }),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('saved'), path: z.string() }), cancelledSchema, unavailableSchema]),
  },
  /**
   * Native save dialog (PDF only), then the desktop app prints `html` (a self-contained report) to
   * PDF in a hidden, hardened window and writes it where the person chose. The browser host has no
   * printer of its own: it answers `unavailable` and the renderer saves the HTML report instead.
   */
  'dialog.savePdf': {
    args: z.strictObject({
      title: z.string().max(120).optional(),
      suggestedName: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\]+$/, 'a file name, not a path'),
      html: z.string().max(MAX_SAVE_CHARS),
    }),
    result: z.discriminatedUnion('status', [z.object({ status: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }), cancelledSchema, unavailableSchema]),
  },
} as const;

/** Commands the native shell can ask the renderer to carry out. */
export const appCommandNames = ['open-workspace', 'import-data', 'export-report', 'send-history', 'environments', 'browse-platform'] as const;
export type AppCommandName = (typeof appCommandNames)[number];

export const appCommandSchema = z.object({
  command: z.enum(appCommandNames),
  /**
   * A path the command refers to. For `open-workspace`: the workspace folder to open (from Open
   * Recent, a dropped folder or file, or "open with"); absent means "ask": the renderer calls
   * `dialog.openWorkspace`. For `import-data`: a dropped data file.
   */
  path: z.string().optional(),
  /** With `open-workspace`: the campaign to select, relative to the workspace (`campaigns/x.yaml`). */
  campaign: z.string().optional(),
});
export type AppCommand = z.infer<typeof appCommandSchema>;

/**
 * The browser host asks the person on its own confirmation page (another origin the renderer
 * cannot read or answer for, host/confirm-page.ts); the renderer only shows where that page is.
 */
export const confirmationEventSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'answered']),
  /** The question, as the page asks it. */
  title: z.string(),
  /** The confirmation page (no secret in it: the page's one-time codes never leave its origin). */
  url: z.string(),
});

/** Commands from the native shell (application menu, dock, "open with", file drops) for the renderer to carry out; confirmations waiting on the browser host's page. */
export const appEvents = {
  'app.command': appCommandSchema,
  'app.confirmation': confirmationEventSchema,
} as const;
