import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { openSocatPair } from '../../sim/serve';
import { failSimulator, runSimSession } from './sim-session';
import { startSerialTerminalSim, startTcpTerminalSim, TERMINAL_SIM_STATES, type TerminalSim, type TerminalSimState } from '../../sim/terminal';

const isState = (s: string): s is TerminalSimState => (TERMINAL_SIM_STATES as readonly string[]).includes(s);

interface SimulateTerminalOptions {
  protocol: string;
  state: string;
  tcp?: string | boolean;
  slowMs: string;
}

/** `simulate terminal`: a Concert or POSLink terminal on a new pseudo-terminal or a loopback port. */
export function registerSimulateTerminal(simulate: Command): void {
  simulate
    .command('terminal')
    .description('a payment terminal (Concert or PAX POSLink) on a new pseudo-terminal (socat) or a loopback TCP port')
    .option('--protocol <protocol>', 'concert or poslink', 'concert')
    .option('--state <state>', TERMINAL_SIM_STATES.join(', '), 'ok')
    .option('--tcp [port]', 'serve on 127.0.0.1 instead of a pseudo-terminal (default: any free port)')
    .option('--slow-ms <ms>', 'how late a slow terminal answers', '800')
    .action(async (opts: SimulateTerminalOptions, cmd: Command) => {
      const closers: (() => Promise<void>)[] = [];
      try {
        if (opts.protocol !== 'concert' && opts.protocol !== 'poslink')
          throw new UserError({ 'zh-CN': '--protocol 必须是 concert 或 poslink', en: '--protocol must be concert or poslink' });
        if (!isState(opts.state))
          throw new UserError({ 'zh-CN': `未知状态 “${opts.state}”：${TERMINAL_SIM_STATES.join('、')}`, en: `unknown state “${opts.state}”: ${TERMINAL_SIM_STATES.join(', ')}` });
        const slowMs = Number(opts.slowMs);
        if (!Number.isInteger(slowMs) || slowMs < 0) throw new UserError({ 'zh-CN': '--slow-ms 必须是非负整数', en: '--slow-ms must be a whole number ≥ 0' });
        const simOptions = { protocol: opts.protocol, state: opts.state, slowMs } as const;
        let sim: TerminalSim;
        let target: string;
        if (opts.tcp !== undefined) {
          const port = opts.tcp === true ? 0 : Number(opts.tcp);
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError({ 'zh-CN': 'TCP 端口必须是 0–65535', en: 'the TCP port must be 0–65535' });
          const tcp = await startTcpTerminalSim(port, simOptions);
          sim = tcp;
          target = tcp.target;
        } else {
          const pair = await openSocatPair();
          closers.push(() => pair.close());
          sim = await startSerialTerminalSim(pair.device, { ...simOptions, onUnplug: () => void pair.close() });
          target = pair.app;
        }
        closers.push(() => sim.close());
        await runSimSession(
          cmd,
          {
            what: { 'zh-CN': '刷卡终端', en: 'terminal' },
            protocol: opts.protocol,
            state: opts.state,
            states: TERMINAL_SIM_STATES,
            target,
            setState: (line) => {
              if (!isState(line)) return false;
              sim.state = line;
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
