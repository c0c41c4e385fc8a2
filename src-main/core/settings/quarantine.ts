import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Notice } from '../notice';
import { parseSettings } from './validate';

/**
 * Check a settings file before anyone reads it. A file that does not parse or validate is
 * renamed aside (never deleted) so the store can start from defaults and a technician can
 * still recover what was in it.
 */
export function quarantineIfInvalid(file: string, now: Date): Notice | null {
  if (!existsSync(file)) return null;
  const raw = readFileSync(file, 'utf8');
  // Notepad saves with a byte-order mark; the settings are fine, JSON.parse is not.
  const text = raw.replace(/^\uFEFF/, '');
  let problem: string;
  try {
    const json: unknown = JSON.parse(text);
    const parsed = parseSettings(json);
    if (parsed.ok) {
      // An older version is written back upgraded, so electron-store (which checks the current
      // schema itself) opens it as it is.
      const older = (json as { version?: unknown } | null)?.version !== parsed.settings.version;
      if (older) writeFileSync(file, `${JSON.stringify(parsed.settings, null, 2)}\n`);
      else if (text !== raw) writeFileSync(file, text);
      return null;
    }
    problem = parsed.problem;
  } catch (e) {
    problem = `not valid JSON (${(e as Error).message})`;
  }
  const aside = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  return {
    code: 'settings-reset',
    message: {
      'zh-CN': '设置文件已损坏，已另存备份并恢复默认设置。请检查门店信息和设备设置。',
      en: 'The settings file was damaged. It was kept aside and the defaults restored. Please check the store profile and devices.',
    },
    detail: `${problem}. The old file is kept as ${aside}`,
  };
}
