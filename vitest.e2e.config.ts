import { defineConfig } from 'vitest/config';

/** End-to-end: the built server on a fresh embedded database with the demo, driven by headless Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 420_000,
  },
});
