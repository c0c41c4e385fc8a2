import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import type { Core } from '../../core/create-api';
import type { Incident, IncidentFilter, IncidentInput, IncidentSummary } from '../../core/incidents/types';
import { UserError } from '../../core/errors';
import { pick, type Lang, type Text } from '../../core/i18n';
import type { OutcomeKind, SymptomId } from '../../core/content/schema';
import { PAYMENT_METHODS, type PaymentMethodId } from '../../core/common/payment-methods';
import { OUTCOME_LABELS, PAYMENT_LABELS, pathText, yuan } from '../../core/incidents/labels';
import { localDateTime, systemTimeZone } from '../../core/incidents/zone';
import { FROM_NEWER } from '../../core/incidents/csv';
import { escapeControls } from '../terminal-safe';
import {
  choices,
  OUTCOME_KIND_LIST,
  outcomeFrom,
  paymentChoices,
  paymentFrom,
  symptomChoices,
  symptomFrom,
  symptomName,
} from '../../core/common/incident-words';
import { exitCodeOf } from '../context';

interface AddOptions {
  symptom?: string;
  code?: string;
  amount?: string;
  paidBy?: string;
  outcome?: string;
  note?: string;
  session?: string;
}

interface RangeOptions {
  from?: string;
  to?: string;
  symptom?: string;
}

/**
 * An amount as people type it: "35", "35.5", "￥1,234.50", "35元", full-width "３５．５０" from a
 * Chinese input method. Yuan with at most two decimals; anything else is refused, not guessed.
 */
export function parseAmount(raw: string): number {
  const tidy = raw
    .normalize('NFKC')
    .replace(/^\s*(?:[¥￥]|RMB|CNY)\s*/i, '')
    .replace(/\s*(?:元|块|RMB|CNY)\s*$/i, '')
    .trim();
  // Thousands commas only where they group three digits: "1,234.50", never "35,50".
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(tidy) ? tidy.replace(/,/g, '') : tidy;
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(plain)) {
    throw new UserError(
      {
        'zh-CN': `金额无效：${raw}。请写成 35、35.50 或 ￥1,234.50（元，最多两位小数）`,
        en: `Not a valid amount: ${raw}. Write it like 35, 35.50 or ¥1,234.50 (yuan, at most two decimals)`,
      },
      `--amount ${JSON.stringify(raw)}`,
    );
  }
  return Number(plain);
}

function missingSymptom(): UserError {
  return new UserError(
    {
      'zh-CN': `请用 --symptom 说明故障类型，例如 --symptom 小票打不出来。可选：${symptomChoices('zh-CN')}`,
      en: `Say which symptom with --symptom, e.g. --symptom declined. Choose one of: ${symptomChoices('en')}`,
    },
    '--symptom is required',
  );
}

/** `--symptom` by id or by name in either language; a word we do not know lists the choices. */
export function symptomOption(typed: string): SymptomId {
  const found = symptomFrom(typed);
  if (found) return found;
  throw new UserError(
    {
      'zh-CN': `没有这个故障类型：${typed}。可选：${symptomChoices('zh-CN')}`,
      en: `No such symptom: ${typed}. Choose one of: ${symptomChoices('en')}`,
    },
    `--symptom ${JSON.stringify(typed)}`,
  );
}

function paymentOption(typed: string): PaymentMethodId {
  const found = paymentFrom(typed);
  if (found) return found;
  throw new UserError(
    {
      'zh-CN': `没有这种收款方式：${typed}。可选：${paymentChoices('zh-CN')}`,
      en: `No such way to pay: ${typed}. Choose one of: ${paymentChoices('en')}`,
    },
    `--paid-by ${JSON.stringify(typed)}`,
  );
}

function outcomeOption(typed: string): OutcomeKind {
  const found = outcomeFrom(typed);
  if (found) return found;
  const list = (lang: Lang) =>
    choices(
      OUTCOME_KIND_LIST.map((k) => [k, OUTCOME_LABELS[k]]),
      lang,
    );
  throw new UserError(
    {
      'zh-CN': `没有这种结果：${typed}。可选：${list('zh-CN')}；修好了也可以写 fixed`,
      en: `No such outcome: ${typed}. Choose one of: ${list('en')}; "fixed" works too`,
    },
    `--outcome ${JSON.stringify(typed)}`,
  );
}

/** Problems the log met (a torn line set aside, damaged lines skipped): said, never hidden. */
function tellNotices(core: Core, lang: Lang): void {
  for (const n of core.incidents.notices) process.stderr.write(`! ${pick(n.message, lang)}\n  ${n.detail}\n`);
}

function filterOf(opts: RangeOptions): IncidentFilter {
  return { from: opts.from, to: opts.to, symptom: opts.symptom === undefined ? undefined : symptomOption(opts.symptom) };
}

/** "unknown (from a newer version): paper-smell" — a value this version cannot name, shown as written. */
const newerValue = (value: string, lang: Lang): string => `${pick(FROM_NEWER, lang)}: ${value}`;

