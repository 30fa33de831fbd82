import { defineConfig } from '@playwright/test';

// The Electron smoke suite: launches the real app where Electron's binary exists. It runs against
// the unpackaged build on purpose: packaged builds have the EnableNodeCliInspectArguments fuse off
// (scripts/after-pack.cjs), and Playwright's `_electron.launch` needs --inspect to attach (it would hang).
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
});
