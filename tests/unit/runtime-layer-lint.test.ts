import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The runtime layer is held by the project's own ESLint config: core/common/ loads nothing Node
 * and no other core folder, the renderer loads from src-main only core/common/ and shared/.
 * Each source is linted in memory at a path inside the project, as `npm run lint` would see it.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.js') });
});

/** The no-restricted-imports findings for `code` placed at `path`: one line each, `line: source`. */
async function refusedImports(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  if (!result) throw new Error('ESLint gave no result');
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => `${m.line}: ${code.split('\n')[m.line - 1]?.replace(/^.*from /, '') ?? ''}`);
}

const COMMON = 'src-main/core/common/lint-probe.ts';
const RENDERER = 'src-renderer/src/lib/lint-probe.ts';
const SVELTE = 'src-renderer/src/components/LintProbe.svelte';
const SHARED = 'src-main/shared/lint-probe.ts';

describe('core/common/ loads what a page can load', () => {
  it('refuses node:fs, a bare built-in, serialport and mqtt, even as types', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { join } from 'path';",
      "import type { SerialPort } from 'serialport';",
      "import mqtt from 'mqtt';",
      'export const probe = [readFileSync, join, mqtt] as const;',
      'export type Port = SerialPort;',
    ].join('\n');
    expect(await refusedImports(code, COMMON)).toEqual(["1: 'node:fs';", "2: 'path';", "3: 'serialport';", "4: 'mqtt';"]);
  });

  it('refuses another core folder at run time and lets its types through', async () => {
    const code = [
      "import { createPrintQueuesArea } from '../print-queues/area';",
      "import type { DeviceStatus } from '../devices/types';",
      "import type { Text } from '../i18n';",
      "import { codeCandidates } from './code-query';",
      'export const probe = (s: DeviceStatus, t: Text) => [createPrintQueuesArea, codeCandidates, s, t];',
    ].join('\n');
    expect(await refusedImports(code, COMMON)).toEqual(["1: '../print-queues/area';"]);
  });
});

describe('the renderer takes from src-main only core/common/ and shared/ at run time', () => {
  it('refuses the monitor at run time and lets an import type of it through', async () => {
    const code = [
      "import { createMonitor } from '../../../src-main/core/devices/monitor';",
      "import type { MonitorDeps } from '../../../src-main/core/devices/monitor';",
      "import { effectiveState } from '../../../src-main/core/common/device-state';",
      "import { readApiError } from '../../../src-main/shared/api-error';",
      "import type { CounterApi } from '../../../src-main/core/api';",
      'export const probe = (o: MonitorDeps, a: CounterApi) => [createMonitor, effectiveState, readApiError, o, a];',
    ].join('\n');
    expect(await refusedImports(code, RENDERER)).toEqual(["1: '../../../src-main/core/devices/monitor';"]);
  });

  it('refuses the contract at run time (it is types for the page) and the shell even as types', async () => {
    const code = [
      "import { EVENT_NAMES } from '../../../src-main/core/api';",
      "import type { ShellHandles } from '../../../src-main/shell/app-shell';",
      'export const probe = (s: ShellHandles) => [EVENT_NAMES, s];',
    ].join('\n');
    expect(await refusedImports(code, RENDERER)).toEqual(["1: '../../../src-main/core/api';", "2: '../../../src-main/shell/app-shell';"]);
  });

  it('holds inside a component too', async () => {
    const code = [
      '<script lang="ts">',
      "  import { parseByIdName } from '../../../src-main/core/devices/discovery/list-ports';",
      "  import { PAYMENT_METHOD_NAMES } from '../../../src-main/core/common/payment-methods';",
      '  const probe = [parseByIdName, PAYMENT_METHOD_NAMES];',
      '</script>',
      '<p>{probe.length}</p>',
    ].join('\n');
    expect(await refusedImports(code, SVELTE)).toEqual(["2: '../../../src-main/core/devices/discovery/list-ports';"]);
  });
});

describe('src-main/shared/ keeps the page rule and may take the contract names', () => {
  it('loads api.ts and core/common/, takes i18n as a type, refuses i18n at run time and Node', async () => {
    const code = [
      "import { API_METHOD_NAMES } from '../core/api';",
      "import { codeCandidates } from '../core/common/code-query';",
      "import type { Text } from '../core/i18n';",
      "import { LANGS } from '../core/i18n';",
      "import { EventEmitter } from 'node:events';",
      'export const probe = (t: Text) => [API_METHOD_NAMES, codeCandidates, LANGS, EventEmitter, t];',
    ].join('\n');
    expect(await refusedImports(code, SHARED)).toEqual(["4: '../core/i18n';", "5: 'node:events';"]);
  });
});
