import { describe, expect, it } from 'vitest';
import { PRINTER_PROTOCOLS, TERMINAL_PROTOCOLS } from '../../src-main/core/common/protocols';
import type { PrinterDriver } from '../../src-main/core/devices/printer/driver';
import { PRINTER_DRIVERS } from '../../src-main/core/devices/printer/drivers';
import { TERMINAL_DRIVERS, type TerminalDriver } from '../../src-main/core/devices/terminal/drivers';
import { PrinterSimulator, type PrinterSimState } from '../../src-main/sim/printer';
import { TerminalSimulator } from '../../src-main/sim/terminal';

/** What a simulated printer sends back to `bytes`, on one connection. */
function heard(sim: PrinterSimulator, bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  const feed = sim.connect({ write: (b) => out.push(...b), unplug: () => undefined });
  feed(bytes);
  return Uint8Array.from(out);
}

// A protocol is its driver file plus its row: the row carries the simulator too, so a row
// without one does not typecheck (checked by `npm run typecheck`, which reads this file).
const { sim: _printerSim, ...printerRowWithoutSim } = PRINTER_DRIVERS.escpos;
// @ts-expect-error a printer row without its simulator
const _printerRow: PrinterDriver = printerRowWithoutSim;
const { sim: _terminalSim, ...terminalRowWithoutSim } = TERMINAL_DRIVERS.poslink;
// @ts-expect-error a terminal row without its simulator
const _terminalRow: TerminalDriver<object> = terminalRowWithoutSim;

describe('each printer row: its simulator and its driver speak the same bytes', () => {
  const cases: [PrinterSimState, Partial<Record<'paperEnd' | 'paperNearEnd' | 'coverOpen' | 'online', boolean>>][] = [
    ['ok', { paperEnd: false, coverOpen: false, online: true }],
    ['paper-end', { paperEnd: true }],
    ['paper-near-end', { paperNearEnd: true, paperEnd: false }],
    ['cover-open', { coverOpen: true, online: false }],
  ];
  it.each(PRINTER_PROTOCOLS.flatMap((p) => cases.map(([state, facts]) => [p, state, facts] as const)))(
    '%s, %s: the block the simulator sends when the driver turns ASB on decodes to the state',
    (protocol, state, facts) => {
      const driver = PRINTER_DRIVERS[protocol];
      const reply = heard(new PrinterSimulator({ protocol, state }), driver.asb.on(false));
      const taken = driver.asb.take(reply);
      expect(taken.facts).toHaveLength(1);
      expect(taken.facts[0]).toMatchObject(facts);
      expect(taken.rest).toHaveLength(0);
    },
  );

  it.each(PRINTER_PROTOCOLS)('%s: a silent simulated printer sends nothing to the heartbeat', (protocol) => {
    expect(heard(new PrinterSimulator({ protocol, state: 'silent' }), PRINTER_DRIVERS[protocol].heartbeat)).toHaveLength(0);
  });
});

describe('each terminal row: its simulator answers only what the driver asks', () => {
  it.each(TERMINAL_PROTOCOLS)('%s: bytes that frame nothing get no answer and no command is recorded', (protocol) => {
    const sim = new TerminalSimulator({ protocol });
    const out: number[] = [];
    const feed = sim.connect({ write: (b) => out.push(...b), unplug: () => undefined });
    // Line noise with no control byte a protocol reacts to on its own (no ENQ, STX, ACK or NAK).
    feed(Uint8Array.of(0x41, 0x42, 0x7f, 0xff, 0x30));
    expect(out).toEqual([]);
    expect(sim.commands).toEqual([]);
    sim.stop();
  });
});
