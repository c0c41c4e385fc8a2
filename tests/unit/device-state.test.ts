import { describe, expect, it } from 'vitest';
import { effectiveState, worstOf, worstState } from '../../src-main/core/common/device-state';
import { fromError, fromLiveness } from '../../src-main/core/devices/terminal/probe';
import { TransportError } from '../../src-main/core/devices/transports/transport';
import { deviceWord } from '../../src-renderer/src/lib/status';

const clock = () => new Date('2026-12-01T08:00:00Z');

describe('one grading of device states', () => {
  it('a silent terminal is unknown to monitoring, like a silent printer, and red at the counter', () => {
    const silent = fromLiveness(
      '/dev/ttyACM0',
      'concert',
      { outcome: 'silent', roundTripMs: null, identity: null, attempts: 3, detail: 'no ACK' },
      clock,
    );
    expect(silent).toMatchObject({ state: 'unknown', problem: 'not-answering', symptom: 'no-response' });
    expect(effectiveState(silent)).toBe('error');
    expect(deviceWord(silent, true).state).toBe('error');
    expect(worstState({ printer: null, terminal: silent, network: null })).toBe('error');
  });

  it('a terminal that vanished is unknown too; a port the POS holds stays grey everywhere', () => {
    const gone = fromError('/dev/ttyACM0', 'poslink', new TransportError('disconnected', 'gone'), clock);
    expect(gone.state).toBe('unknown');
    expect(effectiveState(gone)).toBe('error');
    const busy = fromError('/dev/ttyACM0', 'poslink', new TransportError('busy', 'locked'), clock);
    expect([busy.state, effectiveState(busy), deviceWord(busy, true).state]).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('orders states one way for the tray and the exit code: ok < unknown < warning < error', () => {
    expect(worstOf([])).toBe('ok');
    expect(worstOf(['ok', 'unknown'])).toBe('unknown');
    expect(worstOf(['unknown', 'warning'])).toBe('warning');
    expect(worstOf(['warning', 'error', 'unknown'])).toBe('error');
  });
});
