/** Answering the browser host's own confirmation page in a tab of its own, as a person would. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { TestHost } from './host';

/** Opens the confirmation page from the app's banner in a new tab, checks the question, and clicks `button`. */
export async function answerOnPage(host: TestHost, page: Page, context: BrowserContext, question: string, button: string | RegExp) {
  const link = page.getByTestId('confirmation-banner').getByTestId('confirmation-link');
  await expect(page.getByTestId('confirmation-banner')).toContainText(question);
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href).origin).toBe(new URL(host.confirmUrl).origin);
  const confirmTab = await context.newPage();
  await confirmTab.goto(href);
  await expect(confirmTab.locator('section h2')).toHaveText(question);
  await confirmTab.getByRole('button', { name: button }).click();
  await expect(confirmTab.locator('body')).toContainText(/Confirmed|Declined/);
  await confirmTab.close();
  await expect(page.getByTestId('confirmation-banner')).toHaveCount(0);
}
