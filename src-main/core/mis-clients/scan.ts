import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MIS_CLIENT_LIBRARIES } from './known';
import { comSettings, decodeIni } from './ini';
import type { MisClientFound, MisClientScan } from './types';
import { pick, type Lang, type Text } from '../i18n';

export type { MisClientFound, MisClientScan } from './types';

/** An ini larger than this is not a client's settings file. */
const INI_MAX_BYTES = 256 * 1024;

type Entries = { name: string; dir: boolean }[];

async function entriesOf(folder: string): Promise<Entries | 'missing' | 'unreadable'> {
  try {
    return (await readdir(folder, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
  }
}

async function iniPorts(folder: string, entries: Entries): Promise<MisClientFound['comPorts']> {
  const out: MisClientFound['comPorts'] = [];
  for (const e of entries) {
    if (e.dir || !e.name.toLowerCase().endsWith('.ini')) continue;
    const path = join(folder, e.name);
    try {
      if ((await stat(path)).size > INI_MAX_BYTES) continue;
      for (const s of comSettings(decodeIni(await readFile(path)))) out.push({ ...s, file: path });
    } catch {
      // An ini that cannot be read names no port; the library itself is still reported.
    }
  }
  return out;
}

function logsOf(folder: string, entries: Entries): string[] {
  return entries
    .filter((e) => (e.dir ? /^logs?$/i.test(e.name) : e.name.toLowerCase().endsWith('.log')))
    .map((e) => join(folder, e.name))
    .sort();
}

/**
 * Which acquirer clients are installed in these folders. Read-only: it lists folders and reads
 * small ini files, it never loads a library or opens a port. The folders come from the caller
 * (`misClientFolders` on a real PC, fixture folders in tests).
 */
export async function scanMisClients(folders: readonly string[]): Promise<MisClientScan> {
  const found: MisClientFound[] = [];
  const unreadable: string[] = [];
  for (const folder of new Set(folders)) {
    const entries = await entriesOf(folder);
    if (entries === 'missing') continue;
    if (entries === 'unreadable') {
      unreadable.push(folder);
      continue;
    }
    for (const lib of MIS_CLIENT_LIBRARIES) {
      const hit = entries.find((e) => !e.dir && e.name.toLowerCase() === lib.file.toLowerCase());
      if (!hit) continue;
      found.push({ file: hit.name, client: lib.client, folder, comPorts: await iniPorts(folder, entries), logs: logsOf(folder, entries) });
    }
  }
  return { applies: folders.length > 0, found, unreadable };
}

/** One line per client for the report and the CLI, in both languages. */
const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const MIS_WORDS = {
  notHere: t(
    '（此系统上没有可查的收单客户端：这些客户端是 Windows 的程序库）',
    '(nothing to look for on this system: these clients are Windows libraries)',
  ),
  noneFound: t('（常见位置没有找到）', '(none found in the usual places)'),
  comPort: t('串口', 'COM port'),
  noComPort: t('配置文件中未找到', 'not found in its ini files'),
  log: t('日志', 'Log'),
  unreadable: t('无权读取', 'cannot read'),
};

/** The report's lines for the scan, in the reader's language. */
export function misClientLines(scan: MisClientScan, lang: Lang): string[] {
  const w = (x: Text): string => pick(x, lang);
  if (!scan.applies) return [w(MIS_WORDS.notHere)];
  const lines: string[] = [];
  if (scan.found.length === 0) lines.push(w(MIS_WORDS.noneFound));
  for (const f of scan.found) {
    lines.push(`- ${w(f.client)}: ${join(f.folder, f.file)}`);
    for (const c of f.comPorts) lines.push(`  ${w(MIS_WORDS.comPort)}: ${c.port} (${c.file}:${c.line} "${c.text}")`);
    if (f.comPorts.length === 0) lines.push(`  ${w(MIS_WORDS.comPort)}: ${w(MIS_WORDS.noComPort)}`);
    for (const l of f.logs) lines.push(`  ${w(MIS_WORDS.log)}: ${l}`);
  }
  for (const u of scan.unreadable) lines.push(`- ${w(MIS_WORDS.unreadable)}: ${u}`);
  return lines;
}
