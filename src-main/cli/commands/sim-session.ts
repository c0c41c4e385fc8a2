import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { fail, globals, langOf } from '../context';
import { pick, type Text } from '../../core/i18n';
import { UserError } from '../../core/errors';
import { SocatMissingError } from '../../sim/serve';

export interface SimSession {
  /** "打印机" / "printer": what is being simulated, for the banner. */
  what: Text;
  protocol: string;
  state: string;
  states: readonly string[];
  target: string;
  /** Change the simulated state; false for a name that is not a state. */
  setState(state: string): boolean;
}

/**
 * Tell where to connect, take state names typed on stdin, and serve until Ctrl+C: the same for
 * every simulator. `closers` run last-first when it stops.
 */
export async function runSimSession(cmd: Command, session: SimSession, closers: (() => Promise<void>)[]): Promise<void> {
  const lang = langOf(cmd);
  const { what, protocol, state, states, target } = session;
  if (globals(cmd).json) process.stdout.write(`${JSON.stringify({ target, protocol, state, states })}\n`);
  else
    process.stdout.write(
      lang === 'en'
        ? `Simulated ${protocol} ${what.en} (${state}) at ${target}\nType a state and Enter to change it; Ctrl+C to stop.\n`
        : `模拟 ${protocol} ${what['zh-CN']}（${state}）：${target}\n输入状态名并回车可切换状态；按 Ctrl+C 停止。\n`,
    );
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (raw) => {
    const line = raw.trim();
    if (!line) return;
    if (!session.setState(line)) return void process.stderr.write(`${pick({ 'zh-CN': '未知状态', en: 'unknown state' }, lang)}: ${line}\n`);
    process.stdout.write(`${pick({ 'zh-CN': '状态', en: 'state' }, lang)}: ${line}\n`);
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  rl.close();
  await closeAll(closers);
  process.exit(0);
}

export async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.splice(0).reverse()) await close();
}

/** A simulator that could not start: close what did, and say why (socat missing says what to do). */
export async function failSimulator(cmd: Command, e: unknown, closers: (() => Promise<void>)[]): Promise<never> {
  await closeAll(closers);
  if (e instanceof SocatMissingError)
    return fail(cmd, new UserError({ 'zh-CN': '没有安装 socat：请安装（apt install socat），或使用 --tcp', en: e.message }), 3);
  return fail(cmd, e, 3);
}
