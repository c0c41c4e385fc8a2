import type { Command } from 'commander';
import { langOf, print } from '../context';
import type { Lang } from '../../core/i18n';
import type { TerminalStatus } from '../../core/devices/types';
import { probeTerminal } from '../../core/devices/terminal/probe';
import { badArgument, deadlineOf, type StatusOptions, type StatusRunner } from './status-options';
import { isTerminalProtocol, TERMINAL_PROTOCOLS } from '../../core/common/protocols';
import { driverFor } from '../../core/devices/terminal/drivers';

export function terminalLines(s: TerminalStatus, lang: Lang): string[] {
  const L = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const lines = [
    `${L('刷卡机', 'Terminal')}: ${s.summary[lang]}`,
    `${L('端口', 'Port')}: ${s.target} (${s.protocol})`,
    `${L('状态', 'State')}: ${s.state}${s.problem ? ` (${s.problem})` : ''}`,
    `${L('有应答', 'Answering')}: ${s.answering ? L('是', 'yes') : L('否', 'no')}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${L('往返时间', 'Round trip')}: ${s.roundTripMs} ms`);
  const id = s.identity;
  const none = driverFor(s.protocol).noIdentity;
  lines.push(
    `${L('身份', 'Identity')}: ${
      id
        ? [id.maker, id.model, id.firmware, id.serial && `SN ${id.serial}`].filter(Boolean).join(' / ')
        : none
          ? none[lang]
          : L('未知', 'unknown')
    }`,
  );
  if (s.detail) lines.push(`${L('详情', 'Detail')}: ${s.detail}`);
  return lines;
}

/** `status --terminal <target> --protocol landi-mis|allinpay-mis|concert|poslink`: the protocol's liveness probe, never a transaction. */
export const runTerminal: StatusRunner = async (cmd: Command, opts: StatusOptions & { terminal?: string }) => {
  const protocol = opts.protocol;
  if (protocol === undefined || !isTerminalProtocol(protocol))
    throw badArgument(
      `终端协议必须是 ${TERMINAL_PROTOCOLS.join(' 或 ')}（--protocol）`,
      `the terminal protocol must be ${TERMINAL_PROTOCOLS.join(' or ')} (--protocol)`,
    );
  const deadline = deadlineOf(opts);
  const status = await probeTerminal(opts.terminal as string, protocol, {
    ...(deadline ? { [protocol]: driverFor(protocol).deadline(deadline) } : {}),
  });
  print(cmd, status, () => terminalLines(status, langOf(cmd)).join('\n'));
  return status.state;
};
