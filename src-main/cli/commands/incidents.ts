import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import type { Core } from '../../core/create-api';
import type { Incident, IncidentFilter, IncidentInput, IncidentSummary } from '../../core/incidents/types';
import { UserError } from '../../core/errors';
import { pick, type Lang } from '../../core/i18n';
import type { SymptomId } from '../../core/content/schema';
import { PAYMENT_METHODS, type PaymentMethodId } from '../../core/common/payment-methods';
import { OUTCOME_LABELS, PAYMENT_LABELS, pathText, yuan } from '../../core/incidents/labels';
import { localDateTime, systemTimeZone } from '../../core/incidents/zone';
import { FROM_NEWER } from '../../core/incidents/csv';
import { escapeControls } from '../terminal-safe';
import { exitCodeOf } from '../context';

interface AddOptions {
  symptom?: string;
  code?: string;
  amount?: string;
  paidBy?: string;
  note?: string;
  session?: string;
}

interface RangeOptions {
  from?: string;
  to?: string;
  symptom?: string;
}

/** "35", "35.5", "35.50": yuan with at most two decimals; anything else is refused, not guessed. */
export function parseAmount(raw: string): number {
  const trimmed = raw.trim();
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(trimmed)) {
    throw new UserError(
      { 'zh-CN': `金额无效：${raw}。请写成 35 或 35.50（元）`, en: `Not a valid amount: ${raw}. Write it like 35 or 35.50 (yuan)` },
      `--amount ${JSON.stringify(raw)}`,
    );
  }
  return Number(trimmed);
}

function missingSymptom(): UserError {
  return new UserError(
    { 'zh-CN': '请用 --symptom 说明故障类型，例如 --symptom declined', en: 'Say which symptom with --symptom, e.g. --symptom declined' },
    '--symptom is required',
  );
}

/** Problems the log met (a torn line set aside, damaged lines skipped): said, never hidden. */
function tellNotices(core: Core, lang: Lang): void {
  for (const n of core.incidents.notices) process.stderr.write(`! ${pick(n.message, lang)}\n  ${n.detail}\n`);
}

function filterOf(opts: RangeOptions): IncidentFilter {
  return { from: opts.from, to: opts.to, symptom: opts.symptom as SymptomId | undefined };
}

/** "unknown (from a newer version): paper-smell" — a value this version cannot name, shown as written. */
const newerValue = (value: string, lang: Lang): string => `${pick(FROM_NEWER, lang)}: ${value}`;

function incidentLine(i: Incident, lang: Lang): string {
  const n = i.newer;
  const parts = [
    i.id,
    localDateTime(new Date(i.at), systemTimeZone()),
    n?.symptom !== undefined ? newerValue(n.symptom, lang) : i.symptom,
    i.code ? `${lang === 'en' ? 'code' : '代码'} ${i.code}` : null,
    i.outcome ? pick(OUTCOME_LABELS[i.outcome], lang) : n?.outcome !== undefined ? newerValue(n.outcome, lang) : null,
    i.paidBy
      ? `${pick(PAYMENT_LABELS[i.paidBy], lang)}${i.amount === null ? '' : ` ${yuan(i.amount)}`}`
      : n?.paidBy !== undefined
        ? newerValue(n.paidBy, lang)
        : null,
  ].filter(Boolean);
  const lines = [parts.join('  ')];
  if (i.path.length > 0) lines.push(`    ${pathText(i.path)}`);
  if (i.note) lines.push(`    ${i.note.replace(/\r?\n/g, ' / ')}`);
  if (n && n.fields.length > 0) lines.push(`    ${newerValue(n.fields.join(', '), lang)}`);
  // Everything in the line came from the log, which people and other versions wrote.
  return lines.map(escapeControls).join('\n');
}

function summaryText(s: IncidentSummary, lang: Lang): string {
  const zh = lang !== 'en';
  const lines = [zh ? `共 ${s.total} 次故障` : `${s.total} incident(s)`];
  for (const b of s.bySymptom) {
    const fix = b.fixedMostBy
      ? zh
        ? `，最常解决的步骤：${pick(b.fixedMostBy.text, lang)}（${b.fixedMostBy.count} 次）`
        : `; most often fixed by: ${pick(b.fixedMostBy.text, lang)} (${b.fixedMostBy.count})`
      : '';
    lines.push(`  ${b.symptom}: ${b.count}${fix}`);
  }
  if (s.paidOtherwise.length > 0) {
    lines.push(zh ? '改用其他方式收款：' : 'Taken by other ways of paying:');
    for (const p of s.paidOtherwise) lines.push(`  ${pick(PAYMENT_LABELS[p.method], lang)}: ${p.count} × · ${yuan(p.amount)}`);
  }
  return lines.join('\n');
}

