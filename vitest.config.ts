import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/differential/**/*.test.ts', 'test/conformance/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
