import { UserError } from '../errors';

/** There is no print system to ask: the CLI exits 3 with this sentence. */
export class NoPrintSystemError extends UserError {
  override name = 'NoPrintSystemError';
}

/** The print system refused the change for lack of rights; the sentence says how to get them. */
export class QueuePermissionError extends UserError {
  override name = 'QueuePermissionError';
}

/** The changes to a queue that can be refused for lack of rights. */
export type QueueAction = 'resume' | 'cancel' | 'default';

/** "…to <do this to> the print queue NAME", said whole because the word order differs by action. */
const ZH_ACTION: Record<QueueAction, (queue: string) => string> = {
  resume: (q) => `恢复打印队列“${q}”`,
  cancel: (q) => `取消打印队列“${q}”中的打印任务`,
  default: (q) => `把打印队列“${q}”设为默认打印机`,
};
const EN_ACTION: Record<QueueAction, (queue: string) => string> = {
  resume: (q) => `resume the print queue "${q}"`,
  cancel: (q) => `cancel jobs in the print queue "${q}"`,
  default: (q) => `make the print queue "${q}" the default printer`,
};

export function cupsToolsMissing(tool: string): NoPrintSystemError {
  return new NoPrintSystemError(
    {
      'zh-CN': `这台电脑没有 CUPS 的命令行工具（${tool}），无法读取打印队列。Linux 上请安装 cups-client（sudo apt install cups-client）。`,
      en: `CUPS's command-line tools (${tool}) are not installed, so the print queues cannot be read. On Linux, install cups-client (sudo apt install cups-client).`,
    },
    `${tool}: not found`,
  );
}

export function cupsNotReachable(server: string | undefined, said: string): NoPrintSystemError {
  const where = server ? `（${server}）` : '';
  const whereEn = server ? ` (${server})` : '';
  return new NoPrintSystemError(
    {
      'zh-CN': `打印服务 CUPS 没有运行或连不上${where}，无法读取打印队列。`,
      en: `The print service (CUPS) is not running or cannot be reached${whereEn}, so the print queues cannot be read.`,
    },
    said.trim(),
  );
}

export function windowsSpoolerUnavailable(said: string): NoPrintSystemError {
  return new NoPrintSystemError(
    {
      'zh-CN': 'Windows 的打印后台处理程序（Print Spooler 服务）没有运行或无法访问，无法读取打印队列。请在“服务”中启动 Print Spooler。',
      en: 'The Windows print spooler (the Print Spooler service) is not running or cannot be asked, so the print queues cannot be read. Start Print Spooler in Services.',
    },
    said.trim(),
  );
}

export function powershellMissing(): NoPrintSystemError {
  return new NoPrintSystemError(
    {
      'zh-CN': '找不到 Windows PowerShell（powershell.exe），无法读取打印队列。',
      en: 'Windows PowerShell (powershell.exe) was not found, so the print queues cannot be read.',
    },
    'powershell.exe: not found',
  );
}

export function unsupportedPlatform(platform: string): NoPrintSystemError {
  return new NoPrintSystemError(
    {
      'zh-CN': `这个系统（${platform}）没有本程序能读取的打印系统。`,
      en: `This system (${platform}) has no print system this program can read.`,
    },
    platform,
  );
}

export function noSuchQueue(name: string): UserError {
  return new UserError({ 'zh-CN': `没有名为“${name}”的打印队列。`, en: `There is no print queue named "${name}".` }, name);
}

export function cupsPermission(action: QueueAction, queue: string, said: string): QueuePermissionError {
  const zhAction = ZH_ACTION[action](queue);
  const enAction = EN_ACTION[action](queue);
  return new QueuePermissionError(
    {
      'zh-CN': `没有权限${zhAction}：CUPS 只允许打印机管理员这样做。请用 sudo 运行这条命令，或把这个账户加入 lpadmin 组（sudo usermod -aG lpadmin $USER，然后注销再登录）；macOS 上请用管理员账户。`,
      en: `Not allowed to ${enAction}: CUPS lets only printer administrators do that. Run the command with sudo, or add this account to the lpadmin group (sudo usermod -aG lpadmin $USER, then log out and in); on macOS, use an administrator account.`,
    },
    said.trim(),
  );
}

export function windowsPermission(action: QueueAction, queue: string, said: string): QueuePermissionError {
  const zhAction = ZH_ACTION[action](queue);
  const enAction = EN_ACTION[action](queue);
  return new QueuePermissionError(
    {
      'zh-CN': `没有权限${zhAction}：需要这台打印机的“管理打印机”权限。请以管理员身份运行，或请管理员在打印机属性的“安全”页授予此账户该权限。`,
      en: `Not allowed to ${enAction}: it needs the "Manage printers" permission on this printer. Run as administrator, or have an administrator grant this account that permission on the printer's Security tab.`,
    },
    said.trim(),
  );
}

export function queueActionFailed(queue: string, said: string): UserError {
  return new UserError(
    {
      'zh-CN': `打印系统没有完成对打印队列“${queue}”的操作：${said.trim()}`,
      en: `The print system did not carry out the change to the print queue "${queue}": ${said.trim()}`,
    },
    said.trim(),
  );
}

/**
 * CUPS's refusal as the window says it: the app cannot ask for a password or run sudo, so the
 * sentence says how the account gets the right, or which command a technician runs instead.
 */
export function cupsPermissionInWindow(action: QueueAction, queue: string, said: string): QueuePermissionError {
  const zhAction = ZH_ACTION[action](queue);
  const enAction = EN_ACTION[action](queue);
  const command = {
    resume: `print-queue resume ${queue}`,
    cancel: `print-queue cancel-stuck ${queue}`,
    default: `print-queue set-default ${queue}`,
  }[action];
  return new QueuePermissionError(
    {
      'zh-CN': `没有权限${zhAction}：CUPS 只允许打印机管理员这样做。请技术人员把这台电脑的这个账户加入 lpadmin 组（sudo usermod -aG lpadmin 用户名，然后注销再登录），或在终端运行 sudo counter-assist ${command}；macOS 上请用管理员账户。`,
      en: `Not allowed to ${enAction}: CUPS lets only printer administrators do that. Have a technician add this account to the lpadmin group (sudo usermod -aG lpadmin USER, then log out and in), or run sudo counter-assist ${command} in a terminal; on macOS, use an administrator account.`,
    },
    said.trim(),
  );
}
