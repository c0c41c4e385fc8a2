import type { Text } from '../i18n';
import type { SymptomId } from '../content/schema';
import type { DeviceStatus, PrinterStatus, ProbeProblem, TerminalStatus } from '../devices/types';

/**
 * What a technician (or a cashier) does next about one device finding. One table for every place
 * that shows a device: the CLI's `status`, the Nagios long text, the report and the Devices
 * screen, so the same finding never gets two different instructions.
 */
export interface DeviceAdvice {
  /** What is wrong, in a few words ("缺纸"). */
  finding: Text;
  /** One short instruction: the next thing to do ("装纸后点立即检测"). */
  fix: Text;
  /** The flow to open for the whole procedure (`run receipt-print`), or null when there is none. */
  flow: SymptomId | null;
}

type Kind = DeviceStatus['kind'];

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/** Why no usable answer came; the same for both kinds of device except where the words differ. */
const PROBLEM_ADVICE: Readonly<Record<ProbeProblem, (kind: Kind) => DeviceAdvice>> = {
  'not-answering': (kind) =>
    kind === 'printer'
      ? {
          finding: t('打印机没有回应', 'The printer does not answer'),
          fix: t(
            '看打印机电源灯是否亮、线是否插紧，然后再检测一次',
            'Check the printer is switched on and its cable is firm, then check again',
          ),
          flow: 'receipt-print',
        }
      : {
          finding: t('刷卡机没有回应', 'The card terminal does not answer'),
          fix: t(
            '看刷卡机是否开机、连接线是否插紧，然后再检测一次',
            'Check the card terminal is on and its cable is firm, then check again',
          ),
          flow: 'no-response',
        },
  disconnected: (kind) => ({
    finding:
      kind === 'printer'
        ? t('打印机连接断开了', 'The printer was disconnected')
        : t('刷卡机连接断开了', 'The card terminal was disconnected'),
    fix: t('把线重新插好（插回原来的接口），然后再检测一次', 'Plug the cable back in (the same socket), then check again'),
    flow: kind === 'printer' ? 'receipt-print' : 'no-response',
  }),
  'not-found': (kind) => ({
    finding:
      kind === 'printer'
        ? t('找不到打印机的接口', 'The printer’s port is not there')
        : t('找不到刷卡机的接口', 'The card terminal’s port is not there'),
    fix: t('插好线后在“设备”里重新选择接口', 'Plug the cable in, then choose the port again under Devices'),
    flow: kind === 'printer' ? 'receipt-print' : 'no-response',
  }),
  busy: () => ({
    finding: t('接口正被收银软件使用', 'The port is in use by the POS program'),
    fix: t('这是正常的：收银软件在用它，不用处理', 'This is normal: the POS program is using it; nothing to do'),
    flow: null,
  }),
  'permission-denied': () => ({
    finding: t('没有权限打开这个接口', 'No permission to open this port'),
    fix: t('请服务商给这台电脑的账户开通串口权限', 'Ask the service provider to give this PC account access to the port'),
    flow: null,
  }),
  'unrecognized-reply': (kind) => ({
    finding: t('设备有回复，但看不懂', 'The device answers, but the reply is not understood'),
    fix:
      kind === 'printer'
        ? t(
            '已试过 ESC/POS 和 Star 两种指令：核对接口的波特率（打印机自检页上有）和接的是不是打印机，再检测一次',
            'Both ESC/POS and Star were tried: check the port’s baud rate (on the printer’s self-test page) and that a printer is on it, then check again',
          )
        : t(
            '已试过本机支持的刷卡机协议：向收单机构确认协议和波特率，再检测一次',
            'The terminal protocols this app speaks were tried: ask the acquirer which protocol and baud rate it uses, then check again',
          ),
    flow: null,
  }),
  'bad-target': () => ({
    finding: t('设置的接口不是一个设备', 'The port set up is not a device'),
    fix: t('在“设备”里重新选择接口', 'Choose the port again under Devices'),
    flow: null,
  }),
};

function printerAdvice(s: PrinterStatus): DeviceAdvice | null {
  if (s.coverOpen === true) {
    return {
      finding: t('打印机盖子开着', 'The printer cover is open'),
      fix: t('合上盖子，听到“咔”一声后再检测一次', 'Close the cover until it clicks, then check again'),
      flow: 'receipt-print',
    };
  }
  if (s.paperEnd === true) {
    return {
      finding: t('缺纸', 'Out of paper'),
      fix: t(
        '装上新纸卷（纸的光面朝向打印头），合上盖子后再检测一次',
        'Load a new paper roll (shiny side to the print head), close the cover, then check again',
      ),
      flow: 'receipt-print',
    };
  }
  if (s.errors.autocutter) {
    return {
      finding: t('切刀卡住了', 'The cutter is stuck'),
      fix: t('关机，打开盖子取出卡住的纸，再开机', 'Switch off, open the cover, remove the stuck paper, switch on again'),
      flow: 'receipt-print',
    };
  }
  if (s.errors.unrecoverable) {
    return {
      finding: t('打印机故障，无法自行恢复', 'Printer fault that will not clear by itself'),
      fix: t('关机再开一次；还不行请联系服务商', 'Switch it off and on once; if it persists, call the service provider'),
      flow: 'receipt-print',
    };
  }
  if (s.errors.recoverable || s.errors.autoRecoverable) {
    return {
      finding: t('打印机报告出错', 'The printer reports an error'),
      fix: t('关机再开一次，然后再检测一次', 'Switch it off and on once, then check again'),
      flow: 'receipt-print',
    };
  }
  if (s.online === false) {
    return {
      finding: t('打印机脱机', 'The printer is offline'),
      fix: t(
        '看面板上的灯和开关，按一下联机键，再检测一次',
        'Check the panel lights and switch, press the online button, then check again',
      ),
      flow: 'receipt-print',
    };
  }
  if (s.paperNearEnd === true) {
    return {
      finding: t('纸快用完了', 'Paper is running low'),
      fix: t('准备好新纸卷，下次换纸', 'Have a new roll ready and change it soon'),
      flow: null,
    };
  }
  return null;
}

function terminalAdvice(s: TerminalStatus): DeviceAdvice | null {
  if (s.state === 'ok') return null;
  if (s.answering && s.state === 'warning') {
    return {
      finding: t('刷卡机有应答，但暂未就绪', 'The card terminal answers but is not ready'),
      fix: t('可能正在做一笔交易：等它做完再检测一次', 'It may be in the middle of a payment: wait for it to finish, then check again'),
      flow: null,
    };
  }
  return {
    finding: t('刷卡机报告异常', 'The card terminal reports a problem'),
    fix: t('看刷卡机屏幕上的提示，按流程处理', 'Read the message on the terminal’s screen and follow the steps'),
    flow: s.symptom ?? 'no-response',
  };
}

/**
 * The one next step for a device, or null when all is well. A probe problem (no usable reply)
 * comes first: the printer's bits mean nothing without an answer.
 */
export function adviceFor(status: DeviceStatus): DeviceAdvice | null {
  if (status.problem) return PROBLEM_ADVICE[status.problem](status.kind);
  return status.kind === 'printer' ? printerAdvice(status) : terminalAdvice(status);
}
