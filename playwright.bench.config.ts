import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper without types
import { findChromium, CHROMIUM_ARGS } from './scripts/chromium.mjs';

// Benchmarks that need the real renderer in Chromium (run by scripts/bench-frames.mjs, not by npm test).
export default defineConfig({
  testDir: 'test/bench',
  testMatch: '**/*.bench.ts',
  timeout: 900_000,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: (findChromium() as string | null) ?? undefined, args: CHROMIUM_ARGS },
    trace: 'off',
  },
});
