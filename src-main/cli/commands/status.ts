import type { Command } from 'commander';
import { fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import type { Lang } from '../../core/i18n';
import type { DeviceState, PrinterStatus } from '../../core/devices/types';
import { probePrinter } from '../../core/devices/printer/probe';
import { runTerminal } from './status-terminal';

/**
 * Exit codes follow the monitoring-plugin convention (Nagios, Icinga, Zabbix), so the command
 * can be a check as it is: 0 ok, 1 warning, 2 critical, 3 unknown. A busy port is 3: the
 * app could not look, which is unknown, not a fault — the text says it is normal.
 */
export const EXIT: Record<DeviceState, number> = { ok: 0, warning: 1, error: 2, unknown: 3 };
export const EXIT_BAD_ARGUMENTS = 3;

export interface StatusOptions {
  printer?: string;
  terminal?: string;
  protocol?: string;
  deadline?: string;
}

/** The status of one kind of device, when its option was given; the terminal adds its own. */
export type StatusRunner = (cmd: Command, opts: StatusOptions) => Promise<DeviceState>;

export const PRINTER_PROTOCOLS = ['escpos', 'star', 'auto'] as const;

export function badArgument(zh: string, en: string): UserError {
  return new UserError({ 'zh-CN': zh, en });
}

export function deadlineOf(opts: StatusOptions): number | undefined {
  if (opts.deadline === undefined) return undefined;
  const n = Number(opts.deadline);
  if (!Number.isInteger(n) || n < 10 || n > 60000) throw badArgument(`--deadline ${opts.deadline} 不是 10–60000 毫秒`, `--deadline ${opts.deadline} is not 10–60000 ms`);
  return n;
}

const runPrinter: StatusRunner = async (cmd, opts) => {
  const protocol = opts.protocol ?? 'escpos';
  if (!(PRINTER_PROTOCOLS as readonly string[]).includes(protocol))
    throw badArgument(`打印机协议 “${protocol}” 无效：escpos、star 或 auto`, `printer protocol “${protocol}” is not escpos, star or auto`);
  const status = await probePrinter(opts.printer as string, {
    protocol: protocol as (typeof PRINTER_PROTOCOLS)[number],
    deadlineMs: deadlineOf(opts),
  });
  print(cmd, status, () => printerLines(status, langOf(cmd)).join('\n'));
  return status.state;
};

const yn = (v: boolean | null, lang: Lang, yes: [string, string], no: [string, string]): string =>
  v === null ? (lang === 'en' ? 'unknown' : '未知') : v ? yes[lang === 'en' ? 1 : 0] : no[lang === 'en' ? 1 : 0];

/** One readable line per fact. */
export function printerLines(s: PrinterStatus, lang: Lang): string[] {
  const en = lang === 'en';
  const L = (zh: string, e: string) => (en ? e : zh);
  const errs = Object.entries(s.errors)
    .filter(([, v]) => v)
    .map(([k]) => k);
  const lines = [
    `${L('打印机', 'Printer')}: ${s.summary[lang]}`,
    `${L('端口', 'Port')}: ${s.target} (${s.protocol})`,
    `${L('状态', 'State')}: ${s.state}${s.problem ? ` (${s.problem})` : ''}`,
    `${L('有回应', 'Answering')}: ${yn(s.answering, lang, ['是', 'yes'], ['否', 'no'])}`,
    `${L('在线', 'Online')}: ${yn(s.online, lang, ['是', 'yes'], ['否', 'no'])}`,
    `${L('盖子', 'Cover')}: ${yn(s.coverOpen, lang, ['打开', 'open'], ['关闭', 'closed'])}`,
    `${L('纸张', 'Paper')}: ${s.paperEnd === null ? yn(null, lang, ['', ''], ['', '']) : s.paperEnd ? L('缺纸', 'out') : s.paperNearEnd ? L('快用完', 'near end') : L('正常', 'ok')}`,
    `${L('故障', 'Errors')}: ${errs.length ? errs.join(', ') : L('无', 'none')}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${L('往返时间', 'Round trip')}: ${s.roundTripMs} ms`);
  if (s.identity) lines.push(`${L('型号', 'Identity')}: ${[s.identity.maker, s.identity.model, s.identity.firmware, s.identity.serial].filter(Boolean).join(' / ')}`);
  if (s.detail) lines.push(`${L('详情', 'Detail')}: ${s.detail}`);
  return lines;
}

/** The state that decides the exit code when several devices are read: the worst one. */
function worst(states: DeviceState[]): DeviceState {
  const rank: DeviceState[] = ['ok', 'warning', 'unknown', 'error'];
  return states.reduce((a, b) => (rank.indexOf(b) > rank.indexOf(a) ? b : a), 'ok');
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('read a device’s status now (open, ask, close); exit 0 ok, 1 warning, 2 critical, 3 unknown')
    .option('--printer <target>', 'receipt printer: /dev/ttyUSB0, COM3, /dev/usb/lp0, tcp://host[:9100]')
    .option('--terminal <target>', 'payment terminal: /dev/ttyACM0, COM4, tcp://host:port (with --protocol concert|poslink)')
    .option('--protocol <protocol>', 'printer: escpos (default), star or auto; terminal: concert or poslink')
    .option('--deadline <ms>', 'longest wait for one reply (default 1000)')
    .action(async (opts: StatusOptions, cmd: Command) => {
      const runners: StatusRunner[] = [];
      if (opts.printer !== undefined) runners.push(runPrinter);
      if (opts.terminal !== undefined) runners.push(runTerminal);
      try {
        if (runners.length === 0) throw badArgument('请指定设备：--printer <端口> 或 --terminal <端口>', 'name a device: --printer <target> or --terminal <target>');
        const states: DeviceState[] = [];
        for (const run of runners) states.push(await run(cmd, opts));
        process.exitCode = EXIT[worst(states)];
      } catch (e) {
        fail(cmd, e, EXIT_BAD_ARGUMENTS);
      }
    });
}
