import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import type { Text } from '../../core/i18n';
import { PRINTER_PROTOCOLS, TERMINAL_PROTOCOLS } from '../../core/common/protocols';
import { TERMINAL_DRIVERS } from '../../core/devices/terminal/drivers';
import type { SerialOptions } from '../../core/devices/transports/transport';
import { PRINTER_SIM_STATES, PrinterSimulator } from '../../sim/printer';
import { openSocatPair, serveOnPort, serveOnTcp, type SimDevice } from '../../sim/serve';
import { TERMINAL_SIM_STATES, TerminalSimulator } from '../../sim/terminal';
import { failSimulator, runSimSession } from './sim-session';
import { SIMULATE_PROTOCOL_HELP } from '../protocol-help';

interface SimulateOptions {
  state?: string;
  protocol?: string;
  tcp?: string | boolean;
  slowMs?: string;
  asbOnConnect?: boolean;
  oneConnection?: boolean;
  xoffInBlock?: boolean;
}

/** Printer behaviours seen in stores, to demonstrate them (docs/devices.md). */
type Behaviours = Pick<SimulateOptions, 'asbOnConnect' | 'oneConnection' | 'xoffInBlock'>;

/** A simulated device, ready to be served on a link, and how to change its state at run time. */
interface Simulated {
  device: SimDevice & { stop(): void };
  setState(state: string): void;
  /** The device's own serial line settings, when it has any beyond 9600 8N1. */
  line?: SerialOptions;
}

/** What `simulate` can be: each kind with its protocols, states, defaults and how to build it. */
const KINDS = {
  printer: {
    what: { 'zh-CN': '打印机', en: 'printer' },
    protocols: PRINTER_PROTOCOLS,
    states: PRINTER_SIM_STATES,
    slowMs: 10_000,
    make(protocol: string, state: string, slowMs: number, b: Behaviours): Simulated {
      const sim = new PrinterSimulator({
        protocol: protocol as (typeof PRINTER_PROTOCOLS)[number],
        state: state as (typeof PRINTER_SIM_STATES)[number],
        slowMs,
        asbOnConnect: b.asbOnConnect ?? false,
        oneConnection: b.oneConnection ?? false,
        xoffInBlock: b.xoffInBlock ?? false,
      });
      return { device: sim, setState: (s) => sim.setState(s as (typeof PRINTER_SIM_STATES)[number]) };
    },
  },
  terminal: {
    what: { 'zh-CN': '刷卡机', en: 'terminal' },
    protocols: TERMINAL_PROTOCOLS,
    states: TERMINAL_SIM_STATES,
    slowMs: 800,
    make(protocol: string, state: string, slowMs: number): Simulated {
      const p = protocol as (typeof TERMINAL_PROTOCOLS)[number];
      const sim = new TerminalSimulator({ protocol: p, state: state as (typeof TERMINAL_SIM_STATES)[number], slowMs });
      return {
        device: sim,
        setState: (s) => (sim.state = s as (typeof TERMINAL_SIM_STATES)[number]),
        line: TERMINAL_DRIVERS[p].simLine,
      };
    },
  },
} satisfies Record<
  string,
  {
    what: Text;
    protocols: readonly string[];
    states: readonly string[];
    slowMs: number;
    make(p: string, s: string, ms: number, b: Behaviours): Simulated;
  }
>;

type Kind = keyof typeof KINDS;
const isKind = (k: string): k is Kind => Object.hasOwn(KINDS, k);

const oneOf = (flag: string, value: string, allowed: readonly string[]): UserError =>
  new UserError({
    'zh-CN': `${flag} “${value}” 无效，可选：${allowed.join('、')}`,
    en: `${flag} “${value}” is not one of: ${allowed.join(', ')}`,
  });

/** `simulate printer|terminal`: a device speaking the real bytes on a new pseudo-terminal or a loopback port. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'a printer or terminal that speaks the real protocol, on a new pseudo-terminal (socat) or a loopback TCP port, for tests, demos and training',
    )
    .argument('<device>', Object.keys(KINDS).join(' or '))
    .option('--state <state>', `printer: ${PRINTER_SIM_STATES.join(', ')}; terminal: ${TERMINAL_SIM_STATES.join(', ')}`, 'ok')
    .option('--protocol <protocol>', SIMULATE_PROTOCOL_HELP.en)
    .option('--tcp [port]', 'serve on 127.0.0.1 instead of a pseudo-terminal (default: any free port)')
    .option(
      '--slow-ms <ms>',
      `how late a slow device answers (printer ${KINDS.printer.slowMs}, terminal ${KINDS.terminal.slowMs}); a slow network printer: --state slow --slow-ms 1500`,
    )
    .option(
      '--asb-on-connect',
      'printer: ASB on from the start, a status block as each connection opens (as a printer behind an interface with ASB on may)',
    )
    .option('--one-connection', 'printer: serve one connection at a time; others wait until it closes (a network interface the POS holds)')
    .option('--xoff-in-block', 'printer: put XOFF … XON inside every status block')
    .action(async (device: string, opts: SimulateOptions, cmd: Command) => {
      const closers: (() => Promise<void>)[] = [];
      try {
        if (!isKind(device)) throw oneOf('simulate', device, Object.keys(KINDS));
        const kind = KINDS[device];
        const protocol = opts.protocol ?? kind.protocols[0];
        const state = opts.state ?? 'ok';
        if (!(kind.protocols as readonly string[]).includes(protocol)) throw oneOf('--protocol', protocol, kind.protocols);
        if (!(kind.states as readonly string[]).includes(state)) throw oneOf('--state', state, kind.states);
        const slowMs = opts.slowMs === undefined ? kind.slowMs : Number(opts.slowMs);
        if (!Number.isInteger(slowMs) || slowMs < 0)
          throw new UserError({ 'zh-CN': '--slow-ms 必须是非负整数', en: '--slow-ms must be a whole number ≥ 0' });
        const sim = kind.make(protocol, state, slowMs, {
          asbOnConnect: opts.asbOnConnect,
          oneConnection: opts.oneConnection,
          xoffInBlock: opts.xoffInBlock,
        });
        closers.push(async () => sim.device.stop());
        let target: string;
        if (opts.tcp !== undefined) {
          const port = opts.tcp === true ? 0 : Number(opts.tcp);
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            throw new UserError({ 'zh-CN': 'TCP 端口必须是 0–65535', en: 'the TCP port must be 0–65535' });
          const served = await serveOnTcp(sim.device, port);
          closers.push(() => served.close());
          target = served.target;
        } else {
          const pair = await openSocatPair();
          closers.push(() => pair.close());
          const served = await serveOnPort(sim.device, pair.device, {
            target: pair.app,
            ...(sim.line ? { line: sim.line } : {}),
            onUnplug: () => void pair.close(),
          });
          closers.push(() => served.close());
          target = pair.app;
        }
        await runSimSession(
          cmd,
          {
            what: kind.what,
            protocol,
            state,
            states: kind.states,
            target,
            setState: (line) => {
              if (!(kind.states as readonly string[]).includes(line)) return false;
              sim.setState(line);
              return true;
            },
          },
          closers,
        );
      } catch (e) {
        await failSimulator(cmd, e, closers);
      }
    });
}
