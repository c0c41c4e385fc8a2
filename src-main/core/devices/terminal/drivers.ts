import type { Text } from '../../i18n';
import type { TerminalProtocol } from '../../common/protocols';
import type { SerialOptions } from '../transports/transport';
import { ALLINPAY_SERIAL, ALLINPAY_TIMING, allinpayCommTestProbe, allinpaySimBrain } from './allinpay-mis';
import { CONCERT_SERIAL, CONCERT_TIMING, concertHandshake, concertSimBrain } from './concert';
import { LANDI_SERIAL, LANDI_TIMING, landiLinkTestProbe, landiSimBrain } from './landi-mis';
import type { TerminalLink } from './link';
import type { Liveness } from './liveness';
import { POSLINK_SERIAL, POSLINK_TIMING, poslinkInitialize, poslinkSimBrain } from './poslink';
import type { TerminalSimBrain, TerminalSimContext } from './sim-brain';

/**
 * Everything the app knows about one terminal protocol, in one row: adding a protocol is its file
 * and a row here (the `satisfies` below fails the typecheck when a protocol has no row).
 */
export interface TerminalDriver<Timing extends object> {
  /** The protocol as a technician knows it. */
  name: string;
  /** The line as the protocol's documents set it (the target's own ?data=&parity= still win). */
  line(target: string): SerialOptions;
  /** The line a simulated terminal of this protocol listens with. */
  simLine: SerialOptions;
  /** The TCP port when a network target names none; null: there is no standard one. */
  tcpPort: number | null;
  /** The deadlines the probe keeps, all within 5 s for a silent terminal. */
  timing: Timing;
  /** `--deadline N` (ms): the same N for every wait of the probe. */
  deadline(ms: number): Partial<Timing>;
  /** The least intrusive exchange the protocol offers; never a transaction. */
  probe(link: TerminalLink, timing: Timing, now: Date): Promise<Liveness>;
  /** Said in place of the identity when the probe carries none; null when it may carry one. */
  noIdentity: Text | null;
  /** The port is held by another program: the normal case for this kind of terminal. */
  busy: Text;
  /** The terminal's side of one connection, for the simulator (sim/terminal.ts). */
  sim(ctx: TerminalSimContext): TerminalSimBrain;
}

const POS_PROGRAM_BUSY: Text = { 'zh-CN': '串口被收银软件占用（正常）', en: 'Port in use by the POS software (normal)' };
/** At a Chinese counter the register program drives the terminal through this port all day. */
const REGISTER_BUSY: Text = { 'zh-CN': '收银软件正在使用刷卡机（正常）', en: 'The register program is using the card terminal (normal)' };
const MIS_NO_IDENTITY: Text = { 'zh-CN': 'MIS 联机测试不带身份信息', en: 'the MIS link test carries none' };

/** Infers one row's timing type from its `timing`, so its probe and deadline are checked against it. */
const driver = <Timing extends object>(d: TerminalDriver<Timing>): TerminalDriver<Timing> => d;

const DRIVERS = {
  'landi-mis': driver({
    name: 'LANDI MIS',
    line: () => LANDI_SERIAL,
    simLine: LANDI_SERIAL,
    // Newer MIS terminals on the LAN use a port the acquirer's installer sets; none is standard.
    tcpPort: null,
    timing: LANDI_TIMING,
    deadline: (ms) => ({ replyMs: ms, restMs: ms }),
    probe: (link, timing, now) => landiLinkTestProbe(link, timing, now),
    noIdentity: MIS_NO_IDENTITY,
    busy: REGISTER_BUSY,
    sim: landiSimBrain,
  }),
  'allinpay-mis': driver({
    name: 'Allinpay MIS',
    line: () => ALLINPAY_SERIAL,
    simLine: ALLINPAY_SERIAL,
    tcpPort: null,
    timing: ALLINPAY_TIMING,
    deadline: (ms) => ({ replyMs: ms }),
    probe: (link, timing) => allinpayCommTestProbe(link, timing),
    noIdentity: MIS_NO_IDENTITY,
    busy: REGISTER_BUSY,
    sim: allinpaySimBrain,
  }),
  concert: driver({
    name: 'Concert',
    // Concert is 7E1 on RS-232, but a Telium on USB CDC (ttyACM, usbmodem) is usually driven 8N1.
    line: (target) => (/ttyACM|usbmodem/i.test(target) ? { ...CONCERT_SERIAL, dataBits: 8, parity: 'none' } : CONCERT_SERIAL),
    simLine: CONCERT_SERIAL,
    tcpPort: null,
    timing: CONCERT_TIMING,
    deadline: (ms) => ({ enqAnswerMs: ms }),
    probe: (link, timing) => concertHandshake(link, timing),
    noIdentity: { 'zh-CN': 'Concert 握手不带身份信息', en: 'Concert’s handshake carries none' },
    busy: POS_PROGRAM_BUSY,
    sim: concertSimBrain,
  }),
  poslink: driver({
    name: 'POSLink',
    line: () => POSLINK_SERIAL,
    simLine: POSLINK_SERIAL,
    // PAX POSLink over TCP/IP: the terminal listens on 10009 (POSLink guide, communication settings).
    tcpPort: 10009,
    timing: POSLINK_TIMING,
    deadline: (ms) => ({ ackMs: ms, replyMs: ms }),
    probe: (link, timing) => poslinkInitialize(link, timing),
    noIdentity: null,
    busy: POS_PROGRAM_BUSY,
    sim: poslinkSimBrain,
  }),
} satisfies { [P in TerminalProtocol]: TerminalDriver<object> };

export const TERMINAL_DRIVERS: { readonly [P in TerminalProtocol]: (typeof DRIVERS)[P] } = DRIVERS;

/** The deadlines of one protocol's probe, by protocol: `{ concert: { enqAnswerMs: 300 } }`. */
export type TerminalTimings = { [P in TerminalProtocol]?: Partial<(typeof DRIVERS)[P]['timing']> };

/** One row, seen through the shape every row has. */
export function driverFor(protocol: TerminalProtocol): TerminalDriver<object> {
  return TERMINAL_DRIVERS[protocol];
}
