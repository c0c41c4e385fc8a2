import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { coreFor, exitCodeOf, fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import { pick, type Lang, type Text } from '../../core/i18n';
import { connectOnce, publishAcked } from '../../core/fleet/connect';
import { storePolicySchema, MAX_POLICY_BYTES } from '../../core/fleet/policy-schema';
import { privateKeyFrom, signPolicy, writeKeyPair } from '../../core/fleet/policy-sign';
import type { PolicyOutcome } from '../../core/fleet/policy-receiver';
import { CHAIN_POLICY_TOPIC, storePolicyTopic } from '../../core/fleet/topics';
import type { CounterRow, FleetStatus } from '../../core/fleet/types';
import { describeIssues } from '../../core/settings/validate';

/** `fleet policy keygen|publish`: head office writes the rules once, signed, for every counter. */

const T = {
  keyWritten: (priv: string, pub: string, line: string): Text => ({
    'zh-CN': `私钥已写入 ${priv}（只有本用户可读，请妥善保管，不要发给门店）\n公钥已写入 ${pub}\n在每台收银台上设置公钥：\n  counter-assist settings set fleet.policyKey ${line}`,
    en: `Private key written to ${priv} (readable by this user only; keep it safe and never send it to a store)\nPublic key written to ${pub}\nPin the public key on every counter:\n  counter-assist settings set fleet.policyKey ${line}`,
  }),
  published: (version: number, topic: string): Text => ({
    'zh-CN': `策略版本 ${version} 已签名并保留发布到 ${topic}`,
    en: `Policy version ${version} signed and published (retained) to ${topic}`,
  }),
  policyLine: (which: Text, v: { version: number; appliedAt: string } | null): Text => ({
    'zh-CN': `${which['zh-CN']}: ${v ? `版本 ${v.version}，采用于 ${v.appliedAt}` : '-'}`,
    en: `${which.en}: ${v ? `version ${v.version}, applied ${v.appliedAt}` : '-'}`,
  }),
  chain: { 'zh-CN': '连锁策略', en: 'chain policy' },
  store: { 'zh-CN': '本店策略', en: 'store policy' },
  keyPinned: (yes: boolean): Text => ({
    'zh-CN': `总部公钥已设置: ${yes ? '是' : '否'}`,
    en: `head-office key pinned: ${yes ? 'yes' : 'no'}`,
  }),
  managed: (keys: string[]): Text => ({
    'zh-CN': `由总部设定: ${keys.length ? keys.join(', ') : '-'}`,
    en: `set by head office: ${keys.length ? keys.join(', ') : '-'}`,
  }),
  refused: (at: string, message: Text): Text => ({
    'zh-CN': `最近拒绝（${at}）: ${message['zh-CN']}`,
    en: `last refused (${at}): ${message.en}`,
  }),
  applied: (source: Text, version: number): Text => ({
    'zh-CN': `已采用总部的${source['zh-CN']}，版本 ${version}。`,
    en: `Applied head office's ${source.en}, version ${version}.`,
  }),
} as const;

/** The `fleet watch` cell: the versions a counter applied, flagged when head office has a newer one. */
export function policyCell(row: CounterRow, lang: Lang): string {
  const v = row.policy ? `${row.policy.chain ?? '-'}/${row.policy.store ?? '-'}` : '-';
  return row.policyBehind ? `${v} ${pick({ 'zh-CN': '(旧版本)', en: '(older)' }, lang)}` : v;
}

export const POLICY_COLUMN: Text = { 'zh-CN': '策略 连锁/本店', en: 'policy chain/store' };

/** The `fleet run` line for a policy received. */
export function policyEventLine(outcome: PolicyOutcome, lang: Lang): string {
  if (outcome.kind === 'refused') return pick(outcome.message, lang);
  return pick(T.applied(T[outcome.source], outcome.version), lang);
}

/** The policy lines of `fleet status`. */
export function policyStatusLines(s: FleetStatus, lang: Lang): string[] {
  const p = s.policy;
  return [
    pick(T.keyPinned(p.keyPinned), lang),
    pick(T.policyLine(T.chain, p.chain), lang),
    pick(T.policyLine(T.store, p.store), lang),
    pick(T.managed(p.managed), lang),
    ...(p.lastRefused ? [pick(T.refused(p.lastRefused.at, p.lastRefused.message), lang)] : []),
    ...p.problems.map((t) => pick(t, lang)),
  ];
}

function readText(file: string, what: Text): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new UserError({ 'zh-CN': `读不到${what['zh-CN']} ${file}`, en: `Cannot read the ${what.en} ${file}` }, (e as Error).message);
  }
}

