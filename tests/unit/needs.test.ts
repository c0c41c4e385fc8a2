import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTools } from '../helpers/needs';

// Two PATH folders, with a space and Chinese characters as on a developer's machine: one holds an
// executable socat, the other holds a socat that cannot be run and nothing else.
const root = mkdtempSync(join(tmpdir(), '工具 needs-'));
const withSocat = join(root, 'bin 有');
const withoutSocat = join(root, 'bin 无');
mkdirSync(withSocat);
mkdirSync(withoutSocat);
writeFileSync(join(withSocat, 'socat'), '#!/bin/sh\nexit 0\n');
chmodSync(join(withSocat, 'socat'), 0o755);
writeFileSync(join(withoutSocat, 'socat'), 'not a program\n');
chmodSync(join(withoutSocat, 'socat'), 0o644);
const usbIds = join(root, 'usb.ids');
writeFileSync(usbIds, '04b8  Seiko Epson Corp.\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const REASON = 'socat is not installed: npm run test:setup installs it';

describe('needs(): a system tool a test file needs', () => {
  it('a tool on PATH: the tests run', () => {
    expect(checkTools(['socat'], { env: { PATH: `${withoutSocat}${delimiter}${withSocat}` } })).toEqual({ skip: false, reason: '' });
  });

  it('a tool not on PATH (or not executable there): skipped, with the reason and the command that installs it', () => {
    expect(checkTools(['socat'], { env: { PATH: withoutSocat } })).toEqual({ skip: true, reason: REASON });
    expect(checkTools(['socat'], { env: {} })).toEqual({ skip: true, reason: REASON });
  });

  it('a tool missing under CI=true: collection fails with the same sentence', () => {
    expect(() => checkTools(['socat'], { env: { PATH: withoutSocat, CI: 'true' } })).toThrow(
      `${REASON} (CI=true: a missing tool fails the run)`,
    );
    // CI set to anything else is a developer's shell, not the CI run.
    expect(checkTools(['socat'], { env: { PATH: withoutSocat, CI: '0' } }).skip).toBe(true);
  });

  it('several tools: the reason names every missing one', () => {
    const need = checkTools(['socat', 'mosquitto', 'wine'], { env: { PATH: withSocat } });
    expect(need).toEqual({ skip: true, reason: 'mosquitto, wine are not installed: npm run test:setup installs them' });
  });

  it('a tool found by its file (usb.ids): there or missing', () => {
    expect(checkTools(['usb.ids'], { env: {}, files: { 'usb.ids': usbIds } }).skip).toBe(false);
    const missing = checkTools(['usb.ids'], { env: {}, files: { 'usb.ids': join(root, 'gone', 'usb.ids') } });
    expect(missing).toEqual({ skip: true, reason: 'usb.ids is not installed: npm run test:setup installs it' });
    expect(() => checkTools(['usb.ids'], { env: { CI: 'true' }, files: { 'usb.ids': join(root, 'gone') } })).toThrow(
      'usb.ids is not installed',
    );
  });

  it('a program started by its path (cupsd): there only when it can be run', () => {
    expect(checkTools(['cupsd'], { env: {}, files: { cupsd: join(withSocat, 'socat') } }).skip).toBe(false);
    expect(checkTools(['cupsd'], { env: {}, files: { cupsd: join(withoutSocat, 'socat') } })).toEqual({
      skip: true,
      reason: 'cupsd is not installed: npm run test:setup installs it',
    });
  });
});
