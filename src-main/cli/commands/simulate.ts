import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { fail, globals, langOf } from '../context';
import { UserError } from '../../core/errors';
import { PRINTER_SIM_STATES, PrinterSimulator, type PrinterSimState } from '../../sim/printer';
import { openSocatPair, serveOnPort, serveOnTcp, SocatMissingError, type Served } from '../../sim/serve';
import { registerSimulateTerminal } from './simulate-terminal';

const isState = (s: string): s is PrinterSimState => (PRINTER_SIM_STATES as readonly string[]).includes(s);

/** Serve until Ctrl+C; a state typed on stdin changes the simulated printer's state. */
async function runUntilStopped(cmd: Command, served: Served[], onLine: (line: string) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (l) => onLine(l.trim()));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  rl.close();
  for (const s of served.reverse()) await s.close();
  void cmd;
  process.exit(0);
}

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
      const lang = langOf(cmd);
      const served: Served[] = [];
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
          served.push(s);
          target = s.target;
        } else {
          const pair = await openSocatPair();
          served.push({ target: pair.app, close: () => pair.close() });
          const s = await serveOnPort(sim, pair.device, pair.app);
          served.push(s);
          target = pair.app;
        }
        const info = { target, protocol: opts.protocol, state: opts.state, states: PRINTER_SIM_STATES };
        if (globals(cmd).json) process.stdout.write(`${JSON.stringify(info)}\n`);
        else
          process.stdout.write(
            lang === 'en'
              ? `Simulated ${opts.protocol} printer (${opts.state}) at ${target}\nType a state and Enter to change it; Ctrl+C to stop.\n`
              : `模拟 ${opts.protocol} 打印机（${opts.state}）：${target}\n输入状态名并回车可切换状态；按 Ctrl+C 停止。\n`,
          );
        await runUntilStopped(cmd, served, (line) => {
          if (!line) return;
          if (!isState(line)) return void process.stderr.write(`${lang === 'en' ? 'unknown state' : '未知状态'}: ${line}\n`);
          sim.setState(line);
          process.stdout.write(`${lang === 'en' ? 'state' : '状态'}: ${line}\n`);
        });
      } catch (e) {
        for (const s of served) await s.close();
        if (e instanceof SocatMissingError)
          return fail(cmd, new UserError({ 'zh-CN': '没有安装 socat：请安装（apt install socat），或使用 --tcp', en: e.message }), 3);
        fail(cmd, e, 3);
      }
    });
}
