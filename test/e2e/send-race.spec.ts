/**
 * No race sends twice across clients of one browser host: two HTTP clients resuming the same send
 * at once, and two Chromium tabs clicking Resume together. Counted at the sandbox's durable record
 * (`<data>/sandbox/calls.jsonl`), which is independent of the send journal.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';

let host: TestHost;
const N = 40;
test.beforeEach(async () => {
  host = await startHost({ env: { XP_APP_TOKEN_STAGE: 'stage-token-race-3' } });
  const saved = await host.ipc('environments.save', { environment: { id: 'stage', name: 'Staging', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, batchSize: 2, concurrency: 2, ratePerSecond: 1000 } });
  expect(saved.ok).toBe(true);
});
test.afterEach(async () => {
  await host.stop();
});

/** How many times the sandbox's own record saw each target. */
function received(): Map<string, number> {
  const file = join(host.dataDir, 'sandbox', 'calls.jsonl');
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) for (const t of (JSON.parse(line) as { body: { target: string[] } }).body.target) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
const twice = () => [...received()].filter(([, n]) => n > 1).map(([t, n]) => `${t} ×${n}`);

interface Detail {
  sendId: string;
  status: string;
  targetCounts: { acknowledged: number; neverSent: number };
}

async function settle(sendId: string): Promise<Detail> {
  for (;;) {
    const d = (await host.ipc<Detail>('send.status', { sendId })).value!;
    if (d.status !== 'running') return d;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A send of N targets cancelled after its first batches. */
async function cancelledSend(prefix: string): Promise<Detail> {
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { latencyMs: 20 } });
  const target = Array.from({ length: N }, (_, i) => `${prefix}${i}`);
  const draft = (await host.ipc<{ draftId: string }>('send.prepare', { environmentId: 'stage', campaignFile: 'campaigns/promo-journey.yaml', data: { target_by: 'user_id', target, params: {}, target_with_params: {} } })).value!;
  const started = await host.ipc<{ sendId: string }>('send.start', { draftId: draft.draftId, confirmation: { environmentId: 'stage', campaignId: 'Campaign_ID', recipients: N } });
  const sendId = started.value!.sendId;
  while ((await host.ipc<Detail>('send.status', { sendId })).value!.targetCounts.acknowledged < 2) await new Promise((r) => setTimeout(r, 5));
  await host.ipc('send.cancel', { sendId });
  const d = await settle(sendId);
  expect(d.status).toBe('cancelled');
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { latencyMs: 5 } });
  return d;
}

test('two HTTP clients resume the same send at once, with and without small gaps: one runs, the other is told it is already running, and no target arrives twice', async () => {
  test.setTimeout(90_000);
  for (const gap of [0, 5, 10, 15]) {
    const before = await cancelledSend(`http${gap}-`);
    const confirmation = { environmentId: 'stage', campaignId: 'Campaign_ID', recipients: before.targetCounts.neverSent };
    const first = host.ipc('send.resume', { sendId: before.sendId, confirmation });
    if (gap) await new Promise((r) => setTimeout(r, gap));
    const replies = await Promise.all([first, host.ipc('send.resume', { sendId: before.sendId, confirmation })]);
    await settle(before.sendId);
    expect(twice(), `gap ${gap} ms`).toEqual([]);
    expect(
      replies.filter((r) => r.ok),
      `gap ${gap} ms`,
    ).toHaveLength(1);
    expect(replies.find((r) => !r.ok)?.error?.code, `gap ${gap} ms`).toBe('already-running');
    expect([...received().keys()].filter((t) => t.startsWith(`http${gap}-`))).toHaveLength(N);
  }
});

test('two tabs click Resume on the same send together: each never-sent target arrives once, and the second tab says the send is already running', async ({ context }) => {
  const before = await cancelledSend('tabs-');
  const tabs = [await context.newPage(), await context.newPage()];
  for (const tab of tabs) {
    tab.on('dialog', (d) => void d.accept());
    await tab.goto(host.url);
    await expect(tab.locator('#root[data-app-state="loaded"]')).toBeVisible();
    await tab.getByTestId('open-history').click();
    await tab.getByTestId(`history-${before.sendId}`).click();
    await expect(tab.getByTestId('send-history').getByTestId('resume-send')).toBeVisible();
  }
  // Hold both resume calls at the door so they reach the host together.
  let release!: () => void;
  const gate = new Promise<void>((ok) => (release = ok));
  let arrived = 0;
  for (const tab of tabs)
    await tab.route('**/ipc/send.resume', async (route) => {
      if (++arrived === 2) release();
      await gate;
      await route.continue();
    });
  const answered = tabs.map((tab) => tab.waitForResponse('**/ipc/send.resume'));
  await Promise.all(tabs.map((tab) => tab.getByTestId('send-history').getByTestId('resume-send').click()));
  await Promise.all(answered);
  await settle(before.sendId);
  expect(twice()).toEqual([]);
  expect([...received().keys()].filter((t) => t.startsWith('tabs-'))).toHaveLength(N);
  const notices = await Promise.all(tabs.map((tab) => tab.getByTestId('send-busy').count()));
  expect([...notices].sort()).toEqual([0, 1]);
  const busyTab = tabs[notices.indexOf(1)]!;
  await expect(busyTab.getByTestId('send-busy')).toContainText('already');
});