function incidentLine(i: Incident, lang: Lang): string {
  const n = i.newer;
  const parts = [
    i.id,
    localDateTime(new Date(i.at), systemTimeZone()),
    n?.symptom !== undefined ? newerValue(n.symptom, lang) : symptomName(i.symptom, lang),
    i.code ? `${pick(WORDS.code, lang)} ${i.code}` : null,
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

const WORDS = {
  code: { 'zh-CN': '代码', en: 'code' },
  total: { 'zh-CN': '共 {n} 次故障', en: '{n} incident(s)' },
  fixedBy: { 'zh-CN': '，最常解决的步骤：{step}（{n} 次）', en: '; most often fixed by: {step} ({n})' },
  paidOtherwise: { 'zh-CN': '改用其他方式收款：', en: 'Taken by other ways of paying:' },
  recorded: { 'zh-CN': '已记录', en: 'Recorded' },
  none: { 'zh-CN': '没有故障记录。', en: 'No incidents.' },
  exported: { 'zh-CN': '已导出 {n} 条故障记录到 {path}', en: '{n} incident(s) written to {path}' },
} satisfies Record<string, Text>;

/** A word list entry with its {placeholders} filled in. */
const fill = (text: Text, lang: Lang, values: Record<string, string | number>): string =>
  pick(text, lang).replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));

function summaryText(s: IncidentSummary, lang: Lang): string {
  const lines = [fill(WORDS.total, lang, { n: s.total })];
  for (const b of s.bySymptom) {
    const fix = b.fixedMostBy ? fill(WORDS.fixedBy, lang, { step: pick(b.fixedMostBy.text, lang), n: b.fixedMostBy.count }) : '';
    lines.push(`  ${symptomName(b.symptom, lang)}: ${b.count}${fix}`);
  }
  if (s.paidOtherwise.length > 0) {
    lines.push(pick(WORDS.paidOtherwise, lang));
    for (const p of s.paidOtherwise) lines.push(`  ${pick(PAYMENT_LABELS[p.method], lang)}: ${p.count} × · ${yuan(p.amount)}`);
  }
  return lines.join('\n');
}

export function registerIncidents(program: Command): void {
  const incidents = program.command('incidents').description('the incident log: record, list, summarize, export to CSV');

  incidents
    .command('add')
    .description('record an incident; exits 0 only once it is on disk')
    .option('--symptom <name>', 'what went wrong, by name or id: 小票打不出来, declined, card-not-read …')
    .option('--code <code>', 'the response code the terminal showed, e.g. 51')
    .option('--amount <yuan>', 'the sale amount in yuan: 35.50, ￥1,234.50, 35元')
    .option('--paid-by <method>', `how the customer paid instead, by name (微信, 现金) or id: ${PAYMENT_METHODS.join(', ')}`)
    .option('--outcome <outcome>', 'how it ended: fixed (resolved), alternate-payment, call-support, continue')
    .option('--note <text>', 'a note (card numbers are masked)')
    .option('--session <id>', 'the flow session whose path to record')
    .action(async (opts: AddOptions, cmd: Command) => {
      let input: IncidentInput;
      try {
        if (!opts.symptom) throw missingSymptom();
        input = {
          symptom: symptomOption(opts.symptom),
          code: opts.code,
          amount: opts.amount === undefined ? undefined : parseAmount(opts.amount),
          paidBy: opts.paidBy === undefined ? undefined : paymentOption(opts.paidBy),
          outcome: opts.outcome === undefined ? undefined : outcomeOption(opts.outcome),
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
      print(cmd, recorded, () => `${pick(WORDS.recorded, langOf(cmd))} ${recorded.id}`);
    });

  incidents
    .command('list')
    .description('list incidents, oldest first (dates: YYYY-MM-DD in the store’s time zone, both ends included)')
    .option('--from <date>', 'first day, e.g. 2026-11-01')
    .option('--to <date>', 'last day, e.g. 2026-11-30')
    .option('--symptom <name>', 'only this symptom (name or id)')
    .action(async (opts: RangeOptions, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const list = await core.api.incidents.list(filterOf(opts));
        tellNotices(core, langOf(cmd));
        const lang = langOf(cmd);
        print(cmd, list, () => (list.length === 0 ? pick(WORDS.none, lang) : list.map((i) => incidentLine(i, lang)).join('\n')));
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
    .option('--symptom <name>', 'only this symptom (name or id)')
    .action(async (opts: RangeOptions & { csv?: string; force?: boolean }, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const filter = filterOf(opts);
        const result = opts.csv
          ? await core.incidents.exportCsvTo(filter, opts.csv, { force: opts.force ?? false })
          : await core.api.incidents.exportCsv(filter);
        tellNotices(core, langOf(cmd));
        print(cmd, result, () => fill(WORDS.exported, langOf(cmd), { n: result.count, path: result.path }));
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
