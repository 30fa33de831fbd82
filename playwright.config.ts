import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

// End-to-end tests drive the built renderer in real Chromium against the browser host and the real
// sandbox (each test starts its own host on a free port with a fresh data folder; see test/e2e/host.ts).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  reporter: [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: (findChromium() as string | null) ?? undefined, args: CHROMIUM_ARGS },
    trace: 'off',
  },
});
