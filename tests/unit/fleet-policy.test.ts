import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgePolicy, type JudgeInput } from '../../src-main/core/fleet/policy-judge';
import { signatureValid } from '../../src-main/core/fleet/policy-sign';
import { storePolicySchema, MAX_POLICY_BYTES, looksLikeCardNumber } from '../../src-main/core/fleet/policy-schema';
import { POLICY_FILE, loadPolicies, saveApplied } from '../../src-main/core/fleet/policy-store';
import { FleetTable } from '../../src-main/core/fleet/watcher';
import { statusPayload } from '../../src-main/core/fleet/payloads';
import { policyToPublish } from '../../src-main/cli/commands/fleet-policy';
import { makeCore } from '../helpers/core';
import { policy, policyKeys, signedMessage } from '../helpers/policy';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
/** An Ed25519 SubjectPublicKeyInfo (RFC 8410): the fixed DER prefix, then the 32 key bytes. */
const spki = (pub: string): string => Buffer.concat([hex('302a300506032b6570032100'), hex(pub)]).toString('base64');

describe('policy signature (Ed25519, node:crypto)', () => {
  it('accepts the RFC 8032 section 7.1 test vectors and refuses them with one bit changed', () => {
    // RFC 8032, 7.1 TEST 1 (empty message) and TEST 2 (the one byte 0x72, "r").
    const test1 = {
      key: spki('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
      policy: '',
      signature: hex(
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      ).toString('base64'),
    };
    const test2 = {
      key: spki('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'),
      policy: 'r',
      signature: hex(
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
      ).toString('base64'),
    };
    for (const t of [test1, test2]) expect(signatureValid({ policy: t.policy, signature: t.signature }, t.key)).toBe(true);
    expect(signatureValid({ policy: 's', signature: test2.signature }, test2.key)).toBe(false);
    expect(signatureValid({ policy: 'r', signature: test2.signature }, test1.key)).toBe(false);
    expect(signatureValid({ policy: 'r', signature: test2.signature }, 'not a key')).toBe(false);
  });
});

describe('judging a policy message', () => {
  const keys = policyKeys();
  const base = (payload: Buffer, extra: Partial<JudgeInput> = {}): JudgeInput => ({
    payload,
    source: 'chain',
    store: 'store-a',
    pinnedKey: keys.line,
    current: null,
    ...extra,
  });
  const refusal = (input: JudgeInput): { zh: string; en: string; detail: string } => {
    const v = judgePolicy(input);
    if (v.kind !== 'refuse') throw new Error(`expected a refusal, got ${v.kind}`);
    return { zh: v.message['zh-CN'], en: v.message.en, detail: v.detail };
  };

  it('applies a policy signed by the pinned key', () => {
    const v = judgePolicy(base(signedMessage(policy(3, { hotlines: { acquirer: '95516' } }), keys.privateKey)));
    expect(v.kind).toBe('apply');
    if (v.kind === 'apply') expect(v.policy.hotlines).toEqual({ acquirer: '95516' });
  });

  it('refuses each kind of bad message with a sentence in both languages', () => {
    const good = signedMessage(policy(2, { hotlines: { acquirer: '95516' } }), keys.privateKey);
    // One byte of the hotline changed after signing: "95516" → "95517".
    const tampered = Buffer.from(good.toString().replace('95516', '95517'));
    expect(tampered.equals(good)).toBe(false);
    expect(refusal(base(tampered)).en).toContain('signature does not match');
    expect(refusal(base(tampered)).zh).toContain('签名与本收银台设置的总部公钥不符');

    const other = policyKeys();
    expect(refusal(base(signedMessage(policy(2), other.privateKey))).en).toContain('signature does not match');

    const current = { version: 5, signed: JSON.parse(signedMessage(policy(5), keys.privateKey).toString()) };
    expect(refusal(base(signedMessage(policy(4), keys.privateKey), { current })).en).toContain(
      'version 4 is not newer than the applied version 5',
    );
    expect(refusal(base(signedMessage(policy(5, { keepCards: true }), keys.privateKey), { current })).zh).toContain(
      '版本 5 不比已采用的版本 5 新',
    );

    const forB = signedMessage(policy(2, { store: 'store-b' }), keys.privateKey);
    expect(refusal(base(forB, { source: 'store' })).en).toContain('it is for store store-b, and this counter belongs to store store-a');
    const chainOnStoreTopic = signedMessage(policy(2), keys.privateKey);
    expect(refusal(base(chainOnStoreTopic, { source: 'store' })).en).toContain('a chain policy sent on a store topic');

    expect(refusal(base(Buffer.from('{"policy": "{\\"format\\":1', 'utf8'))).en).toContain('not valid JSON');
    expect(refusal(base(Buffer.from('\u0000\u00ff garbage'))).zh).toContain('不是有效的 JSON');
    expect(refusal(base(Buffer.from('{"hello":"world"}'))).en).toContain('not a signed policy');
    expect(refusal(base(Buffer.alloc(MAX_POLICY_BYTES + 1, 0x20))).en).toContain('too large');
    expect(refusal(base(good, { pinnedKey: '' })).en).toContain('no head-office public key is pinned');

    // Signed by the right key, but the policy itself breaks the rules.
    const badRules = signedMessage({ ...policy(2), monitorIntervalSeconds: 1, hotlines: { acquirer: 'call me' } }, keys.privateKey);
    const r = refusal(base(badRules));
    expect(r.en).toContain('the policy breaks the rules');
    expect(r.detail).toContain('monitorIntervalSeconds');
    expect(r.detail).toContain('hotlines.acquirer');
  });

  it('takes the same policy delivered again (a retained message on reconnect) as nothing new, not a refusal', () => {
    const msg = signedMessage(policy(5), keys.privateKey);
    const current = { version: 5, signed: JSON.parse(msg.toString()) };
    expect(judgePolicy(base(msg, { current })).kind).toBe('same');
  });
});

describe('policy content', () => {
  it('refuses a response-code note holding a card-number-like digit run, in any form of digits', () => {
    const notes = (en: string) => storePolicySchema.safeParse(policy(1, { codeNotes: { '51': { 'zh-CN': '余额不足', en } } }));
    expect(notes('Insufficient funds: offer WeChat Pay or cash').success).toBe(true);
    expect(notes('Call 95516 or 400-820-8888').success).toBe(true);
    for (const bad of ['test card 6222021234567890128', 'card 6222 0212 3456 7890', '卡号６２２２０２１２３４５６７８９０']) {
      const r = notes(bad);
      expect(r.success, bad).toBe(false);
      expect(JSON.stringify(r.error?.issues)).toContain('a policy never carries card data');
    }
    expect(looksLikeCardNumber('4111-1111-1111-1111')).toBe(true);
  });

  it('refuses a policy that blanks a hotline or names an unknown field', () => {
    expect(storePolicySchema.safeParse(policy(1, { hotlines: { acquirer: '' } })).success).toBe(false);
    expect(storePolicySchema.safeParse({ ...policy(1), surprise: true }).success).toBe(false);
  });

  it('publish checks the file by the counters’ rules and the store it is for', () => {
    expect(policyToPublish(JSON.stringify(policy(2)), 'store-b').text).toContain('"store":"store-b"');
    expect(() => policyToPublish(JSON.stringify(policy(2, { store: 'store-b' })), null)).toThrow(/publish it with --store store-b/);
    expect(() => policyToPublish('{"format":1,', null)).toThrow(/not valid JSON/);
    expect(() => policyToPublish(JSON.stringify({ ...policy(0) }), null)).toThrow(/version/);
  });
});

describe('the policy over the counter’s own settings', () => {
  function counterWithPolicy() {
    const keys = policyKeys();
    const core = makeCore();
    core.settings.set({ fleet: { store: 'store-a', counter: 'c1', policyKey: keys.line }, store: { hotlines: { bank: '95588' } } });
    const chain = signedMessage(
      policy(3, {
        hotlines: { acquirer: '95516', posService: '400-100-2000' },
        payments: ['cash', 'wechat'],
        monitorIntervalSeconds: 60,
        maintenance: [
          {
            id: 'scanner-window',
            period: 'weekly',
            title: { 'zh-CN': '擦扫码枪窗口', en: 'Wipe the scanner window' },
            why: { 'zh-CN': '窗口脏了扫不出付款码', en: 'A dirty window cannot read payment codes' },
          },
        ],
      }),
      keys.privateKey,
    );
    const store = signedMessage(policy(1, { store: 'store-a', hotlines: { acquirer: '95516-8' }, keepCards: false }), keys.privateKey);
    saveApplied(core.dataDir, 'chain', JSON.parse(chain.toString()), new Date('2026-12-01T00:00:00Z'));
    saveApplied(core.dataDir, 'store', JSON.parse(store.toString()), new Date('2026-12-01T00:00:01Z'));
    return { core, keys };
  }

  it('shows what the policy sets (the store’s over the chain’s) and keeps what it leaves out', async () => {
    const { core } = counterWithPolicy();
    const s = core.settings.get();
    expect(s.store.hotlines).toEqual({ acquirer: '95516-8', posService: '400-100-2000', bank: '95588' });
    expect(s.payments).toEqual(['cash', 'wechat']);
    expect(s.monitor.intervalSeconds).toBe(60);
    const checklist = await core.api.maintenance.due();
    expect(checklist.map((d) => d.item.id)).toContain('scanner-window');
    expect(checklist.filter((d) => d.item.id === 'scanner-window')).toHaveLength(1);
    const shown = await core.api.settings.get();
    expect(shown.managedByPolicy.sort()).toEqual(
      ['monitor.intervalSeconds', 'payments', 'store.hotlines.acquirer', 'store.hotlines.posService', 'store.keepCards'].sort(),
    );
  });

  it('refuses a change to a key head office sets, with a sentence, and keeps the counter’s file as it was', () => {
    const { core } = counterWithPolicy();
    const before = readFileSync(join(core.dataDir, 'settings.json'), 'utf8');
    let error: unknown;
    try {
      core.settings.set({ store: { hotlines: { acquirer: '400-000-0000' } } });
    } catch (e) {
      error = e;
    }
    expect((error as { userMessage: { en: string; 'zh-CN': string } }).userMessage).toEqual({
      'zh-CN': '设置未保存：store.hotlines.acquirer 由总部策略设定，不能在收银台修改；请联系总部',
      en: "Settings not saved: store.hotlines.acquirer is set by head office's policy and cannot be changed at the counter; ask head office",
    });
    expect(readFileSync(join(core.dataDir, 'settings.json'), 'utf8')).toBe(before);
    // The form sends the managed values back unchanged with a local change: saved, and the
    // policy's values are not copied into the counter's own file.
    const next = core.settings.set({ store: { hotlines: { acquirer: '95516-8', bank: '95599' } }, payments: ['cash', 'wechat'] });
    expect(next.store.hotlines.bank).toBe('95599');
    const file = JSON.parse(readFileSync(join(core.dataDir, 'settings.json'), 'utf8'));
    expect(file.store.hotlines).toEqual({ acquirer: '', posService: '', bank: '95599' });
    expect(file.payments).toEqual(['cash', 'wechat', 'alipay', 'unionpay-qr']);
  });

  it('trusts a saved policy only while it verifies: an edited file or another pinned key drops it, with a notice', async () => {
    const { core } = counterWithPolicy();
    const file = join(core.dataDir, POLICY_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('95516-8', '95516-9'));
    const loaded = loadPolicies(core.dataDir, core.settings.get().fleet.policyKey, 'store-a');
    expect(loaded.store).toBeNull();
    expect(loaded.chain?.version).toBe(3);
    expect(core.settings.get().store.hotlines.acquirer).toBe('95516');
    const notices = await core.api.app.notices();
    expect(notices.filter((n) => n.code === 'policy').map((n) => n.message.en)).toEqual([
      expect.stringContaining('failed its check at load'),
    ]);
    core.settings.set({ fleet: { policyKey: policyKeys().line } });
    expect(core.settings.get().store.hotlines.acquirer).toBe('');
    expect(core.settings.get().payments).toEqual(['cash', 'wechat', 'alipay', 'unionpay-qr']);
  });

  it('pins the key as pasted (line breaks, spaces) and refuses one that is not a key, with the rule', () => {
    const core = makeCore();
    const { line } = policyKeys();
    const pasted = `${line.slice(0, 20)}\n  ${line.slice(20)} `;
    expect(core.settings.set({ fleet: { policyKey: pasted } }).fleet.policyKey).toBe(line);
    expect(() => core.settings.set({ fleet: { policyKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5' } })).toThrow(
      /head office's policy key is not valid: the one-line public key from `fleet policy keygen`/,
    );
  });
});

describe('head office’s table and the policy versions', () => {
  it('marks counters that report an older policy than head office retains', () => {
    const keys = policyKeys();
    const table = new FleetTable('Asia/Shanghai');
    const at = new Date();
    const status = (v: number | null) =>
      JSON.stringify(
        statusPayload({ printer: null, terminal: null, network: null }, true, '1.0.0', at, {
          chain: v === null ? null : { version: v, appliedAt: at.toISOString() },
          store: null,
        }),
      );
    table.apply('counter-assist/v1/s1/c1/status', status(4));
    table.apply('counter-assist/v1/s1/c2/status', status(3));
    table.apply('counter-assist/v1/s1/c3/status', status(null));
    table.apply('counter-assist/v1/_policy', signedMessage(policy(4), keys.privateKey));
    expect(table.list().map((r) => [r.counter, r.policy, r.policyBehind])).toEqual([
      ['c1', { chain: 4, store: null }, false],
      ['c2', { chain: 3, store: null }, true],
      ['c3', { chain: null, store: null }, true],
    ]);
    table.apply('counter-assist/v1/s1/_policy', signedMessage(policy(1, { store: 's1' }), keys.privateKey));
    expect(table.list().every((r) => r.policyBehind)).toBe(true);
  });

  it('with head office’s key pinned, counts only policies that key signed', () => {
    const keys = policyKeys();
    const table = new FleetTable('Asia/Shanghai', undefined, keys.line);
    const at = new Date();
    table.apply(
      'counter-assist/v1/s1/c1/status',
      JSON.stringify(
        statusPayload({ printer: null, terminal: null, network: null }, true, '1.0.0', at, {
          chain: { version: 2, appliedAt: at.toISOString() },
          store: null,
        }),
      ),
    );
    table.apply('counter-assist/v1/_policy', signedMessage(policy(9), policyKeys().privateKey));
    expect(table.list()[0]?.policyBehind).toBe(false);
    table.apply('counter-assist/v1/_policy', signedMessage(policy(3), keys.privateKey));
    expect(table.list()[0]?.policyBehind).toBe(true);
  });
});
