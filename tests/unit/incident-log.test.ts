import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { isUserError } from '../../src-main/core/errors';
import { maskDeep } from '../../src-main/core/redact';
import { fakeDeps, tempDataDir, PAPER_SESSION } from '../fixtures/incidents/fakes';

const VISA = '4111 1111 1111 1111';
const UNIONPAY = '6222021234567890128';

function setup() {
  const dir = tempDataDir();
  const fakes = fakeDeps(dir);
  return { dir, fakes, area: createIncidentsArea(fakes.deps) };
}

describe('incident log: recording', () => {
  it('records the session path, outcome, code, payment, amount and device snapshot, and lists it back', async () => {
    const { area } = setup();
    const recorded = await area.incidents.record({
      symptom: 'receipt-print',
      sessionId: 's-paper',
      paidBy: 'wechat',
      amount: 35.456,
      note: '顾客很急',
    });
    expect(recorded.flowId).toBe('receipt-print');
    expect(recorded.outcome).toBe('resolved');
    expect(recorded.path.map((p) => p.nodeId)).toEqual(PAPER_SESSION.path.map((p) => p.nodeId));
    expect(recorded.amount).toBe(35.46);
    expect(recorded.devices.printer?.summary.en).toBe('The printer is out of paper');
    expect(recorded.devices.network?.firstFailing).toBe('dns');
    const listed = await area.incidents.list({});
    expect(listed).toEqual([recorded]);
  });

  it('files each incident under the month of the store’s own calendar', async () => {
    const { dir, fakes, area } = setup();
    // 16:30 UTC on 30 November is already 1 December in Shanghai.
    fakes.setNow('2026-11-30T16:30:00.000Z');
    await area.incidents.record({ symptom: 'declined', code: '51' });
    fakes.setNow('2026-11-30T15:30:00.000Z');
    await area.incidents.record({ symptom: 'declined', code: '05' });
    expect(readdirSync(join(dir, 'incidents')).sort()).toEqual(['2026-11.jsonl', '2026-12.jsonl']);
    const dec = readFileSync(join(dir, 'incidents', '2026-12.jsonl'), 'utf8');
    expect(dec).toContain('"code":"51"');
    expect(dec.endsWith('\n')).toBe(true);
    expect(dec.split('\n')).toHaveLength(2);
  });

  it('gives ids that sort by time and never repeat', async () => {
    const { fakes, area } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      fakes.setNow(new Date(Date.UTC(2026, 10, 21, 2, 0, 0, i * 7)).toISOString());
      ids.push((await area.incidents.record({ symptom: 'slow' })).id);
    }
    expect(new Set(ids).size).toBe(200);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{6}$/);
    // The id itself must never look like a card number to the masking.
    expect(ids.every((id) => maskDeep(id) === id)).toBe(true);
  });

  it('cuts every card-like run out of the note before it is saved, and leaves shorter numbers alone', async () => {
    const { dir, area } = setup();
    const note = `卡号 ${VISA} 和 ${UNIONPAY}，订单 4111111111111112，电话 13800138000`;
    await area.incidents.record({ symptom: 'declined', note });
    const onDisk = readFileSync(join(dir, 'incidents', '2026-11.jsonl'), 'utf8');
    for (const gone of ['4111 1111 1111 1111', UNIONPAY, '411111', '622202', '4111111111111112']) expect(onDisk).not.toContain(gone);
    // A mistyped card number fails the Luhn check and is card data all the same.
    expect(onDisk).toContain('13800138000');
    const [listed] = await area.incidents.list({});
    expect(listed?.note).toBe('卡号 **** 和 ****，订单 ****，电话 13800138000');
  });

  it('masks card numbers that reach it through the device snapshot too', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir);
    const area = createIncidentsArea({
      ...fakes.deps,
      snapshot: () => ({
        ...fakes.deps.snapshot(),
        terminal: null,
        printer: { ...fakes.deps.snapshot().printer!, detail: `raw: ${UNIONPAY}` },
      }),
    });
    await area.incidents.record({ symptom: 'receipt-print' });
    expect(readFileSync(join(dir, 'incidents', '2026-11.jsonl'), 'utf8')).not.toContain(UNIONPAY);
  });

  it('refuses garbage with a clear message and writes nothing', async () => {
    const { dir, area } = setup();
    const garbage: unknown[] = [
      { symptom: 'exploded' },
      { symptom: 'declined', amount: -5 },
      { symptom: 'declined', amount: Number.NaN },
      { symptom: 'declined', amount: '12' },
      { symptom: 'declined', paidBy: 'bitcoin' },
      { symptom: 'declined', note: 'x'.repeat(5000) },
      { symptom: 'declined', extra: 1 },
      null,
      'declined',
    ];
    for (const input of garbage) {
      const err = await area.incidents.record(input as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isUserError(err), JSON.stringify(input)).toBe(true);
    }
    const err = await area.incidents.record({ symptom: 'exploded' as never }).catch((e: unknown) => e);
    expect(isUserError(err) && err.userMessage['zh-CN']).toContain('没有这个故障类型');
    expect(isUserError(err) && err.userMessage.en).toContain('declined');
    expect(existsSync(join(dir, 'incidents'))).toBe(false);
  });

  it('still records when the device layer throws', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir, {
      snapshot: () => {
        throw new Error('serial port exploded');
      },
    });
    const area = createIncidentsArea(fakes.deps);
    const recorded = await area.incidents.record({ symptom: 'no-power' });
    expect(recorded.devices).toEqual({ printer: null, terminal: null, network: null });
  });

  it('records without a path when the flow session is gone, rather than losing the incident', async () => {
    const { area } = setup();
    const recorded = await area.incidents.record({ symptom: 'declined', sessionId: 'expired-session', code: '51' });
    expect(recorded).toMatchObject({ flowId: null, path: [], code: '51' });
  });
});

