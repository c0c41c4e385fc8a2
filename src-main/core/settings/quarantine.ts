import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import type { Notice } from '../notice';
import { parseSettings } from './validate';

/**
 * Check a settings file before anyone reads it. Anything at its path that cannot be read as
 * settings — text that does not parse or validate, a value that is not an object, a folder — is
 * renamed aside (never deleted) so the store can start from defaults and a technician can still
 * recover what was in it. On a folder that cannot be written the defaults are used all the same,
 * and the notice says the file is still where it was.
 */
export function quarantineIfInvalid(file: string, now: Date): Notice | null {
  let problem: string;
  try {
    if (!statSync(file, { throwIfNoEntry: false })) return null;
    const raw = readFileSync(file, 'utf8');
    // Notepad saves with a byte-order mark; the settings are fine, JSON.parse is not.
    const text = raw.replace(/^\uFEFF/, '');
    try {
      const json: unknown = JSON.parse(text);
      const parsed = parseSettings(json);
      if (parsed.ok) {
        // An older version is written back upgraded (keys this version does not know kept), so
        // electron-store, which checks the current schema itself, opens it as it is.
        const older = (json as { version?: unknown }).version !== parsed.settings.version;
        if (older) rewriteQuietly(file, `${JSON.stringify({ ...(json as object), ...parsed.settings }, null, 2)}\n`);
        else if (text !== raw) rewriteQuietly(file, text);
        return null;
      }
      problem = parsed.problem;
    } catch (e) {
      problem = `not valid JSON (${(e as Error).message})`;
    }
  } catch (e) {
    // EISDIR, EACCES …: there is something at the path, and it cannot be read as a file.
    problem = `cannot be read as a file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    return {
      code: 'settings-reset',
      message: {
        'zh-CN': '设置文件无法读取，已使用默认设置；文件夹无法写入，原文件保留在原处。请检查门店信息和设备设置。',
        en: 'The settings file could not be read; the defaults are in use. The folder cannot be written, so the file was left where it is. Please check the store profile and devices.',
      },
      detail: `${problem}. Could not keep it aside: ${(e as Error).message}`,
    };
  }
  return {
    code: 'settings-reset',
    message: {
      'zh-CN': '设置文件已损坏，已另存备份并恢复默认设置。请检查门店信息和设备设置。',
      en: 'The settings file was damaged. It was kept aside and the defaults restored. Please check the store profile and devices.',
    },
    detail: `${problem}. The old file is kept as ${aside}`,
  };
}

/** Dropping the byte-order mark is a courtesy: on a read-only folder the file is read as it is. */
function rewriteQuietly(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    // Read as is; the mark is stripped on every read anyway.
  }
}
