/**
 * Frame gaps at a million targets, in real Chromium against the real browser host: imports a
 * 1,000,000-row CSV through Import file…, applies it, and waits for the full scan of 3 nodes (an
 * SMS, a two-part UCS-2 SMS, a web push). Counts animation frames on the UI thread through each
 * phase and prints the longest gap between two frames and how many gaps were over 100 ms.
 * A measurement, not a test: it asserts only that each phase finished (run by scripts/bench-frames.mjs).
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost, type TestHost } from '../e2e/host';
import { writeWorkspace } from '../e2e/workspace-helpers';

const ROWS = Number(process.env.PREFLIGHT_FRAMES_ROWS ?? 1_000_000);

const CAMPAIGN = `name: Million
id: "Campaign_ID"
type: multistage
target_by: user_id
nodes:
  - key: sms
    channel: sms
    content:
      from: "Promo"
      text: "Hi {{ first_name }}, your code {{ promo_code }} is ready."
  - key: long
    channel: sms
    content:
      from: "Promo"
      text: "Hi {{ first_name }} 🎉 your {{ tier }} offer for the {{ team }} match is live: bet €10, get €30 with code {{ promo_code }}. Terms apply, 18+ only."
  - key: webpush
    channel: webpush
    content:
      title: "{{ team }}"
      body: "Use code {{ promo_code }} before Friday, {{ first_name }}."
`;

let host: TestHost;
let dir: string;
test.beforeAll(async () => {
  host = await startHost();
  writeWorkspace(host.workspace, { 'campaigns/million.yaml': CAMPAIGN });
  dir = mkdtempSync(join(tmpdir(), 'preflight-frames-'));
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts counting frames: every gap between two animation frames, with when it ended. */
async function startFrames(page: Page) {
  await page.evaluate(() => {
    interface LongFrame {
      startTime: number;
      duration: number;
      blockingDuration: number;
      styleAndLayoutStart: number;
      scripts: { invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number; duration: number }[];
    }
    const w = window as unknown as { __gaps: [number, number][]; __tasks: [number, number][]; __frames: [number, number, string][]; __stop: boolean };
    w.__gaps = [];
    w.__tasks = [];
    // Long tasks tell a busy UI thread from frames held up elsewhere (the GPU or browser process).
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push([e.startTime + e.duration, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    // Long animation frames say what held a frame up: its scripts (by invoker and source), its layout.
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as LongFrame[]) {
        const scripts = e.scripts.map((x) => `${x.invoker} ${x.sourceFunctionName || ''}@${x.sourceURL.split('/').pop()}:${x.sourceCharPosition} ${Math.round(x.duration)} ms`).join('; ');
        w.__frames.push([
          e.startTime + e.duration,
          e.duration,
          `${Math.round(e.duration)} ms frame, ${Math.round(e.blockingDuration)} ms blocking, style and layout ${Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0)} ms; scripts: ${scripts || 'none'}`,
        ]);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push([t, t - last]);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** Frames that ended in [from, to): how many, the longest gap, the gaps over 100 ms. */
async function framesBetween(page: Page, from: number, to: number) {
  return page.evaluate(
    ([a, b]) => {
      const w = window as unknown as { __gaps: [number, number][]; __tasks: [number, number][]; __frames: [number, number, string][] };
      const gaps = w.__gaps.filter(([t]) => t >= a && t < b).map(([, g]) => g);
      const tasks = w.__tasks.filter(([t]) => t >= a && t < b).map(([, d]) => d);
      const worst = w.__frames.filter(([t]) => t >= a && t < b).sort((x, y) => y[1] - x[1])[0];
      return { frames: gaps.length, longest: Math.round(Math.max(0, ...gaps)), over100: gaps.filter((g) => g > 100).length, longestTask: Math.round(Math.max(0, ...tasks)), taskMs: Math.round(tasks.reduce((x, y) => x + y, 0)), worstFrame: worst?.[2] };
    },
    [from, to] as const,
  );
}

test(`${ROWS.toLocaleString('en')} targets: frame gaps during import, apply and full scan`, async ({ page }) => {
  test.setTimeout(900_000);
  const file = join(dir, 'million.csv');
  const lines = ['user_id,first_name,promo_code,tier,team'];
  for (let i = 0; i < ROWS; i++) lines.push(`u${String(i).padStart(7, '0')},Name${i},CODE${i},${i % 3 ? 'gold' : 'silver'},${i % 2 ? 'Man Utd' : 'Liverpool'}`);
  writeFileSync(file, lines.join('\n') + '\n');
  const mb = (lines.join('\n').length / 1e6).toFixed(0);

  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/million.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Million');
  // The campaign editor (Monaco, loaded with the first campaign opened) is ready before the count
  // starts: its module takes one long task to evaluate, which belongs to opening the campaign.
  await expect(page.getByTestId('campaign-editor')).toHaveAttribute('data-editor-ready', 'yes', { timeout: 60_000 });
  await startFrames(page);

  // PREFLIGHT_FRAMES_PROFILE=file.cpuprofile records the UI thread's CPU profile of one phase:
  // PREFLIGHT_FRAMES_PROFILE_PHASE=import, apply (the default) or scan.
  const phase = process.env.PREFLIGHT_FRAMES_PROFILE ? (process.env.PREFLIGHT_FRAMES_PROFILE_PHASE ?? 'apply') : undefined;
  const cdp = phase ? await page.context().newCDPSession(page) : undefined;
  const profileFrom = async (p: string) => {
    if (cdp && p === phase) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
  };
  const profileTo = async (p: string) => {
    if (cdp && p === phase) writeFileSync(process.env.PREFLIGHT_FRAMES_PROFILE!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  };

  // A file path, not a buffer: Chromium reads the file itself, as when a person picks it.
  await profileFrom('import');
  const t0 = await now(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-preview').getByTestId('import-summary')).toContainText(`${ROWS.toLocaleString('en')} target(s)`, { timeout: 600_000 });
  const t1 = await now(page);
  await profileTo('import');
  await profileFrom('apply');
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('data-summary')).toContainText(`${ROWS.toLocaleString('en')} target(s)`, { timeout: 600_000 });
  const t2 = await now(page);
  await profileTo('apply');
  await profileFrom('scan');
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done', { timeout: 600_000 });
  await expect(page.getByTestId('scan-status')).toContainText(`All ${ROWS.toLocaleString('en')} checked`);
  const t3 = await now(page);
  await profileTo('scan');
  await page.evaluate(() => ((window as unknown as { __stop: boolean }).__stop = true));

  const phases = [
    ['import (file → preview)', t0, t1],
    ['apply (preview → data loaded)', t1, t2],
    ['full scan (3 nodes)', t2, t3],
  ] as const;
  const memory = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  console.log(`frames at ${ROWS.toLocaleString('en')} targets (${mb} MB CSV; page JS heap ${Math.round(memory / 1e6)} MB after the scan):`);
  for (const [name, a, b] of phases) {
    const f = await framesBetween(page, a, b);
    console.log(
      `  ${name.padEnd(32)} ${((b - a) / 1000).toFixed(1).padStart(6)} s · ${String(f.frames).padStart(5)} frames · longest gap ${String(f.longest).padStart(5)} ms · gaps over 100 ms: ${f.over100} · UI thread: longest task ${f.longestTask} ms, ${f.taskMs} ms in tasks over 50 ms`,
    );
    if (f.worstFrame) console.log(`      longest frame: ${f.worstFrame}`);
  }
});
