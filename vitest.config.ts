import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Removes the temporary directories each test file made (test/temp-directory.ts).
    setupFiles: ['test/setup/remove-temporary-directories.ts'],
  },
});
