import type { Text } from '../i18n';
import { MAX_POLICY_BYTES, storePolicySchema, type PolicySource, type StorePolicy } from './policy-schema';
import { signatureValid, signedPolicySchema, type SignedPolicy } from './policy-sign';
import { describeIssues } from '../settings/validate';

/**
 * Whether a counter may apply a policy message, decided in a fixed order: size, a pinned key,
 * the envelope, the signature, the policy's own rules, the store it is for, and a version newer
 * than the one applied. Only a policy that passes every step is applied; any other is refused
 * with a sentence and the last good one stays.
 */

export type PolicyVerdict =
  | { kind: 'apply'; signed: SignedPolicy; policy: StorePolicy }
  /** The very policy already applied, delivered again (the retained message on every reconnect). */
  | { kind: 'same' }
  | { kind: 'refuse'; message: Text; detail: string };

export interface JudgeInput {
  payload: Buffer;
  source: PolicySource;
  /** This counter's store id. */
  store: string;
  /** `fleet.policyKey`: empty when none is pinned. */
  pinnedKey: string;
  /** What is applied now from the same source. */
  current: { version: number; signed: SignedPolicy } | null;
}

const where = (source: PolicySource): Text =>
  source === 'chain'
    ? { 'zh-CN': '总部的连锁策略', en: 'The chain policy from head office' }
    : { 'zh-CN': '总部给本店的策略', en: "Head office's policy for this store" };

function refuse(source: PolicySource, why: Text, detail: string): PolicyVerdict {
  const w = where(source);
  return {
    kind: 'refuse',
    message: {
      'zh-CN': `${w['zh-CN']}未采用：${why['zh-CN']}。仍使用上一次有效的策略。`,
      en: `${w.en} was not applied: ${why.en}. The last good policy stays in force.`,
    },
    detail,
  };
}

export function judgePolicy(input: JudgeInput): PolicyVerdict {
  const { payload, source } = input;
  if (payload.length > MAX_POLICY_BYTES) {
    return refuse(
      source,
      {
        'zh-CN': `消息太大（${payload.length} 字节，最多 ${MAX_POLICY_BYTES}）`,
        en: `the message is too large (${payload.length} bytes, at most ${MAX_POLICY_BYTES})`,
      },
      `oversized: ${payload.length} bytes`,
    );
  }
  if (!input.pinnedKey) {
    return refuse(
      source,
      {
        'zh-CN': '本收银台还没有设置总部公钥（fleet.policyKey），无法确认是谁写的',
        en: 'no head-office public key is pinned on this counter (fleet.policyKey), so who wrote it cannot be checked',
      },
      'no fleet.policyKey',
    );
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    return refuse(source, { 'zh-CN': '消息不是有效的 JSON', en: 'the message is not valid JSON' }, `invalid JSON: ${(e as Error).message}`);
  }
  const signed = signedPolicySchema.safeParse(envelope);
  if (!signed.success) {
    return refuse(
      source,
      {
        'zh-CN': '消息不是签名的策略（缺少 policy 或 signature）',
        en: 'the message is not a signed policy (policy and signature expected)',
      },
      `not a signed policy: ${describeIssues(signed.error)}`,
    );
  }
  if (!signatureValid(signed.data, input.pinnedKey)) {
    return refuse(
      source,
      {
        'zh-CN': '签名与本收银台设置的总部公钥不符：它可能被改动过，或不是总部写的',
        en: 'its signature does not match the head-office key pinned on this counter: it may have been altered, or head office did not write it',
      },
      'signature does not verify against fleet.policyKey',
    );
  }
  const current = input.current;
  if (current && current.signed.policy === signed.data.policy) return { kind: 'same' };
  let raw: unknown;
  try {
    raw = JSON.parse(signed.data.policy);
  } catch (e) {
    return refuse(
      source,
      { 'zh-CN': '签名的策略内容不是有效的 JSON', en: 'the signed policy text is not valid JSON' },
      `policy text: ${(e as Error).message}`,
    );
  }
  const parsed = storePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error);
    return refuse(source, { 'zh-CN': `策略内容不符合规则：${detail}`, en: `the policy breaks the rules: ${detail}` }, detail);
  }
  const policy = parsed.data;
  const forStore = policy.store ?? null;
  const expected = source === 'chain' ? null : input.store;
  if (forStore !== expected) {
    return refuse(
      source,
      forStore === null
        ? { 'zh-CN': '它是连锁策略，却发到了门店的主题上', en: 'it is a chain policy sent on a store topic' }
        : {
            'zh-CN': `它是给门店 ${forStore} 的，本收银台属于门店 ${input.store}`,
            en: `it is for store ${forStore}, and this counter belongs to store ${input.store}`,
          },
      `policy.store ${forStore ?? '(none)'} on the ${source} topic of store ${input.store}`,
    );
  }
  if (current && policy.version <= current.version) {
    return refuse(
      source,
      {
        'zh-CN': `版本 ${policy.version} 不比已采用的版本 ${current.version} 新`,
        en: `version ${policy.version} is not newer than the applied version ${current.version}`,
      },
      `version ${policy.version} <= ${current.version}`,
    );
  }
  return { kind: 'apply', signed: signed.data, policy };
}