describe('incident log: filters', () => {
  async function spread() {
    const { dir, fakes, area } = setup();
    // Shanghai is UTC+8: these are 1 Nov 07:59, 1 Nov 08:00 (= 16:00 local), 30 Nov 23:59:59 local, 1 Dec 00:00 local.
    const times = ['2026-10-31T23:59:00.000Z', '2026-11-01T08:00:00.000Z', '2026-11-30T15:59:59.000Z', '2026-11-30T16:00:00.000Z'];
    const symptoms = ['declined', 'slow', 'declined', 'network'] as const;
    for (const [i, t] of times.entries()) {
      fakes.setNow(t);
      await area.incidents.record({ symptom: symptoms[i]!, note: `n${i}` });
    }
    return { dir, area };
  }

  it('reads YYYY-MM-DD as whole local days, both ends included', async () => {
    const { area } = await spread();
    const nov = await area.incidents.list({ from: '2026-11-01', to: '2026-11-30' });
    expect(nov.map((i) => i.note)).toEqual(['n0', 'n1', 'n2']);
    const day = await area.incidents.list({ from: '2026-12-01', to: '2026-12-01' });
    expect(day.map((i) => i.note)).toEqual(['n3']);
  });

  it('takes ISO times with an offset as exact instants, and filters by symptom', async () => {
    const { area } = await spread();
    const after = await area.incidents.list({ from: '2026-11-01T08:00:00Z' });
    expect(after.map((i) => i.note)).toEqual(['n1', 'n2', 'n3']);
    const declined = await area.incidents.list({ symptom: 'declined' });
    expect(declined.map((i) => i.note)).toEqual(['n0', 'n2']);
  });

  it('reads only the month files in range', async () => {
    const { dir, area } = await spread();
    writeFileSync(join(dir, 'incidents', '2026-09.jsonl'), 'garbage\nmore garbage\n');
    await area.incidents.list({ from: '2026-11-05', to: '2026-11-30' });
    expect(area.notices.filter((n) => n.detail.includes('2026-09'))).toEqual([]);
    await area.incidents.list({});
    expect(area.notices.some((n) => n.detail.includes('2026-09'))).toBe(true);
  });

  it('refuses impossible dates and reversed ranges with a message', async () => {
    const { area } = await spread();
    for (const filter of [
      { from: '2026-02-30' },
      { to: 'yesterday' },
      { from: '2026-12-01', to: '2026-11-01' },
      { from: '2026-11-01T25:00' },
    ]) {
      const err = await area.incidents.list(filter).catch((e: unknown) => e);
      expect(isUserError(err), JSON.stringify(filter)).toBe(true);
    }
  });
});

