import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCounterApi, type Core } from '../../src-main/core/create-api';
import type { CoreHost } from '../../src-main/core/host';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { projectContentDir } from '../../src-main/core/paths';

/** A real core on a fresh temporary data folder, as the CLI builds it. */
export function makeCore(overrides: Partial<CoreHost> = {}): Core & { dataDir: string; notified: { title: string; body: string }[] } {
  const { devices, ...rest } = overrides;
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'counter-core-'));
  const notified: { title: string; body: string }[] = [];
  const core = createCounterApi({
    settings: openFileSettingsStore(dataDir),
    dataDir,
    contentDir: projectContentDir(new URL('../../src-main/core/paths.ts', import.meta.url).href),
    clock: () => new Date(),
    notifier: { notify: (n) => notified.push(n) },
    appVersion: '0.0.0-test',
    electronVersion: null,
    // Tests talk only to loopback: the "router" is this machine (so the link is loopback's), and
    // only localhost resolves — also when a test supplies other device parts (a port list) and no
    // network of its own.
    devices: {
      network: {
        router: '127.0.0.1',
        resolve: async (name) => {
          if (name === 'localhost') return ['127.0.0.1'];
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
        },
        timeoutMs: 500,
      },
      ...devices,
    },
    ...rest,
  });
  return { ...core, dataDir, notified };
}
