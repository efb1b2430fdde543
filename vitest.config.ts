import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Store tests start worker threads and load data; the CLI tests start processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
