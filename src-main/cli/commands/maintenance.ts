import type { Command } from 'commander';
import { coreFor, exitCodeOf, fail, langOf, print } from '../context';
import type { MaintenanceDue } from '../../core/maintenance/types';
import { pick, type Lang } from '../../core/i18n';
import { UserError } from '../../core/errors';
import { localDateTime, systemTimeZone } from '../../core/incidents/zone';

const local = (iso: string): string => localDateTime(new Date(iso), systemTimeZone());

function dueLine(d: MaintenanceDue, lang: Lang): string {
  const zh = lang !== 'en';
  const state = d.overdue ? (zh ? '已逾期' : 'OVERDUE') : d.due ? (zh ? '该做了' : 'due') : zh ? '未到期' : 'not due';
  const last = d.lastDone ? `${zh ? '上次' : 'last'} ${local(d.lastDone.at)} (${d.lastDone.by})` : zh ? '从未做过' : 'never done';
  return `[${state}] ${d.item.id} · ${pick(d.item.title, lang)} · ${d.item.period} · ${last} · ${zh ? '到期' : 'due'} ${local(d.dueAt)}`;
}

export function registerMaintenance(program: Command): void {
  const maintenance = program
    .command('maintenance')
    .description('the maintenance checklist: what is due or overdue')
    .action(async (_opts, cmd: Command) => {
      try {
        const due = await coreFor(cmd).api.maintenance.due();
        const lang = langOf(cmd);
        print(cmd, due, () =>
          due.length === 0
            ? pick({ 'zh-CN': '保养清单为空。', en: 'The checklist is empty.' }, lang)
            : due.map((d) => dueLine(d, lang)).join('\n'),
        );
      } catch (e) {
        fail(cmd, e);
      }
    });

  maintenance
    .command('tick <id>')
    .description('mark an item done now, and by whom')
    .option('--by <name>', 'who did it')
    .action(async (id: string, opts: { by?: string }, cmd: Command) => {
      try {
        if (!opts.by || opts.by.trim() === '') {
          throw new UserError({ 'zh-CN': '请用 --by 写上完成人的名字', en: 'Say who did it with --by <name>' }, '--by is required');
        }
        const done = await coreFor(cmd).api.maintenance.tick(id, opts.by);
        print(cmd, done, () => dueLine(done, langOf(cmd)));
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
