import { describe, expect, it } from 'vitest';
import { nagiosFailure, nagiosLine, perfDatum, type CheckResult } from '../../src-main/cli/output/nagios';
import { parsePluginLine, PERF } from '../helpers/plugin-output';

const printer = (over: Partial<CheckResult> = {}): CheckResult => ({
  service: 'PRINTER',
  state: 'ok',
  text: '打印机就绪 (tcp://127.0.0.1:9100)',
  perf: [{ label: 'rtt', value: 0.52, uom: 'ms', min: 0 }],
  ...over,
});

describe('monitoring-plugin line', () => {
  it('the parser accepts what Icinga’s documentation shows for check_ping, so it is the guidelines’ grammar', () => {
    // Icinga 2 documentation, "Service Monitoring", plugin API performance data example.
    const r = parsePluginLine('PING OK - Packet loss = 0%, RTA = 12.44 ms|rta=12.445000ms;100.000000;200.000000;0.000000 pl=0%;5;15;0');
    expect(r).toEqual({
      status: 'OK',
      text: 'Packet loss = 0%, RTA = 12.44 ms',
      perf: ['rta=12.445000ms;100.000000;200.000000;0.000000', 'pl=0%;5;15;0'],
    });
    expect(() => parsePluginLine('PING OK - x | rta=12,4ms')).toThrow(/not perfdata/);
  });

  it('one device: service, state word, text, then round trip in ms with min 0', () => {
    expect(nagiosLine([printer()])).toBe('PRINTER OK - 打印机就绪 (tcp://127.0.0.1:9100) | rtt=0.52ms;;;0');
    expect(parsePluginLine(nagiosLine([printer()])).perf).toEqual(['rtt=0.52ms;;;0']);
  });

  it('each grading has its word', () => {
    expect(nagiosLine([printer({ state: 'warning' })])).toMatch(/^PRINTER WARNING - /);
    expect(nagiosLine([printer({ state: 'error' })])).toMatch(/^PRINTER CRITICAL - /);
    expect(nagiosLine([printer({ state: 'unknown' })])).toMatch(/^PRINTER UNKNOWN - /);
  });

  it('a value not measured is U; a label with a space is quoted, = and quotes (never allowed in a label) become _; no exponent', () => {
    expect(perfDatum({ label: 'rtt', value: null, uom: 'ms', min: 0 })).toBe('rtt=U;;;0');
    expect(perfDatum({ label: "it's a=b", value: 1e-7, uom: 'ms' })).toBe("'it_s a_b'=0ms;;;");
    expect(perfDatum({ label: "HP's=1|2_jobs", value: 3, uom: '' })).toBe('HP_s_1_2_jobs=3;;;');
    expect(perfDatum({ label: 'big', value: 123456789.12345, uom: 's' })).toBe('big=123456789.123s;;;');
    for (const p of ['rtt=U;;;0', "'it_s a_b'=0ms;;;", 'HP_s_1_2_jobs=3;;;']) expect(p).toMatch(PERF);
    expect("'it''s a=b'=0ms;;;").not.toMatch(PERF);
  });

  it('a device’s own text cannot break the line: | and line breaks are replaced', () => {
    const line = nagiosLine([printer({ text: 'garbage | reply\r\nsecond line' })]);
    expect(line).toBe('PRINTER OK - garbage / reply second line | rtt=0.52ms;;;0');
    expect(line.split('|')).toHaveLength(2);
  });

  it('printer and terminal together: the worst state, both texts, labels kept apart', () => {
    const line = nagiosLine([
      printer(),
      { service: 'TERMINAL', state: 'error', text: '终端无应答', perf: [{ label: 'rtt', value: null, uom: 'ms', min: 0 }] },
    ]);
    expect(line).toBe(
      'DEVICES CRITICAL - printer: 打印机就绪 (tcp://127.0.0.1:9100); terminal: 终端无应答 | printer_rtt=0.52ms;;;0 terminal_rtt=U;;;0',
    );
    expect(parsePluginLine(line).status).toBe('CRITICAL');
  });

  it('a refusal before any check is UNKNOWN with the sentence', () => {
    expect(nagiosFailure('PRINTER', '--deadline 5 不是 10–60000 毫秒\n')).toBe('PRINTER UNKNOWN - --deadline 5 不是 10–60000 毫秒');
  });
});
