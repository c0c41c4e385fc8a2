import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * The NSIS installer decides one mode: installed for the Windows account that runs the till.
 * electron-builder's own code turns the nsis options into the defines its installer script
 * (templates/nsis/multiUser.nsh) reads; these tests run that code on electron-builder.yml.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const load = createRequire(join(ROOT, 'package.json'));
interface NsisOptions {
  oneClick?: boolean;
  perMachine?: boolean;
  allowElevation?: boolean;
  allowToChangeInstallationDirectory?: boolean;
  shortcutName?: string;
}
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { nsis: NsisOptions; productName: string };

// The package first: its modules import each other in an order only its entry point gets right.
load('app-builder-lib');
const { NsisTarget } = load('app-builder-lib/out/targets/nsis/NsisTarget.js') as {
  NsisTarget: { prototype: { configureDefines(this: unknown, oneClick: boolean, defines: Record<string, unknown>): Promise<unknown> } };
};
const { validateConfiguration } = load('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = load('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** The defines electron-builder's NsisTarget computes from these options (as `build()` does: oneClick unless false). */
async function installerDefines(nsis: NsisOptions): Promise<Record<string, unknown>> {
  const defines: Record<string, unknown> = {};
  const target = {
    options: nsis,
    packager: {
      info: { cancellationToken: { cancelled: false, createPromise: undefined } },
      appInfo: { sanitizedProductName: builder.productName, companyName: null },
      // No installer header, sidebar or uninstaller icon files in build/: electron-builder's own default.
      getResource: async () => null,
      expandMacro: (text: string) => text,
    },
  };
  await NsisTarget.prototype.configureDefines.call(target, nsis.oneClick !== false, defines);
  return defines;
}

describe('the Windows installer', () => {
  it('is a one-click install for the current Windows account, never all users, never asking for an administrator', async () => {
    expect(builder.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
    const defines = await installerDefines(builder.nsis);
    expect(defines).toHaveProperty('ONE_CLICK');
    // Without these the script takes its per-user branch: $LocalAppData\Programs, HKCU, no mode page.
    expect(defines).not.toHaveProperty('INSTALL_MODE_PER_ALL_USERS');
    expect(defines).not.toHaveProperty('INSTALL_MODE_PER_ALL_USERS_REQUIRED');
    expect(defines).not.toHaveProperty('MULTIUSER_INSTALLMODE_ALLOW_ELEVATION');
    expect(defines.SHORTCUT_NAME).toBe('收银台助手');
  });

  it('the assisted installer it replaces asked "just me / all users" (the defines that put up that page)', async () => {
    const before = await installerDefines({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      shortcutName: '收银台助手',
    });
    expect(before).toHaveProperty('INSTALL_MODE_PER_ALL_USERS_REQUIRED');
    expect(before).toHaveProperty('MULTIUSER_INSTALLMODE_ALLOW_ELEVATION');
  });

  it('electron-builder refuses a directory choice in a one-click installer, so none is left in the file', async () => {
    await expect(installerDefines({ ...builder.nsis, allowToChangeInstallationDirectory: true })).rejects.toThrow(
      /allowToChangeInstallationDirectory/,
    );
  });

  it('electron-builder accepts the configuration with the installer mode and the icons', async () => {
    await expect(validateConfiguration(structuredClone(builder), new DebugLogger(false))).resolves.toBeUndefined();
  });
});
