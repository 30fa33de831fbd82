/**
 * Launching the real desktop app for the Electron smoke suite: the unpackaged build (the packaged
 * one has the node-CLI-inspect fuse off, which Playwright needs), a fresh data folder and a copy of
 * the sample workspace per launch.
 *
 * Native dialogs cannot be clicked by a test. They are answered from the test through Playwright's
 * hold on the main process (`app.evaluate` replacing `dialog.showMessageBox`), so the app itself
 * carries no test switch: a shipped build has nothing a test could turn on.
 */
import { expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper without types
import { electronBinary } from '../../scripts/electron-binary.mjs';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const binary = electronBinary() as { path?: string; reason?: string };
export const APP_URL = 'app://preflight/index.html';

export interface Folders {
  data: string;
  workspace: string;
}

export function freshFolders(): Folders {
  const base = mkdtempSync(join(tmpdir(), 'preflight-electron-'));
  cpSync(join(root, 'examples'), join(base, 'workspace'), { recursive: true });
  return { data: join(base, 'data'), workspace: join(base, 'workspace') };
}

/** A second copy of the sample workspace, to be handed to a running app. */
export function anotherWorkspace(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'preflight-electron-other-')), 'other-workspace');
  cpSync(join(root, 'examples'), dir, { recursive: true });
  return dir;
}

export async function launch(f: Folders, o: { args?: string[] } = {}): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root, ...(o.args ?? [])],
    env: { ...process.env, PREFLIGHT_USER_DATA: f.data, PREFLIGHT_WORKSPACE: f.workspace },
  });
  const page = await app.firstWindow();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  return { app, page };
}

export interface AskedBox {
  type?: string;
  message: string;
  detail?: string;
  buttons?: string[];
  defaultId?: number;
  cancelId?: number;
}

/**
 * From now on every native message box is recorded and answered with the button whose label
 * `answers` maps its message to (by substring; the box's cancel button when none matches).
 */
export async function answerMessageBoxes(app: ElectronApplication, answers: Record<string, string>): Promise<void> {
  await app.evaluate(({ dialog }, table) => {
    const g = globalThis as unknown as { askedBoxes?: unknown[] };
    g.askedBoxes = [];
    (dialog as unknown as { showMessageBox: unknown }).showMessageBox = async (...a: unknown[]) => {
      const options = a[a.length - 1] as { message: string; buttons?: string[]; cancelId?: number };
      g.askedBoxes!.push(options);
      const wanted = Object.entries(table).find(([m]) => options.message.includes(m))?.[1];
      const i = wanted === undefined ? -1 : (options.buttons ?? []).indexOf(wanted);
      return { response: i >= 0 ? i : (options.cancelId ?? 0), checkboxChecked: false };
    };
  }, answers);
}

/** The message boxes asked so far (after `answerMessageBoxes`). */
export function askedBoxes(app: ElectronApplication): Promise<AskedBox[]> {
  return app.evaluate(() => (globalThis as unknown as { askedBoxes?: AskedBox[] }).askedBoxes ?? []);
}

/** Starts listening for the next `app.command` event; the returned promise resolves with it. */
export async function listenForCommand(page: Page): Promise<{ next: Promise<unknown> }> {
  const next = page.evaluate(() => new Promise((done) => window.preflight!.on('app.command', (c) => done(c))));
  // Evaluations on one page run in order: once this one returns, the listener above is in place.
  await page.evaluate(() => 0);
  return { next };
}
