import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, isAbsolute, extname } from 'node:path';
import { UserError } from '../errors';

/**
 * Where an export may be written. An export replaces its target by rename, so a careless path
 * would replace whatever is there: the incident log itself, settings.json, a device node. So:
 * nothing that is not a regular file is ever replaced, nothing is written into the incident
 * folder or over the data folder's own files, and an existing file only with `force`.
 */

/** The data folder's own files (and their side files: `.tmp`, `.torn`, `.corrupt-…`). */
const OWN_FILES = ['settings.json', 'maintenance.jsonl', '.writer.lock'];

export interface ExportTargetRules {
  dataDir: string;
  /** Replace an existing regular file (the CLI's --force). */
  force: boolean;
}

/** The real path of a folder that may not exist yet: its nearest existing ancestor, resolved. */
function realFolder(path: string): string {
  const parts: string[] = [];
  let p = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(p), ...parts.reverse());
    } catch {
      const up = dirname(p);
      if (up === p) return resolve(path);
      parts.push(basename(p));
      p = up;
    }
  }
}

const inside = (folder: string, path: string): boolean => {
  const r = relative(folder, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

function refuse(zh: string, en: string, detail: string): UserError {
  return new UserError({ 'zh-CN': zh, en }, detail);
}

/** Throws a UserError that says why, or returns the absolute target. */
export function checkExportTarget(file: string, rules: ExportTargetRules): string {
  const target = join(realFolder(dirname(resolve(file))), basename(file));
  const data = realFolder(rules.dataDir);
  const own = OWN_FILES.map((f) => join(data, f));
  if (inside(join(data, 'incidents'), target) || own.some((f) => target === f || target.startsWith(`${f}.`))) {
    throw refuse(
      `不能导出到故障记录或设置文件上：${file}。请选择其他位置（例如桌面）`,
      `Will not export over the incident log or the settings: ${file}. Choose another place (the desktop, say)`,
      `${target} is the incident folder or one of the data folder's own files (${OWN_FILES.join(', ')})`,
    );
  }
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing && !existing.isFile()) {
    const what = existing.isDirectory() ? 'a folder' : existing.isSymbolicLink() ? 'a link' : 'a device or other special file';
    throw refuse(
      `${file} 不是普通文件，不会覆盖它。请换一个文件名`,
      `${file} is not a regular file (${what}); it will not be replaced. Choose another file name`,
      `lstat: ${what}`,
    );
  }
  if (existing && !rules.force) {
    throw refuse(
      `${file} 已存在。要覆盖它请加 --force，或换一个文件名`,
      `${file} already exists. Add --force to replace it, or choose another name`,
      `refusing to replace ${target} without --force`,
    );
  }
  return target;
}

/** "incidents-2026-11-01-2026-11-30.csv", or "-2", "-3" … when that name is taken. */
export function freeName(file: string): string {
  const ext = extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? file : `${stem}-${n}${ext}`;
    try {
      lstatSync(candidate);
    } catch {
      return candidate;
    }
  }
}
