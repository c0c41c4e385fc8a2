import type { Text } from '../../i18n';
import { TransportError, type TransportProblem } from './transport';

/**
 * Turn what the OS or a driver said into one of the problems a person can act on. The texts
 * differ by platform and library ("Cannot lock port" from serialport's flock on Linux,
 * "Access denied" from Windows, EBUSY from the kernel), so the message is matched as well as
 * the code.
 */
export function classifyOsError(e: unknown): TransportProblem {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (
    code === 'EBUSY' ||
    /cannot lock port|resource busy|device or resource busy|access denied|resource temporarily unavailable/i.test(message)
  )
    return 'busy';
  if (code === 'EACCES' || code === 'EPERM' || /permission denied|operation not permitted/i.test(message)) return 'permission-denied';
  if (
    code === 'ENOENT' ||
    code === 'ENXIO' ||
    code === 'ENODEV' ||
    /no such file|no such device|file not found|cannot find the file/i.test(message)
  )
    return 'not-found';
  if (/inappropriate ioctl|not a typewriter/i.test(message)) return 'bad-target';
  if (code === 'EIO' || code === 'EPIPE' || code === 'ECONNRESET' || /input\/output error|broken pipe/i.test(message))
    return 'disconnected';
  return 'failed';
}

const isLinux = process.platform === 'linux';

/** What to tell a person about a problem on `target`, in both languages. */
export function problemText(problem: TransportProblem, target: string): Text {
  switch (problem) {
    case 'busy':
      return {
        'zh-CN': `${target} 正被其他程序占用（通常是收银软件），这是正常的，不是故障`,
        en: `${target} is in use by another program (usually the POS software); this is normal, not a fault`,
      };
    case 'permission-denied':
      return isLinux
        ? {
            'zh-CN': `没有权限打开 ${target}：运行 sudo usermod -aG dialout $USER，然后注销并重新登录`,
            en: `No permission to open ${target}: run sudo usermod -aG dialout $USER, then log out and in again`,
          }
        : {
            'zh-CN': `没有权限打开 ${target}：请用有权限的账户运行，或请管理员授权`,
            en: `No permission to open ${target}: run as a user allowed to use it, or ask the administrator`,
          };
    case 'not-found':
      return {
        'zh-CN': `找不到 ${target}：检查线缆是否插好、设备是否开机、端口名是否正确`,
        en: `${target} was not found: check the cable, that the device is on, and the port name`,
      };
    case 'disconnected':
      return {
        'zh-CN': `${target} 在通信中断开了：检查线缆和电源`,
        en: `${target} went away during the exchange: check the cable and the power`,
      };
    case 'bad-target':
      return {
        'zh-CN': `无法识别的端口 “${target}”：例如 /dev/ttyUSB0、COM3、/dev/usb/lp0 或 tcp://192.168.1.50:9100`,
        en: `“${target}” is not a port this app understands: e.g. /dev/ttyUSB0, COM3, /dev/usb/lp0 or tcp://192.168.1.50:9100`,
      };
    case 'failed':
      return {
        'zh-CN': `打开 ${target} 失败`,
        en: `Could not open ${target}`,
      };
  }
}

/** A TransportError for an OS error on `target`: the plain sentence, then what the OS said. */
export function toTransportError(e: unknown, target: string, problem: TransportProblem = classifyOsError(e)): TransportError {
  if (e instanceof TransportError) return e;
  const said = e instanceof Error ? e.message : String(e);
  return new TransportError(problem, `${problemText(problem, target).en} (${said})`);
}
