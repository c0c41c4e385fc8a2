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
    expect(t).toContain('商户号 Merchant ID: 898310048990001');
    expect(t).toContain('终端号 Terminal ID: 10010001');
    expect(t).toContain('POS 服务商热线 POS service hotline: 400-820-1234');
    expect(t).toContain('打印机 Printer: 故障 Error — 打印机缺纸 / The printer is out of paper');
    expect(t).toContain('型号 Model: EPSON TM-T82III · 固件 Firmware: 1.02 · 序列号 Serial: X4ZB012345');
    expect(t).toContain('刷卡机 Terminal: 未配置 Not configured');
    expect(t).toContain('域名解析 DNS: 失败 FAILED');
    expect(t).toContain(
      '收单前置机 Acquirer front end: 未检查 not checked — 未检查：没有设置收单前置机（刷卡机不经这台电脑联网时不用设） / not checked: no acquirer front end set',
    );
    expect(t).toContain('最近故障 Recent incidents (20)');
    expect(t).toContain('路径 Path: check-paper(自动: 缺纸, 0s) → load-paper(解决了, 42s) → done');
    // Newest first: the 25th incident is listed, the 5th (the 21st newest) is not.
    expect(t).toContain('备注 Note: 第24次');
    expect(t).not.toContain('备注 Note: 第4次');
    expect(t).toContain('清洁读卡槽 / Clean the card reader: 上次 last');
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
    expect(report.text).toContain('打印机 Printer: 正常 OK — 打印机正常 / The printer is fine');
  });

  it('works on a fresh install: no incidents, no devices, nothing filled in', async () => {
    const dir = tempDataDir();
    const fakes = fakeDeps(dir, { snapshot: () => ({ printer: null, terminal: null, network: null }) });
    await fakes.deps.settings.set({ store: { name: '', merchantId: '', terminalId: '' } });
    const report = await createIncidentsArea(fakes.deps).report.build();
    expect(report.text).toContain('商户号 Merchant ID: 未填写 not set');
    expect(report.text).toContain('最近故障 Recent incidents (0)');
    expect(report.text).toContain('网络 Network: 没有记录：还没有检查过 / nothing known: never checked');
  });
});
