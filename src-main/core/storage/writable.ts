import { constants } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import type { Notice } from '../notice';

/** Below this much free space a record, a settings change or a report may not fit. */
const LOW_SPACE = 64 * 1024;

/**
 * Whether the data folder can take writes, found out without writing: the app says so once, at
 * start, instead of failing at the cashier's first record. Reading goes on either way.
 */
export async function dataFolderNotice(dataDir: string): Promise<Notice | null> {
  try {
    await access(dataDir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return {
      code: 'data-folder',
      message: {
        'zh-CN': '数据文件夹无法写入（只读或没有权限）：故障记录、设置和报告都不能保存；查询和查看照常可用',
        en: 'The data folder cannot be written (read-only or no permission): incidents, settings and reports cannot be saved; looking things up still works',
      },
      detail: `${dataDir}: ${code ?? (e as Error).message}`,
    };
  }
  try {
    const s = await statfs(dataDir);
    if (s.bavail * s.bsize < LOW_SPACE) {
      return {
        code: 'data-folder',
        message: {
          'zh-CN': '磁盘已满：故障记录、设置和报告可能无法保存。请清理出空间',
          en: 'The disk is full: incidents, settings and reports may not be saved. Please free some space',
        },
        detail: `${dataDir}: ${s.bavail * s.bsize} bytes free`,
      };
    }
  } catch {
    // Cannot tell: the first write will say.
  }
  return null;
}