/** The policy as it will be signed: checked by the counters' own rules first, so a refused one is never published. */
export function policyToPublish(text: string, store: string | null): { text: string; version: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError({ 'zh-CN': '策略文件不是有效的 JSON', en: 'The policy file is not valid JSON' }, (e as Error).message);
  }
  const named = (raw as { store?: unknown } | null)?.store;
  if (store === null && named !== undefined) {
    throw new UserError(
      {
        'zh-CN': `策略文件写的是门店 ${String(named)}：请用 --store ${String(named)} 发布，或删掉 store 后用 --all 发布给全连锁`,
        en: `The policy file names store ${String(named)}: publish it with --store ${String(named)}, or remove "store" to publish it to the whole chain with --all`,
      },
      'policy.store with --all',
    );
  }
  const withStore = store === null ? raw : { ...(raw as object), store };
  const parsed = storePolicySchema.safeParse(withStore);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error);
    throw new UserError({ 'zh-CN': `策略没有发布：${detail}`, en: `The policy was not published: ${detail}` }, detail);
  }
  if (store !== null && named !== undefined && named !== store) {
    throw new UserError(
      { 'zh-CN': `策略文件写的是门店 ${String(named)}，不是 ${store}`, en: `The policy file names store ${String(named)}, not ${store}` },
      'policy.store differs from --store',
    );
  }
  return { text: JSON.stringify(parsed.data), version: parsed.data.version };
}

export function registerFleetPolicy(fleet: Command): void {
  const policy = fleet.command('policy').description("head office's signed store policy: keygen, publish");

  policy
    .command('keygen')
    .description('write a new Ed25519 key pair: the private key (owner-only) signs, the public key is pinned on the counters')
    .option('--key <file>', 'where the private key goes', 'counter-assist-policy.key')
    .option('--public <file>', 'where the public key goes (default: the key file + .pub)')
    .action((opts: { key: string; public?: string }, cmd: Command) => {
      try {
        const files = writeKeyPair(opts.key, opts.public ?? `${opts.key}.pub`);
        print(cmd, files, () => pick(T.keyWritten(files.privateFile, files.publicFile, files.publicKey), langOf(cmd)));
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });

  policy
    .command('publish')
    .description('sign a policy file and publish it retained: to the whole chain (--all) or one store (--store ID)')
    .requiredOption('--key <file>', 'the private key from `fleet policy keygen`')
    .requiredOption('--file <file>', 'the policy (JSON)')
    .option('--store <id>', 'only this store (wins over the chain policy there)')
    .option('--all', 'the whole chain (the default)')
    .action(async (opts: { key: string; file: string; store?: string; all?: boolean }, cmd: Command) => {
      try {
        if (opts.store && opts.all) {
          throw new UserError({ 'zh-CN': '--store 和 --all 只能选一个', en: 'Choose --store or --all, not both' }, '--store with --all');
        }
        const pem = readText(opts.key, { 'zh-CN': '私钥文件', en: 'private key file' });
        let key;
        try {
          key = privateKeyFrom(pem);
        } catch (e) {
          throw new UserError(
            {
              'zh-CN': `${opts.key} 不是 Ed25519 私钥（请用 fleet policy keygen 生成）`,
              en: `${opts.key} is not an Ed25519 private key (make one with fleet policy keygen)`,
            },
            (e as Error).message,
          );
        }
        const { text, version } = policyToPublish(readText(opts.file, { 'zh-CN': '策略文件', en: 'policy file' }), opts.store ?? null);
        const message = JSON.stringify(signPolicy(text, key));
        if (Buffer.byteLength(message) > MAX_POLICY_BYTES) {
          throw new UserError(
            {
              'zh-CN': `签名后的策略超过 ${MAX_POLICY_BYTES} 字节，收银台会拒绝它`,
              en: `The signed policy is over ${MAX_POLICY_BYTES} bytes; counters would refuse it`,
            },
            `${Buffer.byteLength(message)} bytes`,
          );
        }
        const topic = opts.store ? storePolicyTopic(opts.store) : CHAIN_POLICY_TOPIC;
        const settings = coreFor(cmd).settings.get().fleet;
        // Head office's PC need not be a counter: the connection only needs the broker's address and login.
        const fleetOf = { ...settings, store: settings.store || 'head-office', counter: settings.counter || 'policy' };
        const client = await connectOnce(fleetOf, { clientId: `ca-policy-${randomBytes(4).toString('hex')}`, reconnectMs: 0 });
        try {
          await publishAcked(client, fleetOf, topic, message, true);
        } finally {
          await client.endAsync().catch(() => undefined);
        }
        print(cmd, { topic, version }, () => pick(T.published(version, topic), langOf(cmd)));
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
