import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, DESKTOP_FILE_NAME, DESKTOP_TEXT } from '../../src-main/shell/app-identity';
import { desktopEntry, execValue, isSwitchedOffByUser } from '../../src-main/shell/desktop-entry';
import { detectTrayHost, readTrayHostAnswer, type RunCommand } from '../../src-main/shell/tray-host';

const ROOT = join(import.meta.dirname, '..', '..');
interface BuilderConfig {
  appId: string;
  productName: string;
  npmRebuild: boolean;
  linux: { executableName: string; syncDesktopName: boolean; description: string; desktop: { entry: Record<string, string> } };
  mac: { extendInfo: Record<string, unknown> };
}
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { desktopName: string; productName: string };

describe('one identity for the installers and the running app', () => {
  it('the AppUserModelID the shell sets is the appId the installer stamps on the shortcut', () => {
    expect(builder.appId).toBe(APP_ID);
  });

  it('the Linux desktop file, Wayland app id and portal identity are named after the appId', () => {
    expect(pkg.desktopName).toBe(DESKTOP_FILE_NAME);
    expect(builder.linux.syncDesktopName).toBe(true);
  });

  it('the autostart entry carries the same name and comment as the menu entry the installer writes', () => {
    expect(DESKTOP_TEXT.Name).toBe(builder.productName);
    expect(DESKTOP_TEXT.Name).toBe(pkg.productName);
    expect(DESKTOP_TEXT.Comment).toBe(builder.linux.description);
    expect(DESKTOP_TEXT['Name[zh_CN]']).toBe(builder.linux.desktop.entry['Name[zh_CN]']);
    expect(DESKTOP_TEXT['Comment[zh_CN]']).toBe(builder.linux.desktop.entry['Comment[zh_CN]']);
  });

  it('macOS: a menu-bar app with no Dock icon', () => {
    expect(builder.mac.extendInfo.LSUIElement).toBe(true);
  });
});

