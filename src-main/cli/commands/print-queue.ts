import type { Command } from 'commander';
import { fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import type { Lang } from '../../core/i18n';
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

function ageText(seconds: number, lang: Lang): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (lang === 'en') return m ? `${m} min ${s} s` : `${s} s`;
  return m ? `${m} 分 ${s} 秒` : `${s} 秒`;
}

function queueLine(q: PrintQueue, lang: Lang): string {
  const en = lang === 'en';
  const grade = gradeQueue(q);
  const mark = grade === 'error' ? '✗' : grade === 'warning' ? '!' : '✓';
  const jobs = q.jobs
    ? en
      ? `${q.jobs} job(s) waiting, oldest ${ageText(q.oldestJobSeconds ?? 0, lang)}`
      : `${q.jobs} 个任务在等，最早的已等 ${ageText(q.oldestJobSeconds ?? 0, lang)}`
    : en
      ? 'no jobs'
      : '没有任务';
  const dflt = q.default ? (en ? ' (default)' : '（默认）') : '';
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
          reading.queues.length
            ? reading.queues.map((q) => queueLine(q, lang)).join('\n')
            : lang === 'en'
              ? 'The print system has no queues.'
              : '打印系统里没有打印队列。',
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
        print(cmd, { resumed: name }, () => (lang === 'en' ? `The queue "${name}" is printing again.` : `打印队列“${name}”已恢复打印。`));
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
        print(cmd, { madeDefault: name }, () =>
          lang === 'en'
            ? `"${name}" is now the default printer: programs that print to the default printer send their jobs to it.`
            : `“${name}”现在是默认打印机：打印到默认打印机的程序会把任务发给它。`,
        );
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
          if (ids.length === 0)
            return lang === 'en'
              ? `Nothing to cancel: no job in "${name}" is older than ${opts.olderThan} (${r.kept} younger left alone).`
              : `没有要取消的任务：“${name}”里没有超过 ${opts.olderThan} 的任务（较新的 ${r.kept} 个没有动）。`;
          return lang === 'en'
            ? `Cancelled ${ids.length} job(s) in "${name}": ${ids.join(', ')}. The queue itself was not resumed.`
            : `已取消“${name}”里的 ${ids.length} 个任务：${ids.join('、')}。队列本身没有恢复。`;
        });
      } catch (e) {
        failWith(cmd, e);
      }
    });
}
