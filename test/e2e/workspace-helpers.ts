/** Helpers for the QA workspace end-to-end tests: extra workspace files, opening a campaign, typing into Monaco. */
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes files into the test's workspace copy (before the page loads). */
export function writeWorkspace(workspace: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), text);
  }
}

/** Opens the app and selects a campaign; waits until the matrix has rendered and the full scan is done. */
export async function openCampaign(page: Page, url: string, file: string) {
  await page.goto(url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId(`campaign-${file}`).click();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done', { timeout: 60_000 });
}

/**
 * Replaces the whole text of the campaign editor (Monaco) by pasting it: typed text would be
 * auto-indented line by line, a paste is inserted as is.
 */
export async function replaceEditorText(page: Page, text: string) {
  const editor = page.getByTestId('campaign-editor');
  await expect(editor).toHaveAttribute('data-editor-ready', 'yes');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Pastes a table through the Paste data dialog and applies it. */
export async function pasteAndApply(page: Page, text: string, targets: number) {
  await page.getByTestId('paste-data').click();
  await page.getByTestId('paste-text').fill(text);
  await page.getByTestId('paste-preview').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-summary')).toContainText(`${targets} target(s)`);
  await dialog.getByTestId('import-apply').click();
  await expect(dialog).toBeHidden();
}