describe('electron-builder reads the configuration as written', () => {
  // Its own check, the one `electron-builder` runs before packaging: a misspelt or misplaced key
  // (say `linux.syncDesktopNam`) would otherwise be dropped, and the identity above with it.
  const { validateConfiguration } = createRequire(join(ROOT, 'package.json'))('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = createRequire(join(ROOT, 'package.json'))('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

  it('accepts electron-builder.yml against its schema', async () => {
    await expect(validateConfiguration(structuredClone(builder), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would refuse a misspelt key, so the check above means something', async () => {
    const misspelt = { ...structuredClone(builder), linux: { ...builder.linux, syncDesktopNam: true } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/);
  });
});

describe('the Linux menu entry electron-builder writes', () => {
  /*
   * electron-builder's own code that writes the installed `.desktop` file, given the few packager
   * fields it reads: the file's name (the portal and Wayland identity) and its words come out as
   * the autostart entry the app writes, so the two cannot drift apart unnoticed.
   */
  const { LinuxTargetHelper } = createRequire(join(ROOT, 'package.json'))('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
    LinuxTargetHelper: new (packager: unknown) => { getDesktopFileName(): string; computeDesktopEntry(options: unknown): Promise<string> };
  };
  const helper = new LinuxTargetHelper({
    platformSpecificBuildOptions: builder.linux,
    info: { metadata: pkg },
    config: builder,
    appInfo: { productName: builder.productName, sanitizedProductName: builder.productName, description: 'unused' },
    executableName: builder.linux.executableName,
    fileAssociations: [],
  });

  it('is named after desktopName, the file Electron reports as the app id', () => {
    expect(`${helper.getDesktopFileName()}.desktop`).toBe(DESKTOP_FILE_NAME);
  });

  it('carries the name and comment of the autostart entry, in both languages, and the app id as window class', async () => {
    const menu = (await helper.computeDesktopEntry(builder.linux)).split('\n');
    const autostart = desktopEntry('/opt/Counter Assist/counter-assist').split('\n');
    for (const key of Object.keys(DESKTOP_TEXT)) {
      const line = (entry: string[]) => entry.find((l) => l.startsWith(`${key}=`));
      expect(line(menu), key).toBe(line(autostart));
    }
    expect(menu).toContain(`StartupWMClass=${APP_ID}`);
    expect(menu).toContain('Exec="/opt/Counter Assist/counter-assist" %U');
  });
});

describe('serialport is packaged as it is installed', () => {
  it('electron-builder does not rebuild native modules', () => {
    expect(builder.npmRebuild).toBe(false);
  });

  it('ships N-API prebuilds for every target, and the loader picks the prebuild here, not a local build', () => {
    const bindings = join(ROOT, 'node_modules', '@serialport', 'bindings-cpp');
    for (const dir of ['win32-x64', 'darwin-x64+arm64', 'linux-x64']) {
      expect(existsSync(join(bindings, 'prebuilds', dir)), dir).toBe(true);
    }
    const nodeGypBuild = createRequire(join(bindings, 'package.json'))('node-gyp-build') as { path(dir: string): string };
    expect(nodeGypBuild.path(bindings)).toContain(join('prebuilds', `${process.platform}-${process.arch}`));
  });
});

describe('the XDG autostart entry', () => {
  /*
   * Expected values checked against GLib 2.74: GKeyFile read the Exec value, g_shell_parse_argv
   * split it (after %% → %), and the first argument came back exactly as the path below.
   */
  it('quotes reserved characters and doubles % as the Desktop Entry Specification says', () => {
    expect(execValue(['/opt/Counter Assist/counter-assist', '--hidden'])).toBe('"/opt/Counter Assist/counter-assist" --hidden');
    expect(execValue(['/home/张三/Apps/Counter Assist.AppImage', '--hidden'])).toBe('"/home/张三/Apps/Counter Assist.AppImage" --hidden');
    expect(execValue(['/home/cashier/plain.AppImage', '--hidden'])).toBe('/home/cashier/plain.AppImage --hidden');
    expect(execValue(['/home/cashier/Apps/收银台 (100%) $HOME `x` "q" \'s\' a\\b ~ & ; * ? # | < >.AppImage', '--hidden'])).toBe(
      '"/home/cashier/Apps/收银台 (100%%) \\\\$HOME \\\\`x\\\\` \\\\"q\\\\" \'s\' a\\\\\\\\b ~ & ; * ? # | < >.AppImage" --hidden',
    );
  });

  it('is a complete entry, Chinese name included', () => {
    const entry = desktopEntry('/opt/Counter Assist/counter-assist');
    expect(entry.split('\n')).toEqual(
      expect.arrayContaining([
        '[Desktop Entry]',
        'Type=Application',
        'Name=Counter Assist',
        'Name[zh_CN]=收银台助手',
        'Exec="/opt/Counter Assist/counter-assist" --hidden',
      ]),
    );
    expect(isSwitchedOffByUser(entry)).toBe(false);
  });

  it('recognises the switches desktops use to turn an entry off', () => {
    expect(isSwitchedOffByUser('[Desktop Entry]\nHidden=true\n')).toBe(true);
    expect(isSwitchedOffByUser('[Desktop Entry]\nX-GNOME-Autostart-enabled=false\n')).toBe(true);
    expect(isSwitchedOffByUser('[Desktop Entry]\nX-GNOME-Autostart-enabled=true\n')).toBe(false);
  });
});

describe('is there a tray on this Linux desktop', () => {
  // Recorded from dbus-send and gdbus against a private session bus, with and without a watcher.
  const NO_WATCHER_DBUS_SEND =
    'Error org.freedesktop.DBus.Error.ServiceUnknown: The name org.kde.StatusNotifierWatcher was not provided by any .service files';
  const NO_WATCHER_GDBUS =
    'Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.kde.StatusNotifierWatcher was not provided by any .service files';

  it('reads both tools’ answers', () => {
    expect(readTrayHostAnswer({ ok: true, output: '   variant       boolean true\n' })).toBe('present');
    expect(readTrayHostAnswer({ ok: true, output: '   variant       boolean false\n' })).toBe('missing');
    expect(readTrayHostAnswer({ ok: true, output: '(<true>,)\n' })).toBe('present');
    expect(readTrayHostAnswer({ ok: true, output: '(<false>,)\n' })).toBe('missing');
    expect(readTrayHostAnswer({ ok: false, output: NO_WATCHER_DBUS_SEND })).toBe('missing');
    expect(readTrayHostAnswer({ ok: false, output: NO_WATCHER_GDBUS })).toBe('missing');
    expect(readTrayHostAnswer({ ok: false, output: 'Failed to open connection to "session" message bus' })).toBe('unknown');
  });

  it('falls back to gdbus when dbus-send is not installed, and says unknown when neither is', async () => {
    const asked: string[] = [];
    const gdbusOnly: RunCommand = async (command) => {
      asked.push(command);
      if (command === 'gdbus') return { stdout: '(<true>,)\n', stderr: '' };
      throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
    };
    expect(await detectTrayHost(gdbusOnly)).toBe('present');
    expect(asked).toEqual(['dbus-send', 'gdbus']);
    const none: RunCommand = async (command) => {
      throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' });
    };
    expect(await detectTrayHost(none)).toBe('unknown');
    const noWatcher: RunCommand = async () => {
      throw Object.assign(new Error('Command failed'), { stderr: NO_WATCHER_DBUS_SEND, stdout: '' });
    };
    expect(await detectTrayHost(noWatcher)).toBe('missing');
  });
});
