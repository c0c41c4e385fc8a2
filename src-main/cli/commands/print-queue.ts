import type { Command } from 'commander';
import { fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import { pick, type Lang, type Text } from '../../core/i18n';
import { cancelStuckJobs, DEFAULT_OLDER_THAN_SECONDS, parseAge } from '../../core/print-queues/actions';
import { NoPrintSystemError } from '../../core/print-queues/errors';
import { gradeQueue, worstQueueState } from '../../core/common/queue-grade';
import { localQueueSystem } from '../../core/print-queues/system';
import type { PrintQueue } from '../../core/print-queues/types';
import { EXIT } from './status-options';

/** 3 when there is no print system to ask (monitoring's "unknown"), 1 when a change did not happen. */
const EXIT_NO_SYSTEM = 3;
const EXIT_NOT_DONE = 1;
const EXIT_BAD_ARGUMENT = 2;

const STATE_WORD: Record<PrintQueue['state'], Record<Lang, string>> = {
  idle: { 'zh-CN': '空闲', en: 'idle' },
  printing: { 'zh-CN': '正在打印', en: 'printing' },
  stopped: { 'zh-CN': '已停止', en: 'stopped' },
};

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const SAY = {
  age: (m: number, s: number) => (m ? t(`${m} 分 ${s} 秒`, `${m} min ${s} s`) : t(`${s} 秒`, `${s} s`)),
  waiting: (n: number, age: string) => t(`${n} 个任务在等，最早的已等 ${age}`, `${n} job(s) waiting, oldest ${age}`),
  noJobs: t('没有任务', 'no jobs'),
  isDefault: t('（默认）', ' (default)'),
  noQueues: t('打印系统里没有打印队列。', 'The print system has no queues.'),
  resumed: (name: string) => t(`打印队列“${name}”已恢复打印。`, `The queue "${name}" is printing again.`),
  madeDefault: (name: string) =>
    t(
      `“${name}”现在是默认打印机：打印到默认打印机的程序会把任务发给它。`,
      `"${name}" is now the default printer: programs that print to the default printer send their jobs to it.`,
    ),
  nothingToCancel: (name: string, age: string, kept: number) =>
    t(
      `没有要取消的任务：“${name}”里没有超过 ${age} 的任务（较新的 ${kept} 个没有动）。`,
      `Nothing to cancel: no job in "${name}" is older than ${age} (${kept} younger left alone).`,
    ),
  cancelled: (name: string, ids: string[]) =>
    t(
      `已取消“${name}”里的 ${ids.length} 个任务：${ids.join('、')}。队列本身没有恢复。`,
      `Cancelled ${ids.length} job(s) in "${name}": ${ids.join(', ')}. The queue itself was not resumed.`,
    ),
};

function ageText(seconds: number, lang: Lang): string {
  return pick(SAY.age(Math.floor(seconds / 60), seconds % 60), lang);
}

function queueLine(q: PrintQueue, lang: Lang): string {
  const grade = gradeQueue(q);
  const mark = grade === 'error' ? '✗' : grade === 'warning' ? '!' : '✓';
  const jobs = pick(q.jobs ? SAY.waiting(q.jobs, ageText(q.oldestJobSeconds ?? 0, lang)) : SAY.noJobs, lang);
  const dflt = q.default ? pick(SAY.isDefault, lang) : '';
  const reasons = q.reasons.length ? `\n    ${q.reasons.join('; ')}` : '';
  return `${mark} ${q.name}${dflt}  ${STATE_WORD[q.state][lang]}  ${jobs}\n    ${q.device || '—'}  ${q.driver || '—'}${reasons}`;
}

function failWith(cmd: Command, e: unknown): never {
  fail(cmd, e, e instanceof NoPrintSystemError ? EXIT_NO_SYSTEM : EXIT_NOT_DONE);
}

export function registerPrintQueue(program: Command): void {
  const command = program
    .command('print-queue')
    .description(
      'the print queues as the operating system sees them (CUPS, Windows spooler); exit 0 ok, 1 warning, 2 error, 3 no print system',
    )
    .action(async (_opts, cmd: Command) => {
      try {
        const reading = await localQueueSystem().read();
        const lang = langOf(cmd);
        print(cmd, { queues: reading.queues }, () =>
          reading.queues.length ? reading.queues.map((q) => queueLine(q, lang)).join('\n') : pick(SAY.noQueues, lang),
        );
        process.exitCode = EXIT[worstQueueState(reading.queues)];
      } catch (e) {
        failWith(cmd, e);
      }
    });

  command
    .command('resume <name>')
    .description('resume a stopped or paused queue (CUPS: cupsenable + cupsaccept; Windows: Win32_Printer.Resume)')
    .action(async (name: string, _opts, cmd: Command) => {
      try {
        await localQueueSystem().resume(name);
        const lang = langOf(cmd);
        print(cmd, { resumed: name }, () => pick(SAY.resumed(name), lang));
      } catch (e) {
        failWith(cmd, e);
      }
    });

  command
    .command('set-default <name>')
    .description(
      "make the queue the print system's default printer (CUPS: lpadmin -d, server-wide; Windows: Win32_Printer.SetDefaultPrinter)",
    )
    .action(async (name: string, _opts, cmd: Command) => {
      try {
        await localQueueSystem().makeDefault(name);
        const lang = langOf(cmd);
        print(cmd, { madeDefault: name }, () => pick(SAY.madeDefault(name), lang));
      } catch (e) {
        failWith(cmd, e);
      }
    });

  command
    .command('cancel-stuck <name>')
    .description('cancel the jobs older than --older-than (default 5m) in one queue; does not resume it')
    .option('--older-than <age>', 'e.g. 90s, 5m, 1h', '5m')
    .action(async (name: string, opts: { olderThan: string }, cmd: Command) => {
      const lang = langOf(cmd);
      const seconds = parseAge(opts.olderThan);
      if (seconds === null) {
        fail(
          cmd,
          new UserError({
            'zh-CN': `--older-than ${opts.olderThan} 不是时长（例如 90s、5m、1h）`,
            en: `--older-than ${opts.olderThan} is not a duration (e.g. 90s, 5m, 1h)`,
          }),
          EXIT_BAD_ARGUMENT,
        );
      }
      try {
        const r = await cancelStuckJobs(localQueueSystem(), name, seconds ?? DEFAULT_OLDER_THAN_SECONDS, Date.now());
        const ids = r.cancelled.map((j) => j.id);
        print(cmd, { queue: name, cancelled: ids, kept: r.kept }, () => {
          if (ids.length === 0) return pick(SAY.nothingToCancel(name, opts.olderThan, r.kept), lang);
          return pick(SAY.cancelled(name, ids), lang);
        });
      } catch (e) {
        failWith(cmd, e);
      }
    });
}
