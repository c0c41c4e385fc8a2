import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDirWith, GOOD } from '../fixtures/content/content-dir';
import { cliArgv } from '../helpers/cli';

const dataDir = mkdtempSync(join(tmpdir(), 'cli-data-'));
/** Each call starts the real CLI (a second or more on a busy machine). */
const SLOW = 120_000;
const cleanups: (() => void)[] = [() => rmSync(dataDir, { recursive: true, force: true })];
afterAll(() => cleanups.forEach((c) => c()));

/** The real command, as a technician runs it. */
function cli(args: string[], input = ''): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...cliArgv(), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, COUNTER_ASSIST_DATA: dataDir },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('counter-assist code', () => {
  it(
    'explains 51 as JSON with the fields a technician needs',
    () => {
      const r = cli(['code', '51', '--json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as Record<string, unknown>;
      expect(json).toMatchObject({ code: '51', side: 'cardholder', flow: 'declined' });
      for (const key of ['meaning', 'action', 'retry', 'customer']) expect(typeof json[key], key).toBe('string');
      expect(String(json.meaning)).toContain('余额不足');
      const en = JSON.parse(cli(['code', 'rc=51', '--json', '--lang', 'en']).out) as { meaning: string };
      expect(en.meaning.toLowerCase()).toContain('insufficient');
    },
    SLOW,
  );

  it(
    'with the store taking cash and WeChat only, 51 offers those two and no other way to pay',
    () => {
      const store = mkdtempSync(join(tmpdir(), 'cli-store-'));
      cleanups.push(() => rmSync(store, { recursive: true, force: true }));
      const inStore = (args: string[]) =>
        spawnSync(process.execPath, [...cliArgv(), ...args], {
          encoding: 'utf8',
          env: { ...process.env, COUNTER_ASSIST_DATA: store },
          timeout: 60_000,
        });
      expect(inStore(['settings', 'set', 'payments', '["cash","wechat"]']).status).toBe(0);
      for (const lang of ['zh-CN', 'en']) {
        const r = inStore(['code', '51', '--json', '--lang', lang]);
        expect(r.status).toBe(0);
        const json = JSON.parse(r.stdout) as { customer: string; action: string };
        const said = `${json.customer}\n${json.action}`;
        expect(said).toContain(lang === 'en' ? 'cash or WeChat Pay' : '现金、微信');
        expect(said).not.toMatch(/支付宝|云闪付|Alipay|UnionPay QR|扫码|QR code|\{ways\}/);
      }
    },
    SLOW,
  );

  it(
    'exits 1 for a code not in the table, pointing at the declined flow',
    () => {
      const r = cli(['code', 'Q7']);
      expect(r.code).toBe(1);
      expect(r.err).toContain('Q7 不在应答码表中 / not in the code table');
      expect(r.err).toContain('counter-assist run declined');
      const json = cli(['code', 'Q7', '--json']);
      expect(json.code).toBe(1);
      expect((JSON.parse(json.out) as { error: string }).error).toContain('不在应答码表中');
    },
    SLOW,
  );
});

describe('counter-assist search and flows', () => {
  it(
    'prints search results as JSON, best first, titles in the chosen language',
    () => {
      const r = cli(['search', '小票出不来', '--json']);
      expect(r.code).toBe(0);
      const results = JSON.parse(r.out) as { kind: string; id: string; title: string; score: number }[];
      expect(results[0]).toMatchObject({ kind: 'flow', id: 'receipt-print' });
      for (const x of results) expect(Object.keys(x).sort()).toEqual(['id', 'kind', 'score', 'title']);
      expect(results.map((x) => x.score)).toEqual(results.map((x) => x.score).sort((a, b) => b - a));
      const en = JSON.parse(cli(['search', '显示51', '--json', '--lang', 'en']).out) as { id: string; title: string }[];
      expect(en[0]?.id).toBe('51');
      expect(en[0]?.title).toMatch(/^51 [A-Za-z]/);
    },
    SLOW,
  );

  it(
    'lists the flows with id, symptoms and title',
    () => {
      const flows = JSON.parse(cli(['flows', '--json']).out) as { id: string; symptoms: string[]; title: string }[];
      expect(flows.length).toBeGreaterThanOrEqual(17);
      expect(flows.find((f) => f.id === 'network')).toMatchObject({ symptoms: ['network'] });
    },
    SLOW,
  );
});

describe('counter-assist content check', () => {
  it(
    'passes a good content folder with a one-line summary',
    () => {
      const r = cli(['content', 'check', '--content-dir', GOOD]);
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe('内容检查通过：6 个流程，4 个应答码，6 种付款方式，2 项保养');
    },
    SLOW,
  );

  it(
    'prints file:line:col for each problem and exits 1',
    () => {
      const made = contentDirWith({ 'flows/slow.yaml': 'broken/bad-ref.yaml' });
      cleanups.push(made.cleanup);
      const r = cli(['content', 'check', '--content-dir', made.dir, '--lang', 'en']);
      expect(r.code).toBe(1);
      expect(r.out.trim().split('\n')).toEqual([
        'flows/slow.yaml:16:15: nodes.ask.options.0.next: no node "wipe-card" in this flow',
        'flows/slow.yaml:24:11: nodes.elsewhere.flow: no flow "slow-network"',
        '2 problem(s)',
      ]);
    },
    SLOW,
  );
});

describe('counter-assist run', () => {
  it(
    'walks a flow from answers piped on stdin, with a wrong key, back and restart, to an outcome',
    () => {
      // 9 is refused, 1 = "yes, a code", b = back, 2 = "no code" → alternate payment.
      const r = cli(['run', 'declined', '--content-dir', GOOD], '9\n1\nb\nr\n2\n');
      expect(r.code).toBe(0);
      expect(r.out).toContain('== 交易被拒绝 ==');
      expect(r.out).toContain('请输入 1-2、b、r 或 q');
      expect(r.out).toContain('请顾客再刷一次');
      expect(r.out).toContain('→ 换一种付款方式: 请顾客换一种方式付款');
    },
    SLOW,
  );

  it(
    'prints the final state and the path as JSON',
    () => {
      const r = cli(['run', 'declined', '--content-dir', GOOD, '--json'], '1\n2\n');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as {
        outcome: { kind: string; payment: string };
        path: { nodeId: string; answer: { en: string } | null }[];
      };
      expect(json.outcome).toMatchObject({ kind: 'alternate-payment', payment: 'wechat' });
      expect(json.path.map((p) => [p.nodeId, p.answer?.en ?? null])).toEqual([
        ['ask-code', 'Yes'],
        ['retry-once', 'Not fixed'],
        ['other-card', null],
      ]);
    },
    SLOW,
  );

  it(
    'reaches an outcome in shipped flows when a cashier keeps picking the first choice',
    () => {
      for (const id of ['receipt-print', 'network']) {
        const r = cli(['run', id, '--json'], '1\n'.repeat(60));
        expect(r.code, id).toBe(0);
        expect((JSON.parse(r.out) as { outcome: unknown }).outcome, id).not.toBeNull();
      }
    },
    SLOW,
  );

  it(
    'stops cleanly on q or at the end of input, and refuses an unknown flow',
    () => {
      const q = cli(['run', 'declined', '--content-dir', GOOD], 'q\n');
      expect(q.code).toBe(0);
      expect(q.out).toContain('已退出，未得出结论');
      expect(cli(['run', 'declined', '--content-dir', GOOD], '').out).toContain('已退出');
      const bad = cli(['run', 'no-such-flow']);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('没有这个排查流程：no-such-flow');
    },
    SLOW,
  );
});