export function registerIncidents(program: Command): void {
  const incidents = program.command('incidents').description('the incident log: record, list, summarize, export to CSV');

  incidents
    .command('add')
    .description('record an incident; exits 0 only once it is on disk')
    .option('--symptom <id>', 'symptom id, e.g. declined, card-not-read, receipt-print')
    .option('--code <code>', 'the response code the terminal showed, e.g. 51')
    .option('--amount <yuan>', 'the sale amount in yuan, e.g. 35.50')
    .option('--paid-by <method>', `how the customer paid instead: ${PAYMENT_METHODS.join(', ')}`)
    .option('--note <text>', 'a note (card numbers are masked)')
    .option('--session <id>', 'the flow session whose path to record')
    .action(async (opts: AddOptions, cmd: Command) => {
      let input: IncidentInput;
      try {
        if (!opts.symptom) throw missingSymptom();
        input = {
          symptom: opts.symptom as SymptomId,
          code: opts.code,
          amount: opts.amount === undefined ? undefined : parseAmount(opts.amount),
          paidBy: opts.paidBy as PaymentMethodId | undefined,
          note: opts.note,
          sessionId: opts.session,
        };
      } catch (e) {
        fail(cmd, e, 2);
      }
      const core = coreFor(cmd);
      let recorded: Incident;
      try {
        recorded = await core.api.incidents.record(input);
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
      print(cmd, recorded, () => `${langOf(cmd) === 'en' ? 'Recorded' : '已记录'} ${recorded.id}`);
    });

  incidents
    .command('list')
    .description('list incidents, oldest first (dates: YYYY-MM-DD in the store’s time zone, both ends included)')
    .option('--from <date>', 'first day, e.g. 2026-11-01')
    .option('--to <date>', 'last day, e.g. 2026-11-30')
    .option('--symptom <id>', 'only this symptom')
    .action(async (opts: RangeOptions, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const list = await core.api.incidents.list(filterOf(opts));
        tellNotices(core, langOf(cmd));
        const lang = langOf(cmd);
        print(cmd, list, () =>
          list.length === 0 ? (lang === 'en' ? 'No incidents.' : '没有故障记录。') : list.map((i) => incidentLine(i, lang)).join('\n'),
        );
      } catch (e) {
        fail(cmd, e, 2);
      }
    });

  incidents
    .command('summary')
    .description('which symptoms recur, which step most often fixed each, what other ways of paying took')
    .option('--from <date>', 'first day, e.g. 2026-11-01')
    .option('--to <date>', 'last day, e.g. 2026-11-30')
    .action(async (opts: RangeOptions, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const summary = await core.api.incidents.summary(filterOf({ from: opts.from, to: opts.to }));
        tellNotices(core, langOf(cmd));
        print(cmd, summary, () => summaryText(summary, langOf(cmd)));
      } catch (e) {
        fail(cmd, e, 2);
      }
    });

  incidents
    .command('export')
    .description('export incidents to CSV (UTF-8 with BOM, opens in Excel)')
    .option('--csv <file>', 'where to write (default: the exports folder in the data folder); an existing file is kept unless --force')
    .option('--force', 'replace the --csv file if it exists (never a folder, a device or the incident log)')
    .option('--from <date>', 'first day, e.g. 2026-11-01')
    .option('--to <date>', 'last day, e.g. 2026-11-30')
    .option('--symptom <id>', 'only this symptom')
    .action(async (opts: RangeOptions & { csv?: string; force?: boolean }, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const filter = filterOf(opts);
        const result = opts.csv
          ? await core.incidents.exportCsvTo(filter, opts.csv, { force: opts.force ?? false })
          : await core.api.incidents.exportCsv(filter);
        tellNotices(core, langOf(cmd));
        print(cmd, result, () =>
          langOf(cmd) === 'en'
            ? `${result.count} incident(s) written to ${result.path}`
            : `已导出 ${result.count} 条故障记录到 ${result.path}`,
        );
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
