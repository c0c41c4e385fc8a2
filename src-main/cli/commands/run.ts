import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { coreFor, fail, globals, langOf } from '../context';
import { pick, type Lang } from '../../core/i18n';
import type { FlowView } from '../../core/content/types';
import type { OutcomeKind } from '../../core/content/schema';

const OUTCOME: Record<OutcomeKind, { 'zh-CN': string; en: string }> = {
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  'alternate-payment': { 'zh-CN': '换一种付款方式', en: 'Use another way to pay' },
  'call-support': { 'zh-CN': '联系支持', en: 'Call support' },
  continue: { 'zh-CN': '转到另一个流程', en: 'Continue in another flow' },
};

/** One screen of the walk, as plain lines. */
export function renderView(view: FlowView, lang: Lang, showHeader: boolean): string[] {
  const t = (zh: string, en: string): string => pick({ 'zh-CN': zh, en }, lang);
  const lines: string[] = [];
  if (showHeader) {
    lines.push(`== ${pick(view.flowTitle, lang)} ==`);
    for (const w of view.warnings) lines.push(`! ${pick(w, lang)}`);
  }
  for (const a of view.autoAnswers) lines.push(`(${t('自动', 'auto')}) ${pick(a.said, lang)}`);
  lines.push('');
  if (view.outcome) {
    const o = view.outcome;
    lines.push(`→ ${pick(OUTCOME[o.kind], lang)}: ${pick(o.text, lang)}`);
    if (o.hotline)
      lines.push(
        `  ${t('电话', 'phone')} (${o.hotline.kind}): ${o.hotline.number || t('未设置，请在设置里填写', 'not set; add it in the settings')}`,
      );
    if (o.tell) lines.push(`  ${t('告诉对方', 'tell them')}: ${pick(o.tell, lang)}`);
    if (o.customer) lines.push(`  ${t('对顾客说', 'say to the customer')}: ${pick(o.customer, lang)}`);
    if (o.payment) lines.push(`  ${t('建议', 'suggest')}: ${o.payment}`);
    if (o.flow) lines.push(`  counter-assist run ${o.flow}`);
    return lines;
  }
  lines.push(pick(view.text, lang));
  if (view.why) lines.push(`  ${t('原因', 'why')}: ${pick(view.why, lang)}`);
  view.choices.forEach((c, i) => lines.push(`  ${i + 1}. ${pick(c.label, lang)}`));
  return lines;
}

export function registerRun(program: Command): void {
  program
    .command('run <flow-id>')
    .description('walk a flow in the terminal: type a number, b = back, r = restart, q = quit (answers can be piped on stdin)')
    .option('--code <code>', 'the response code the terminal showed')
    .action(async (flowId: string, opts: { code?: string }, cmd: Command) => {
      const lang = langOf(cmd);
      const json = globals(cmd).json === true;
      // With --json the walk is talk on stderr and the final state is the only thing on stdout.
      const say = (text: string): void => {
        (json ? process.stderr : process.stdout).write(`${text}\n`);
      };
      const t = (zh: string, en: string): string => pick({ 'zh-CN': zh, en }, lang);
      const core = coreFor(cmd);
      let view: FlowView;
      try {
        view = await core.api.flow.start(flowId, opts.code ?? null);
      } catch (e) {
        fail(cmd, e);
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      const lines = rl[Symbol.asyncIterator]();
      let header = true;
      let quit = false;
      while (!view.outcome) {
        say(renderView(view, lang, header).join('\n'));
        header = false;
        const back = view.canGoBack ? t('，b 返回', ', b back') : '';
        say(
          `${t(`选择 1-${view.choices.length}`, `Choose 1-${view.choices.length}`)}${back}${t('，r 重来，q 退出', ', r restart, q quit')} >`,
        );
        const next = await lines.next();
        const input = next.done ? 'q' : next.value.trim().toLowerCase();
        if (input === 'q') {
          quit = true;
          break;
        }
        try {
          if (input === 'b') view = await core.api.flow.back(view.sessionId);
          else if (input === 'r') {
            view = await core.api.flow.restart(view.sessionId);
            header = true;
          } else if (/^\d+$/.test(input) && Number(input) >= 1 && Number(input) <= view.choices.length) {
            view = await core.api.flow.answer(view.sessionId, Number(input) - 1);
          } else {
            say(t(`请输入 1-${view.choices.length}、b、r 或 q`, `Please type 1-${view.choices.length}, b, r or q`));
          }
        } catch (e) {
          rl.close();
          fail(cmd, e);
        }
      }
      rl.close();
      if (view.outcome) say(renderView(view, lang, header).join('\n'));
      else say(t('已退出，未得出结论', 'Stopped before an outcome'));
      if (json) {
        const record = core.content.session(view.sessionId);
        process.stdout.write(
          `${JSON.stringify({ flowId: view.flowId, nodeId: view.nodeId, outcome: view.outcome, quit, path: record?.path ?? view.path }, null, 2)}\n`,
        );
      }
    });
}
