import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIncidentsArea } from '../../src-main/core/incidents/area';
import { fakeDeps, printerStatus, SNAPSHOT, tempDataDir } from '../fixtures/incidents/fakes';

const PAN = '6222021234567890128';

async function storeWithHistory(incidents: number) {
  const dir = tempDataDir();
  const fakes = fakeDeps(dir);
  const area = createIncidentsArea(fakes.deps);
  for (let i = 0; i < incidents; i++) {
    fakes.setNow(new Date(Date.UTC(2026, 9, 20 + i, 3)).toISOString());
    await area.incidents.record({ symptom: 'receipt-print', sessionId: 's-paper', note: `第${i}次` });
  }
  // The daily item was last done long ago (overdue); the weekly one today; the monthly never.
  fakes.setNow('2026-11-10T03:00:00.000Z');
  await area.maintenance.tick('clean-reader', '小王');
  fakes.setNow('2026-11-21T03:00:00.000Z');
  await area.maintenance.tick('check-paper-stock', '小李');
  return { dir, fakes, area };
}

describe('service-provider report', () => {
  it('says app, store, devices, network, the last 20 incidents with paths, and overdue maintenance — in text and JSON, saved to disk', async () => {
    const { dir, area } = await storeWithHistory(25);
    const report = await area.report.build();

    const t = report.text;
    expect(t).toContain('Counter Assist 0.1.0');
    expect(t).toContain('商户号: 898310048990001');
    expect(t).toContain('终端号: 10010001');
    expect(t).toContain('POS 服务商热线: 400-820-1234');
    expect(t).toContain('打印机: 故障 — 打印机缺纸');
    expect(t).toContain('型号: EPSON TM-T82III · 固件: 1.02 · 序列号: X4ZB012345');
    expect(t).toContain('刷卡机: 未配置');
    expect(t).toContain('域名解析: 失败');
    expect(t).toContain('收单前置机: 未检查 — 未检查：没有设置收单前置机（刷卡机不经这台电脑联网时不用设）');
    expect(t).toContain('== 最近故障 (20) ==');
    expect(t).toContain('路径: check-paper(自动: 缺纸, 0s) → load-paper(解决了, 42s) → done');
    // Newest first: the 25th incident is listed, the 5th (the 21st newest) is not.
    expect(t).toContain('备注: 第24次');
    expect(t).not.toContain('备注: 第4次');
    expect(t).toContain('清洁读卡槽: 上次 ');
    expect(t).not.toContain('检查备用纸卷');

    const json = report.json as {
      app: { version: string };
      store: { merchantId: string; hotlines: { acquirer: string } };
      devices: { printer: { identity: { model: string } } };
      network: { firstFailing: string };
      incidents: { note: string; path: unknown[] }[];
      overdueMaintenance: { id: string }[];
    };
    expect(json.app.version).toBe('0.1.0');
    expect(json.store).toMatchObject({ merchantId: '898310048990001', hotlines: { acquirer: '95516' } });
    expect(json.devices.printer.identity.model).toBe('TM-T82III');
    expect(json.network.firstFailing).toBe('dns');
    expect(json.incidents).toHaveLength(20);
    expect(json.incidents[0]?.note).toBe('第24次');
    expect(json.incidents[0]?.path).toHaveLength(3);
    expect(json.overdueMaintenance.map((m) => m.id)).toEqual(['clean-reader']);

    expect(report.savedTo.text).toBe(join(dir, 'reports', 'report-20261121-030000.txt'));
    expect(readFileSync(report.savedTo.text, 'utf8')).toBe(t);
    expect(JSON.parse(readFileSync(report.savedTo.json, 'utf8'))).toEqual(report.json);
  });

  it('is written in one language: Chinese labels hold no English word, and in English (the settings’ language) no Chinese one', async () => {
    const { area, fakes } = await storeWithHistory(2);
    const zh = (await area.report.build()).text;
    // What may stay Latin in the Chinese report: names, ids, paths, numbers, protocol and unit names.
    // and a command to type.
    const labelled = zh.split('\n').filter((l) => !/^(店名|应用|系统|\s*端口|\s*型号|\s*技术细节|\s*路径): /.test(l));
    for (const line of labelled) expect(line.replace(/counter-assist[ \w-]*/, 'CMD'), line).not.toMatch(/[A-Za-z]{2,} +[A-Za-z]{2,}/);
    expect(zh).toMatch(/^收银台助手 诊断报告$/m);
    expect(zh).toMatch(/^1\. .* · 小票打不出来/m);

    await fakes.deps.settings.set({ language: 'en' });
    const report = await area.report.build();
    const en = report.text;
    expect(en).toMatch(/^Counter Assist diagnostic report$/m);
    expect(en).toContain('Merchant ID: 898310048990001');
    expect(en).toContain('Printer: Error — The printer is out of paper');
    expect(en).toContain('Terminal: Not configured');
    expect(en).toContain('  DNS: FAILED (2000 ms) — www.95516.com does not resolve (ENOTFOUND)');
    expect(en).toContain('== Recent incidents (2) ==');
    expect(en).toContain('Path: check-paper(auto: Paper end, 0s) → load-paper(Fixed, 42s) → done');
    expect(en).toContain('Clean the card reader: last ');
    // Chinese is left only in what people typed: the store's name, the notes, who did the maintenance.
    const chinese = en.split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l));
    expect(
      chinese.every((l) => /^(Name: |\s*Note: |- .*: last .* \(.+\)$)/.test(l)),
      chinese.join('\n'),
    ).toBe(true);
    // The saved text is the English one; the JSON keeps ids and values, not words.
    expect(readFileSync(report.savedTo.text, 'utf8')).toBe(en);
    expect(report.json).toMatchObject({ incidents: [{ symptom: 'receipt-print' }, { symptom: 'receipt-print' }] });
    expect(JSON.stringify(report.json)).not.toContain('Recent incidents');
  });

  it('the language asked wins over the settings’ one', async () => {
    const { area } = await storeWithHistory(1);
    const report = await area.composeReport({ lang: 'en' });
    expect(report.text).toMatch(/^Counter Assist diagnostic report$/m);
    expect(report.text).toContain('(not probed now: the last known results; counter-assist report --probe checks again)');
    expect((await area.composeReport()).text).toMatch(/^收银台助手 诊断报告$/m);
  });

  it('masks card numbers from notes and device details, in both forms and on disk', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir, { snapshot: () => ({ ...SNAPSHOT, printer: printerStatus({ detail: `last line printed: ${PAN}` }) }) });
    const area = createIncidentsArea(fakes.deps);
    await area.incidents.record({ symptom: 'declined', note: `卡号 ${PAN}` });
    const report = await area.report.build();
    for (const s of [
      report.text,
      JSON.stringify(report.json),
      readFileSync(report.savedTo.text, 'utf8'),
      readFileSync(report.savedTo.json, 'utf8'),
    ]) {
      expect(s).not.toContain(PAN);
      expect(s).toContain('622202*********0128');
    }
  });

  it('probes the devices first when given a refresh, instead of the last snapshot', async () => {
    const dir = tempDataDir();
    let probes = 0;
    const fakes = fakeDeps(dir, {
      refresh: async () => {
        probes++;
        return {
          ...SNAPSHOT,
          printer: printerStatus({ state: 'ok', paperEnd: false, summary: { 'zh-CN': '打印机正常', en: 'The printer is fine' } }),
        };
      },
    });
    const report = await createIncidentsArea(fakes.deps).report.build();
    expect(probes).toBe(1);
    expect(report.text).toContain('打印机: 正常 — 打印机正常');
  });

  it('works on a fresh install: no incidents, no devices, nothing filled in', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir, { snapshot: () => ({ printer: null, terminal: null, network: null }) });
    await fakes.deps.settings.set({ store: { name: '', merchantId: '', terminalId: '' } });
    const report = await createIncidentsArea(fakes.deps).report.build();
    expect(report.text).toContain('商户号: 未填写');
    expect(report.text).toContain('== 最近故障 (0) ==');
    expect(report.text).toContain('网络: 没有记录：还没有检查过');
  });
});