describe('incident log: damage', () => {
  async function withRecords(n: number) {
    const { dir, fakes, area } = setup();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await area.incidents.record({ symptom: 'declined', note: `r${i}` })).id);
    return { dir, fakes, ids, file: join(dir, 'incidents', '2026-11.jsonl') };
  }

  it('sets a torn last line aside on open, keeps it, reports it, and appends cleanly after it', async () => {
    const { dir, fakes, ids, file } = await withRecords(3);
    const torn = '{"id":"20261121T020000.000Z-abcdef","at":"2026-11-21T02:0';
    appendFileSync(file, torn);
    const reopened = createIncidentsArea(fakes.deps);
    await reopened.ready;
    expect(reopened.notices.map((n) => n.code)).toEqual(['incident-log-repaired']);
    expect(reopened.notices[0]?.message['zh-CN']).toContain('没有写完整');
    expect(readFileSync(`${file}.torn`, 'utf8')).toContain(torn);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    const more = await reopened.incidents.record({ symptom: 'slow' });
    expect((await reopened.incidents.list({})).map((i) => i.id)).toEqual([...ids, more.id]);
    expect(readdirSync(join(dir, 'incidents')).sort()).toEqual(['2026-11.jsonl', '2026-11.jsonl.torn']);
  });

  it('treats a complete but unparsable last line as torn', async () => {
    const { fakes, ids, file } = await withRecords(2);
    appendFileSync(file, '\u0000\u0000\u0000\u0000\n');
    const reopened = createIncidentsArea(fakes.deps);
    await reopened.ready;
    expect(reopened.notices).toHaveLength(1);
    expect((await reopened.incidents.list({})).map((i) => i.id)).toEqual(ids);
  });

  it('says nothing when the log is whole', async () => {
    const { fakes } = await withRecords(2);
    const reopened = createIncidentsArea(fakes.deps);
    await reopened.incidents.list({});
    expect(reopened.notices).toEqual([]);
  });

  it('skips corrupt lines in the middle, counts them, and loads the rest', async () => {
    const { fakes, ids, file } = await withRecords(4);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const damaged = [lines[0], 'not json at all', lines[1], '{"id":"x","symptom":"declined"}', '{"half": ', lines[2], lines[3]];
    writeFileSync(file, `${damaged.join('\n')}\n`);
    const reopened = createIncidentsArea(fakes.deps);
    expect(reopened.notices).toEqual([]);
    expect((await reopened.incidents.list({})).map((i) => i.id)).toEqual(ids);
    expect(reopened.notices).toHaveLength(1);
    expect(reopened.notices[0]?.message.en).toContain('3 damaged line(s)');
    expect(reopened.notices[0]?.detail).toContain('line 2, 4, 5');
  });

  it('keeps the other months loading when a whole month file is garbage', async () => {
    const { dir, fakes, ids } = await withRecords(2);
    mkdirSync(join(dir, 'incidents'), { recursive: true });
    writeFileSync(join(dir, 'incidents', '2026-10.jsonl'), Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x7b, 0x0a]));
    const reopened = createIncidentsArea(fakes.deps);
    expect((await reopened.incidents.list({})).map((i) => i.id)).toEqual(ids);
    expect(reopened.notices.length).toBeGreaterThan(0);
  });
});

describe('incident log: a folder that cannot be read', () => {
  it('a new store with no incident folder lists nothing, without an error', async () => {
    const { area } = setup();
    await expect(area.incidents.list({})).resolves.toEqual([]);
  });

  it('an incident folder that is not readable says so instead of listing "no incidents"', async () => {
    const { dir, area } = setup();
    // A file where the folder should be: the read fails as a permission problem would (the tests
    // run as root, whom chmod does not stop), and the history must not read as empty.
    writeFileSync(join(dir, 'incidents'), 'not a folder');
    const error = await area.incidents.list({}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUserError(error)).toBe(true);
    if (!isUserError(error)) return;
    expect(error.userMessage['zh-CN']).toBe('无法读取故障记录文件夹（读取失败）。记录没有丢失');
    expect(error.userMessage.en).toBe('The incident folder cannot be read (the read failed). No record was lost');
    expect(error.detail).toContain('ENOTDIR');
  });
});
