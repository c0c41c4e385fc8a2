import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { fail, globals, langOf } from '../context';
import { UserError } from '../../core/errors';
import { openSocatPair, SocatMissingError } from '../../sim/serve';
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
      const lang = langOf(cmd);
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
        const info = { target, protocol: opts.protocol, state: opts.state, states: TERMINAL_SIM_STATES };
        if (globals(cmd).json) process.stdout.write(`${JSON.stringify(info)}\n`);
        else
          process.stdout.write(
            lang === 'en'
              ? `Simulated ${opts.protocol} terminal (${opts.state}) at ${target}\nType a state and Enter to change it; Ctrl+C to stop.\n`
              : `模拟 ${opts.protocol} 刷卡终端（${opts.state}）：${target}\n输入状态名并回车可切换状态；按 Ctrl+C 停止。\n`,
          );
        const rl = createInterface({ input: process.stdin });
        rl.on('line', (raw) => {
          const line = raw.trim();
          if (!line) return;
          if (!isState(line)) return void process.stderr.write(`${lang === 'en' ? 'unknown state' : '未知状态'}: ${line}\n`);
          sim.state = line;
          process.stdout.write(`${lang === 'en' ? 'state' : '状态'}: ${line}\n`);
        });
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        rl.close();
        for (const c of closers.reverse()) await c();
        process.exit(0);
      } catch (e) {
        for (const c of closers.reverse()) await c();
        if (e instanceof SocatMissingError)
          return fail(cmd, new UserError({ 'zh-CN': '没有安装 socat：请安装（apt install socat），或使用 --tcp', en: e.message }), 3);
        fail(cmd, e, 3);
      }
    });
}
