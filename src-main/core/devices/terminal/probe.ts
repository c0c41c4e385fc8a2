import type { TerminalProtocol } from '../../common/protocols';
import type { Text } from '../../i18n';
import { maskCardNumbers } from '../../redact';
import type { TrafficLog } from '../traffic';
import { TransportError, type SerialOptions, type Transport } from '../transports/transport';
import { openTransport, parseTarget, type OpenOptions } from '../transports/open';
import { problemText } from '../transports/errors';
import { RefusedError, refusedText } from '../transports/tcp';
import type { ProbeProblem, TerminalStatus } from '../types';
import { driverFor, type TerminalTimings } from './drivers';
import { TerminalLink } from './link';
import type { Liveness } from './liveness';

export interface TerminalProbeOptions extends TerminalTimings {
  baudRate?: number;
  connectTimeoutMs?: number;
  traffic?: TrafficLog;
  clock?: () => Date;
  /** How the port is opened; the real transports unless a caller needs otherwise. */
  open?: (target: string, options: OpenOptions) => Promise<Transport>;
}

export const TERMINAL_TEXT = {
  answering: { 'zh-CN': '终端有应答', en: 'The terminal answers' },
  refused: {
    'zh-CN': '终端有应答，但表示暂未就绪（可能正在处理交易）',
    en: 'The terminal answers but says it is not ready (busy with a payment?)',
  },
  silent: { 'zh-CN': '终端无响应', en: 'The terminal is not answering' },
  unrecognized: {
    'zh-CN': '终端的回复无法识别（协议、波特率或校验位不对？）',
    en: 'The reply was not understood (wrong protocol, baud rate or parity?)',
  },
} satisfies Record<string, Text>;

/** The line settings the protocol expects; a baud rate set for the device wins. */
export function lineFor(target: string, protocol: TerminalProtocol, baudRate?: number): SerialOptions {
  const base = driverFor(protocol).line(target);
  return baudRate ? { ...base, baudRate } : base;
}

/**
 * A network terminal given without a port: the protocol's own port, never the printers' 9100;
 * a protocol without a standard port (each installation picks one) must be given one.
 */
export function terminalTarget(target: string, protocol: TerminalProtocol): string {
  let parsed: ReturnType<typeof parseTarget>;
  try {
    parsed = parseTarget(target);
  } catch (e) {
    if (e instanceof TransportError) return target; // opening it says what is wrong
    throw e;
  }
  if (parsed.kind !== 'tcp' || parsed.portGiven) return target;
  const { tcpPort: port, name } = driverFor(protocol);
  if (port !== null) return `tcp://${parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host}:${port}`;
  throw new TransportError(
    'bad-target',
    `${problemText('bad-target', target).en}: ${name} over TCP has no standard port; give the one set in the terminal, e.g. tcp://${parsed.host}:5000`,
  );
}

/**
 * Open the port, run the protocol's liveness probe (never a transaction), close. The port is held
 * only for the probe: the POS program usually owns it, and "busy" is then the normal answer.
 */
export async function probeTerminal(
  target: string,
  protocol: TerminalProtocol,
  options: TerminalProbeOptions = {},
): Promise<TerminalStatus> {
  const clock = options.clock ?? (() => new Date());
  const open = options.open ?? openTransport;
  const driver = driverFor(protocol);
  let transport: Transport;
  try {
    transport = await open(terminalTarget(target, protocol), {
      serial: lineFor(target, protocol, options.baudRate),
      connectTimeoutMs: options.connectTimeoutMs ?? 3000,
      ...(options.traffic ? { traffic: options.traffic } : {}),
    });
  } catch (e) {
    return fromError(target, protocol, e, clock);
  }
  try {
    const link = new TerminalLink(transport);
    const live = await driver.probe(link, { ...driver.timing, ...options[protocol] }, clock());
    const status = fromLiveness(target, protocol, live, clock);
    // A 7E1 terminal on a port that stayed 8N1 answers nothing sensible: say why.
    return transport.lineNote ? { ...status, detail: [status.detail, transport.lineNote].filter(Boolean).join('; ') } : status;
  } catch (e) {
    return fromError(target, protocol, e, clock);
  } finally {
    await transport.close();
  }
}

function base(target: string, protocol: TerminalProtocol, clock: () => Date) {
  return { kind: 'terminal' as const, target, protocol, at: clock().toISOString() };
}

export function fromLiveness(target: string, protocol: TerminalProtocol, live: Liveness, clock: () => Date): TerminalStatus {
  const detail = maskCardNumbers(live.detail);
  const common = { ...base(target, protocol, clock), roundTripMs: live.roundTripMs, identity: live.identity, detail };
  if (live.said) {
    // The protocol's own reading: the terminal's words, or the register's sentence for a broken reply.
    const answering = live.outcome === 'answering' || live.outcome === 'refused';
    const problem = answering ? null : live.outcome === 'silent' ? 'not-answering' : 'unrecognized-reply';
    const summary = { 'zh-CN': maskCardNumbers(live.said.summary['zh-CN']), en: maskCardNumbers(live.said.summary.en) };
    return { ...common, answering, state: live.said.state, symptom: live.said.symptom, problem, summary };
  }
  switch (live.outcome) {
    case 'answering':
      return { ...common, answering: true, state: 'ok', symptom: null, problem: null, summary: TERMINAL_TEXT.answering };
    case 'refused':
      return { ...common, answering: true, state: 'warning', symptom: null, problem: null, summary: TERMINAL_TEXT.refused };
    case 'silent':
      // Graded like a silent printer: unknown to a monitoring system, red at the counter (common/device-state.ts).
      return {
        ...common,
        answering: false,
        state: 'unknown',
        symptom: 'no-response',
        problem: 'not-answering',
        summary: TERMINAL_TEXT.silent,
      };
    case 'unrecognized':
      return {
        ...common,
        answering: false,
        state: 'unknown',
        symptom: null,
        problem: 'unrecognized-reply',
        summary: TERMINAL_TEXT.unrecognized,
      };
  }
}

export function fromError(target: string, protocol: TerminalProtocol, e: unknown, clock: () => Date): TerminalStatus {
  if (!(e instanceof TransportError)) throw e;
  const common = {
    ...base(target, protocol, clock),
    answering: false,
    roundTripMs: null,
    identity: null,
    detail: maskCardNumbers(e.message),
  };
  const problem: ProbeProblem | null = e.problem === 'failed' ? null : e.problem;
  switch (e.problem) {
    case 'busy':
      return { ...common, state: 'unknown', symptom: null, problem: 'busy', summary: driverFor(protocol).busy };
    case 'not-found':
    case 'disconnected':
      // The terminal cannot be reached at all: for the cashier that is a terminal not responding.
      return {
        ...common,
        state: 'unknown',
        symptom: 'no-response',
        problem,
        summary: e instanceof RefusedError ? refusedText(target) : problemText(e.problem, target),
      };
    default:
      return { ...common, state: 'unknown', symptom: null, problem, summary: e.text ?? problemText(e.problem, target) };
  }
}
