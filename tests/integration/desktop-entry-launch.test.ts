import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopEntry } from '../../src-main/shell/desktop-entry';
import { needs } from '../helpers/needs';

const need = needs('gio');

/*
 * The autostart entry the app writes, started by GLib's desktop-entry loader (`gio launch`, the
 * code GNOME's session starts autostart entries with), for an app in folders whose names hold
 * each character the Desktop Entry Specification reserves, `%`, a space and Chinese. The app is a
 * script that records the arguments it was started with.
 */
async function started(folderName: string): Promise<{ app: string; argv: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'autostart-'));
  const folder = join(root, folderName);
  mkdirSync(folder, { recursive: true });
  const record = join(root, 'args.txt');
  const app = join(folder, 'counter-assist');
  writeFileSync(app, `#!/bin/sh\nfor a in "$0" "$@"; do printf '%s\\n' "$a"; done > '${record}'\n`);
  chmodSync(app, 0o755);
  const entry = join(root, 'com.counterassist.app.desktop');
  writeFileSync(entry, desktopEntry(app));
  execFileSync('gio', ['launch', entry], { stdio: 'pipe' });
  // gio starts the program and returns: wait for its record.
  const end = Date.now() + 5000;
  while (!existsSync(record) || !readFileSync(record, 'utf8').endsWith('\n')) {
    if (Date.now() > end) throw new Error(`not started: ${readFileSync(entry, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { app, argv: readFileSync(record, 'utf8').split('\n').slice(0, -1) };
}

describe.skipIf(need.skip)('the autostart entry, started by GLib', () => {
  const names = ['Counter Assist', '张三/下载', `it's "q" a\\b`, '$HOME `x` ~', '& ; | < >', '* ? # (1)', '100% 收银台'];
  for (const name of names) {
    it(`starts the app in "${name}" with --hidden, the path exactly as it is`, async () => {
      const { app, argv } = await started(name);
      expect(argv).toEqual([app, '--hidden']);
    });
  }
});
