import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // Pseudo-terminals and Chromium are real processes: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // electron-store imports electron itself: process it here so the tests' electron mock applies
    // to it too (importing the real package would try to download the Electron binary).
    server: { deps: { inline: ['electron-store'] } },
  },
});
