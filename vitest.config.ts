import { defineConfig } from 'vitest/config';

/**
 * One runner for domain, service/HTTP and web unit tests. Tests that need a database get
 * their own fresh database, cloned from a migrated template on the server the global setup
 * provides: the embedded PostgreSQL (default) or JULI_TEST_DATABASE_URL (an external server).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
