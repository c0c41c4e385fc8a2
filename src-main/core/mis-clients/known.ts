import type { Text } from '../i18n';

/**
 * The acquirers' client libraries a register loads to reach its card terminal over the MIS
 * link, and where they are usually installed. The libraries hide their wire format; what the
 * app can say is which of them sits on this PC, where, on which COM port it was set up, and
 * where it keeps its own log.
 *
 * Public traces of where they live:
 * - `C:\gmc\posinf.dll`: a C# wrapper's `[DllImport("c:\\gmc\\posinf.dll")] bankall(...)`
 *   (AutoServiceSDK, POSInterface/POS001 YLSWPosClass) and a Node addon's
 *   `LoadLibrary("c:\\gmc\\posinf.dll")`; a Java register (efuture javaPos) uses `c:\gmc\`,
 *   `c:\gmc_SL\` and `c:\gmc_BOC\` as the bank folders of three acquirers and reads
 *   `c:\gmc\softtpos.ini` as GBK.
 * - `[DllImport("posinf.dll")]` without a folder (Jonny.AllDemo.MISPOS PosinfDLL.cs) is found
 *   by Windows' DLL search order: the register's own folder, then the system folders.
 */
export interface MisClientLibrary {
  /** The file name, as the wrappers spell it (Windows compares names without case). */
  file: string;
  /** Whose client it is, as far as its name tells. */
  client: Text;
}

export const MIS_CLIENT_LIBRARIES: readonly MisClientLibrary[] = [
  { file: 'posinf.dll', client: { 'zh-CN': '银联商务 MIS 接口（posinf）', en: 'UnionPay Merchant Services MIS interface (posinf)' } },
  { file: 'KeeperClient.dll', client: { 'zh-CN': 'KeeperClient 收单客户端', en: 'KeeperClient acquirer client' } },
  { file: 'SoftPos.dll', client: { 'zh-CN': 'SoftPos 收单客户端', en: 'SoftPos acquirer client' } },
  { file: 'MposCore.dll', client: { 'zh-CN': 'MposCore 收单客户端', en: 'MposCore acquirer client' } },
  { file: 'LibSand.dll', client: { 'zh-CN': '杉德（Sand）收单客户端', en: 'Sand acquirer client' } },
  { file: 'umsDevTool_sp30.dll', client: { 'zh-CN': '银联商务 SP30 设备接口', en: 'UnionPay Merchant Services SP30 device interface' } },
];

/** The `%SystemRoot%` folders Windows searches for a DLL named without a folder. */
const SYSTEM_FOLDERS = ['System32', 'SysWOW64'];
/** The bank folders the public register code above uses. */
const BANK_FOLDERS = ['C:\\gmc', 'C:\\gmc_SL', 'C:\\gmc_BOC'];

/**
 * Where to look on this system: on Windows the bank folders and the system folders (plus any
 * the technician adds, such as the register's own folder); elsewhere nothing, since these
 * clients are Windows libraries.
 */
export function misClientFolders(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, extra: readonly string[] = []): string[] {
  if (platform !== 'win32') return [];
  const root = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
  return [...BANK_FOLDERS, ...SYSTEM_FOLDERS.map((f) => `${root}\\${f}`), ...extra];
}
