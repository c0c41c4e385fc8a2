import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
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
    // Every project: a test that opens a socket or looks up a name beyond loopback fails.
    setupFiles: ['tests/setup/network-guard.ts'],
    // Unit, fuzz and integration tests run on the sources; only the UI tests need the built
    // renderer, and their setup builds it once, when it is older than the sources.
    // unit: nothing but `npm ci`, no child process, no system tool (the fast loop). fuzz: property
    // runs, long by design. integration and e2e: system tools, each file behind needs() from
    // tests/helpers/needs.ts.
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'fuzz', include: ['tests/fuzz/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/e2e/global-setup.ts'] } },
    ],
  },
});
