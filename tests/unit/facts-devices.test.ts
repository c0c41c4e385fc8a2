import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../src-main/core/devices/types';
import { createDeviceFacts } from '../../src-main/core/devices/flow-facts';
import type { NetworkReport, PrinterStatus, TerminalStatus } from '../../src-main/core/devices/types';

const NOW = new Date('2026-11-21T10:00:00Z');
const clock = () => NOW;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function printer(over: Partial<PrinterStatus> = {}): PrinterStatus {
  return {
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: true,
    state: 'error',
    online: false,
    coverOpen: false,
    paperEnd: true,
    paperNearEnd: true,
    feedButton: false,
    drawerOpen: null,
    errors: { autocutter: false, recoverable: false, unrecoverable: false, autoRecoverable: false },
    roundTripMs: 12,
    identity: null,
    symptom: 'receipt-print',
    problem: null,
    summary: { 'zh-CN': '缺纸', en: 'Paper end' },
    detail: null,
    at: ago(1000),
    ...over,
  };
}
function terminal(over: Partial<TerminalStatus> = {}): TerminalStatus {
  return {
    kind: 'terminal',
    target: 'tcp://127.0.0.1:10009',
    protocol: 'poslink',
    answering: false,
    state: 'unknown',
    roundTripMs: null,
    identity: null,
    symptom: 'no-response',
    problem: 'not-answering',
    summary: { 'zh-CN': '终端无响应', en: 'The terminal is not answering' },
    detail: null,
    at: ago(1000),
    ...over,
  };
}
function network(firstFailing: NetworkReport['firstFailing'], at = ago(1000)): NetworkReport {
  const l = { ok: true, detail: { 'zh-CN': '', en: '' }, ms: 1 };
  return {
    layers: { link: l, gateway: l, dns: l, paymentHost: l, acquirer: l },
    firstFailing,
    state: firstFailing ? 'error' : 'ok',
    summary: { 'zh-CN': '', en: '' },
    symptom: firstFailing ? 'network' : null,
    at,
  };
}
const factsOf = (s: DeviceSnapshot) => createDeviceFacts(() => s, clock);

describe('device facts for check nodes', () => {
  it('reads what the printer reported, with the sentence to show', () => {
    const f = factsOf({ printer: printer(), terminal: null, network: null });
    expect(f.fact('printer.paperEnd')).toEqual({
      value: true,
      said: { 'zh-CN': '打印机报告：缺纸', en: 'The printer reports: paper end' },
    });
    expect(f.fact('printer.answering')?.value).toBe(true);
    expect(f.fact('printer.coverOpen')?.value).toBe(false);
    expect(f.fact('printer.online')?.value).toBe(false);
    expect(f.fact('printer.error')?.value).toBe(false);
    expect(
      factsOf({
        printer: printer({ errors: { autocutter: true, recoverable: false, unrecoverable: false, autoRecoverable: false } }),
        terminal: null,
        network: null,
      }).fact('printer.error')?.value,
    ).toBe(true);
  });

  it('a printer that does not answer (graded unknown, as every silent device): answering is false, the paper is unknown', () => {
    const f = factsOf({
      printer: printer({ answering: false, state: 'unknown', paperEnd: null, online: null, problem: 'not-answering' }),
      terminal: null,
      network: null,
    });
    expect(f.fact('printer.answering')).toMatchObject({ value: false, said: { en: 'The printer is not answering' } });
    expect(f.fact('printer.paperEnd')).toBeNull();
    expect(f.fact('printer.error')).toBeNull();
  });

  it('a busy printer, no status, or a status too old: nothing is known', () => {
    const busy = printer({ answering: false, state: 'unknown', problem: 'busy', paperEnd: null });
    expect(factsOf({ printer: busy, terminal: null, network: null }).fact('printer.answering')).toBeNull();
    expect(factsOf({ printer: null, terminal: null, network: null }).fact('printer.paperEnd')).toBeNull();
    expect(factsOf({ printer: printer({ at: ago(10 * 60_000) }), terminal: null, network: null }).fact('printer.paperEnd')).toBeNull();
  });

  it('terminal answering, with its sentence; busy is unknown', () => {
    expect(factsOf({ printer: null, terminal: terminal(), network: null }).fact('terminal.answering')).toEqual({
      value: false,
      said: { 'zh-CN': '终端没有应答', en: 'The terminal is not answering' },
    });
    const ok = terminal({ answering: true, state: 'ok', problem: null });
    expect(factsOf({ printer: null, terminal: ok, network: null }).fact('terminal.answering')?.value).toBe(true);
    const busy = terminal({ state: 'unknown', problem: 'busy' });
    expect(factsOf({ printer: null, terminal: busy, network: null }).fact('terminal.answering')).toBeNull();
  });

  it('network: the first failing layer, or none', () => {
    expect(factsOf({ printer: null, terminal: null, network: network('gateway') }).fact('network.firstFailing')).toEqual({
      value: 'gateway',
      said: { 'zh-CN': '网络检查：网关（路由器）不通', en: 'Network check: the router does not answer' },
    });
    expect(factsOf({ printer: null, terminal: null, network: network(null) }).fact('network.firstFailing')?.value).toBe('none');
    expect(factsOf({ printer: null, terminal: null, network: network('dns', ago(6 * 60_000)) }).fact('network.firstFailing')).toBeNull();
  });

  it('network: the acquirer front end, when the PC cannot reach it, in the cashier’s words', () => {
    expect(factsOf({ printer: null, terminal: null, network: network('acquirer') }).fact('network.firstFailing')).toEqual({
      value: 'acquirer',
      said: {
        'zh-CN': '网络检查：这台电脑连不上银行卡收款公司的前置机',
        en: "Network check: this PC cannot reach the acquirer's front end",
      },
    });
  });

  it('a printer status under the terminal role is not taken for the terminal', () => {
    expect(factsOf({ printer: null, terminal: printer(), network: null }).fact('terminal.answering')).toBeNull();
  });
});
