import type { TerminalProtocol } from '../protocols';
import type { Text } from '../../i18n';
import { maskCardNumbers } from '../../redact';
import type { TrafficLog } from '../traffic';
import { TransportError, type SerialOptions, type Transport } from '../transports/transport';
import { openTransport, parseTarget, type OpenOptions } from '../transports/open';
import { problemText } from '../transports/errors';
import { RefusedError, refusedText } from '../transports/tcp';
import type { ProbeProblem, TerminalStatus } from '../types';
import { CONCERT_SERIAL, CONCERT_TIMING, concertHandshake, type ConcertTiming } from './concert';
import { TerminalLink } from './link';
import type { Liveness } from './liveness';
import { POSLINK_SERIAL, POSLINK_TIMING, poslinkInitialize, type PoslinkTiming } from './poslink';


export interface TerminalProbeOptions {
  baudRate?: number;
  concert?: Partial<ConcertTiming>;
  poslink?: Partial<PoslinkTiming>;
  connectTimeoutMs?: number;
  traffic?: TrafficLog;
  clock?: () => Date;
  /** How the port is opened; the real transports unless a caller needs otherwise. */
  open?: (target: string, options: OpenOptions) => Promise<Transport>;
}

export const TERMINAL_TEXT = {
  answering: { 'zh-CN': '终端有应答', en: 'The terminal answers' },
  refused: { 'zh-CN': '终端有应答，但表示暂未就绪（可能正在处理交易）', en: 'The terminal answers but says it is not ready (busy with a payment?)' },
  silent: { 'zh-CN': '终端无响应', en: 'The terminal is not answering' },
  unrecognized: {
    'zh-CN': '终端的回复无法识别（协议、波特率或校验位不对？）',
    en: 'The reply was not understood (wrong protocol, baud rate or parity?)',
  },
  busy: { 'zh-CN': '串口被收银软件占用（正常）', en: 'Port in use by the POS software (normal)' },
} satisfies Record<string, Text>;

/**
 * The line settings a terminal expects: Concert is 7E1 on RS-232, but a Telium on USB CDC
 * (ttyACM, usbmodem) is usually driven 8N1; POSLink is 8N1. A target's own ?data=&parity= win.
 */
export function lineFor(target: string, protocol: TerminalProtocol, baudRate?: number): SerialOptions {
  const base = protocol === 'poslink' ? POSLINK_SERIAL : /ttyACM|usbmodem/i.test(target) ? { ...CONCERT_SERIAL, dataBits: 8 as const, parity: 'none' as const } : CONCERT_SERIAL;
  return baudRate ? { ...base, baudRate } : base;
}

/** PAX POSLink over TCP/IP: the terminal listens on port 10009 (POSLink guide, communication settings). */
export const POSLINK_TCP_PORT = 10009;

/**
 * A network terminal given without a port: POSLink's own port, never the printers' 9100;
 * Concert over TCP has no standard port (each installation picks one), so it must be named.
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
  if (protocol === 'poslink') return `tcp://${parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host}:${POSLINK_TCP_PORT}`;
  throw new TransportError('bad-target', `${problemText('bad-target', target).en}: Concert over TCP has no standard port; give the one set in the terminal, e.g. tcp://${parsed.host}:5000`);
}

/**
 * Open the port, run the protocol's liveness probe (never a transaction), close. The port is held
 * only for the probe: the POS program usually owns it, and "busy" is then the normal answer.
 */
export async function probeTerminal(target: string, protocol: TerminalProtocol, options: TerminalProbeOptions = {}): Promise<TerminalStatus> {
  const clock = options.clock ?? (() => new Date());
  const open = options.open ?? openTransport;
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
    const live =
      protocol === 'concert'
        ? await concertHandshake(link, { ...CONCERT_TIMING, ...options.concert })
        : await poslinkInitialize(link, { ...POSLINK_TIMING, ...options.poslink });
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
  switch (live.outcome) {
    case 'answering':
      return { ...common, answering: true, state: 'ok', symptom: null, problem: null, summary: TERMINAL_TEXT.answering };
    case 'refused':
      return { ...common, answering: true, state: 'warning', symptom: null, problem: null, summary: TERMINAL_TEXT.refused };
    case 'silent':
      // Graded like a silent printer: unknown to a monitoring system, red at the counter (devices/state.ts).
      return { ...common, answering: false, state: 'unknown', symptom: 'no-response', problem: 'not-answering', summary: TERMINAL_TEXT.silent };
    case 'unrecognized':
      return { ...common, answering: false, state: 'unknown', symptom: null, problem: 'unrecognized-reply', summary: TERMINAL_TEXT.unrecognized };
  }
}

export function fromError(target: string, protocol: TerminalProtocol, e: unknown, clock: () => Date): TerminalStatus {
  if (!(e instanceof TransportError)) throw e;
  const common = { ...base(target, protocol, clock), answering: false, roundTripMs: null, identity: null, detail: maskCardNumbers(e.message) };
  const problem: ProbeProblem | null = e.problem === 'failed' ? null : e.problem;
  switch (e.problem) {
    case 'busy':
      return { ...common, state: 'unknown', symptom: null, problem: 'busy', summary: TERMINAL_TEXT.busy };
    case 'not-found':
    case 'disconnected':
      // The terminal cannot be reached at all: for the cashier that is a terminal not responding.
      return { ...common, state: 'unknown', symptom: 'no-response', problem, summary: e instanceof RefusedError ? refusedText(target) : problemText(e.problem, target) };
    default:
      return { ...common, state: 'unknown', symptom: null, problem, summary: e.text ?? problemText(e.problem, target) };
  }
}
