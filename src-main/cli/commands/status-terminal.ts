import { langOf, print } from '../context';
import { pick, type Lang, type Text } from '../../core/i18n';
import { WORDS, yesNo } from '../../core/common/common-words';
import type { TerminalStatus } from '../../core/devices/types';
import { TERMINAL_PROTOCOLS, type TerminalProtocol } from '../../core/common/protocols';
import { probeTerminal, type TerminalProbeOptions } from '../../core/devices/terminal/probe';
import { identifyTerminal } from '../../core/devices/terminal/identify';
import { driverFor } from '../../core/devices/terminal/drivers';
import { deadlineOf, type StatusRunner } from './status-options';
import { adviceLines, LABELS, stateLine, technicalLine, triedLine } from './device-lines';

export function terminalLines(s: TerminalStatus, lang: Lang, tried?: readonly string[]): string[] {
  const say = (text: Text): string => pick(text, lang);
  const lines = [
    `${say(LABELS.terminal)}: ${s.summary[lang]}`,
    `${pick(LABELS.port, lang)}: ${s.target} (${s.protocol})`,
    stateLine(s, lang),
    ...adviceLines(s, lang),
    ...triedLine(tried, s, lang),
    `${say(LABELS.answering)}: ${say(yesNo(s.answering))}`,
  ];
  if (s.roundTripMs !== null) lines.push(`${pick(LABELS.roundTrip, lang)}: ${s.roundTripMs} ms`);
  const id = s.identity;
  const none = driverFor(s.protocol).noIdentity;
  lines.push(
    `${say(LABELS.identity)}: ${
      id
        ? [id.maker, id.model, id.firmware, id.serial && `SN ${id.serial}`].filter(Boolean).join(' / ')
        : none
          ? none[lang]
          : say(WORDS.unknown)
    }`,
  );
  lines.push(...technicalLine(s.detail)(lang));
  return lines;
}

function timingsFor(protocols: readonly TerminalProtocol[], deadline: number | undefined): TerminalProbeOptions {
  if (!deadline) return {};
  return Object.fromEntries(protocols.map((p) => [p, driverFor(p).deadline(deadline)]));
}

/** `status --terminal <target> [--terminal-protocol …|auto]`: the protocol's liveness probe, never a transaction. */
export const runTerminal: StatusRunner = async (cmd, opts, plan) => {
  const device = plan.terminal;
  if (!device) return 'unknown';
  const deadline = deadlineOf(opts);
  const base = device.baudRate ? { baudRate: device.baudRate } : {};
  let status: TerminalStatus;
  let tried: TerminalProtocol[];
  if (device.protocol === 'auto') {
    const found = await identifyTerminal(device.target, { ...base, ...timingsFor(TERMINAL_PROTOCOLS, deadline) });
    ({ status, tried } = found);
  } else {
    status = await probeTerminal(device.target, device.protocol, { ...base, ...timingsFor([device.protocol], deadline) });
    tried = [device.protocol];
  }
  print(cmd, device.protocol === 'auto' ? { ...status, tried } : status, () => terminalLines(status, langOf(cmd), tried).join('\n'));
  return status.state;
};
