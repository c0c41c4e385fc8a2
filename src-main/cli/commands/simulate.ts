import type { Command } from 'commander';
import { UserError } from '../../core/errors';
import { PRINTER_SIM_STATES, PrinterSimulator, type PrinterSimState } from '../../sim/printer';
import { openSocatPair, serveOnPort, serveOnTcp } from '../../sim/serve';
import { failSimulator, runSimSession } from './sim-session';
import { registerSimulateTerminal } from './simulate-terminal';

const isState = (s: string): s is PrinterSimState => (PRINTER_SIM_STATES as readonly string[]).includes(s);

export function registerSimulate(program: Command): void {
  const simulate = program.command('simulate').description('device simulators that speak the real protocols, for tests, demos and training');
  registerSimulateTerminal(simulate);
  simulate
    .command('printer')
    .description('a receipt printer on a new pseudo-terminal (socat) or a loopback TCP port')
    .option('--state <state>', `${PRINTER_SIM_STATES.join(', ')}`, 'ok')
    .option('--protocol <protocol>', 'escpos or star', 'escpos')
    .option('--tcp [port]', 'serve on 127.0.0.1 instead of a pseudo-terminal (default: any free port)')
    .option('--slow-ms <ms>', 'how late a slow printer answers', '10000')
    .action(async (opts: { state: string; protocol: string; tcp?: string | boolean; slowMs: string }, cmd: Command) => {
      const closers: (() => Promise<void>)[] = [];
      try {
        if (!isState(opts.state)) throw new UserError({ 'zh-CN': `未知状态 “${opts.state}”：${PRINTER_SIM_STATES.join('、')}`, en: `unknown state “${opts.state}”: ${PRINTER_SIM_STATES.join(', ')}` });
        if (opts.protocol !== 'escpos' && opts.protocol !== 'star') throw new UserError({ 'zh-CN': `协议必须是 escpos 或 star`, en: `--protocol must be escpos or star` });
        const slowMs = Number(opts.slowMs);
        if (!Number.isInteger(slowMs) || slowMs < 0) throw new UserError({ 'zh-CN': '--slow-ms 必须是非负整数', en: '--slow-ms must be a whole number ≥ 0' });
        const sim = new PrinterSimulator({ protocol: opts.protocol, state: opts.state, slowMs });
        let target: string;
        if (opts.tcp !== undefined) {
          const port = opts.tcp === true ? 0 : Number(opts.tcp);
          if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError({ 'zh-CN': 'TCP 端口必须是 0–65535', en: 'the TCP port must be 0–65535' });
          const s = await serveOnTcp(sim, port);
          closers.push(() => s.close());
          target = s.target;
        } else {
          const pair = await openSocatPair();
          closers.push(() => pair.close());
          const s = await serveOnPort(sim, pair.device, pair.app);
          closers.push(() => s.close());
          target = pair.app;
        }
        await runSimSession(
          cmd,
          {
            what: { 'zh-CN': '打印机', en: 'printer' },
            protocol: opts.protocol,
            state: opts.state,
            states: PRINTER_SIM_STATES,
            target,
            setState: (line) => {
              if (!isState(line)) return false;
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
