import { UserError } from '../errors';
import type { Text } from '../i18n';

/**
 * Why a write to the data folder (or an export target) failed, in words: a read-only folder or a
 * full disk is something a technician can fix, and everything that only reads keeps working.
 */
export type WriteProblem = 'read-only' | 'full' | 'denied' | 'not-a-folder' | 'busy' | 'failed';

export class WriteError extends UserError {
  constructor(
    readonly problem: WriteProblem,
    message: Text,
    detail: string,
  ) {
    super(message, detail);
    this.name = 'WriteError';
  }
}

export function isWriteError(e: unknown): e is WriteError {
  return e instanceof WriteError;
}

const errnoOf = (e: unknown): string | undefined =>
  e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;

/** An error from the file system (it carries an errno code), as opposed to one from a caller. */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException {
  return errnoOf(e) !== undefined;
}

export function problemOf(e: unknown): WriteProblem {
  switch (errnoOf(e)) {
    case 'EROFS':
      return 'read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'not-a-folder';
    case 'ELOCKED':
      return 'busy';
    default:
      return 'failed';
  }
}

const REASONS: Record<WriteProblem, Text> = {
  'read-only': {
    'zh-CN': '文件夹是只读的。查询应答码、查看记录、导出到其他位置仍然可用',
    en: 'the folder is read-only. Looking up codes, listing records and exporting elsewhere still work',
  },
  full: {
    'zh-CN': '磁盘已满。请清理出空间后再试；没有写入半条记录',
    en: 'the disk is full. Free some space and try again; nothing was half-written',
  },
  denied: {
    'zh-CN': '没有写入权限。请检查这个文件夹的权限',
    en: 'permission denied. Check who may write to this folder',
  },
  'not-a-folder': {
    'zh-CN': '这个路径上有一个文件，而不是文件夹。请用 --data-dir 指定一个文件夹',
    en: 'there is a file where a folder should be. Point --data-dir at a folder',
  },
  busy: {
    'zh-CN': '另一个程序（收银台助手或命令行）正在写入，等待超时。请稍后再试',
    en: 'another Counter Assist window or command kept writing for too long. Try again in a moment',
  },
  failed: { 'zh-CN': '写入失败', en: 'the write failed' },
};

/**
 * A failed write as a sentence: what was not done (`what`), then why. The errno and the path go
 * to the detail line for the technician.
 */
export function writeError(e: unknown, what: Text, path: string): UserError {
  if (e instanceof UserError) return e;
  const problem = problemOf(e);
  const why = REASONS[problem];
  const raw = e instanceof Error ? e.message : String(e);
  return new WriteError(problem, { 'zh-CN': `${what['zh-CN']}：${why['zh-CN']}。`, en: `${what.en}: ${why.en}.` }, `${path}: ${raw}`);
}
