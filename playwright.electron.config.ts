import { defineConfig } from '@playwright/test';

// The Electron smoke suite: launches the real app (unpackaged build) where Electron's binary exists.
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
});
