/**
 * One bad file never stops the others: a workspace holding a YAML alias bomb, a campaign nested
 * thousands of levels deep and one with 5,000 unknown keys still loads in Chromium; its good campaigns
 * render, and each bad file shows its errors in the list.
 */
import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

function aliasBomb(): string {
  const lines = ['name: Bomb', 'id: "B1"', 'type: single-stage', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    );
  return lines.concat('nodes: []').join('\n') + '\n';
}

test('a workspace with hostile campaign files still loads its good campaigns', async ({ page }) => {
  let many = 'name: Many\nid: "M1"\ntype: single-stage\nnodes: []\n';
  for (let i = 0; i < 5_000; i++) many += `k${i}: v\n`;
  writeWorkspace(host.workspace, {
    'campaigns/a-bomb.yaml': aliasBomb(),
    'campaigns/b-deep.yaml': `name: Deep\nnodes: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    'campaigns/c-many-keys.yaml': many,
  });
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText(/^Hi Aoife, /);
  for (const bad of ['a-bomb', 'b-deep', 'c-many-keys']) await expect(page.getByTestId(`campaign-campaigns/${bad}.yaml`)).toContainText(/\d+ error\(s\)/);
  await expect(page.getByTestId('campaign-campaigns/gate-update.yaml')).toContainText('single-stage');
});
