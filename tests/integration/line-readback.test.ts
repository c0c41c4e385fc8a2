import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair } from '../helpers/pty';
import { openTransport } from '../../src-main/core/devices/transports/open';
import { LineReadback, lineDifference, parseStty, readLineSettings } from '../../src-main/core/devices/transports/line-readback';
import { openSerial } from '../../src-main/core/devices/transports/serial';
import { openSocatPair } from '../../src-main/sim/serve';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnPort } from '../../src-main/sim/serve';
import { probePrinter } from '../../src-main/core/devices/printer/probe';
import { TrafficLog } from '../../src-main/core/devices/traffic';
import { needs } from '../helpers/needs';

const need = needs('socat');

/*
 * Pseudo-terminals take only 8N1, and serialport ignores the refused tcsetattr: 7E1 cannot be
 * proven here, only that the app notices. These tests ask for 7E1 on a real pty and check the
 * app reads the port back and says it runs 8N1.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

// `stty -a` on Linux (GNU coreutils), as printed for a serial port set to 9600 7E1 and 19200 8O2.
const STTY_7E1 = `speed 9600 baud; rows 0; columns 0; line = 0;
parenb -parodd -cmspar cs7 hupcl -cstopb cread clocal -crtscts
-ignbrk -brkint ignpar -parmrk -inpck -istrip -inlcr -igncr -icrnl -ixon -ixoff`;
const STTY_8O2 = `speed 19200 baud; line = 0;
parenb parodd -cmspar cs8 hupcl cstopb cread clocal -crtscts`;

describe.skipIf(need.skip)('line settings read back', () => {
  it('parses stty output', () => {
    expect(parseStty(STTY_7E1)).toEqual({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(parseStty(STTY_8O2)).toEqual({ baudRate: 19200, dataBits: 8, parity: 'odd', stopBits: 2 });
    expect(parseStty('stty: /dev/ttyS9: No such file or directory')).toBeNull();
  });

  it('says nothing when the port took what was asked', () => {
    expect(
      lineDifference(
        { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
        parseStty(STTY_7E1.replace('parenb', '-parenb').replace('cs7', 'cs8')),
      ),
    ).toBeNull();
  });

  it('7E1 asked on a pseudo-terminal: the port runs 8N1, and the transport, the traffic log and the status say so', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const traffic = new TrafficLog();
    const t = await openTransport(`serial://${pair.app}?data=7&parity=even`, { traffic });
    cleanups.push(() => t.close());
    expect(await readLineSettings(pair.app)).toMatchObject({ dataBits: 8, parity: 'none' });
    expect(t.lineNote).toBe('line settings did not take: asked 9600 7E1, the port runs 9600 8N1 (the driver refused them)');
    expect(traffic.entries().some((e) => e.direction === 'note' && /asked 9600 7E1, the port runs 9600 8N1/.test(e.ascii))).toBe(true);
    await t.close();

    const served = await serveOnPort(new PrinterSimulator({ state: 'ok' }), pair.device);
    cleanups.push(() => served.close());
    const s = await probePrinter(`serial://${pair.app}?data=7&parity=even`, { protocol: 'escpos', deadlineMs: 500 });
    expect(s.detail).toMatch(/asked 9600 7E1, the port runs 9600 8N1/);
    const plain = await probePrinter(pair.app, { protocol: 'escpos', deadlineMs: 500 });
    expect(plain.detail ?? '').not.toMatch(/did not take/);
  });
});

describe('line settings are read back once per device node', () => {
  /** The real stty reader, counted. */
  function countingReadback() {
    const reads: string[] = [];
    const readback = new LineReadback(async (path) => {
      reads.push(path);
      return readLineSettings(path);
    });
    return { reads, readback };
  }
  const noLocks = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-locks-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { lockDirs: [dir] };
  };

  it('a second open of the same pseudo-terminal runs no stty and still says the settings did not take', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const { reads, readback } = countingReadback();
    const holders = noLocks();
    const first = await openSerial(pair.app, { dataBits: 7, parity: 'even', holders, lineReadback: readback });
    await first.close();
    const second = await openSerial(pair.app, { dataBits: 7, parity: 'even', holders, lineReadback: readback });
    await second.close();
    expect(reads).toEqual([pair.app]);
    expect(second.lineNote).toBe('line settings did not take: asked 9600 7E1, the port runs 9600 8N1 (the driver refused them)');

    // Other settings asked of the same node are another question.
    const plain = await openSerial(pair.app, { holders, lineReadback: readback });
    await plain.close();
    expect(reads).toHaveLength(2);
    expect(plain.lineNote).toBeNull();
  });

  it('a pseudo-terminal made again at the same path (a cable pulled and plugged) is read again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-replug-'));
    let pair = await openSocatPair(dir);
    cleanups.push(() => pair.close());
    const { reads, readback } = countingReadback();
    const holders = noLocks();
    await (await openSerial(pair.app, { holders, lineReadback: readback })).close();
    await pair.close();
    mkdirSync(dir, { recursive: true });
    pair = await openSocatPair(dir);
    await (await openSerial(pair.app, { holders, lineReadback: readback })).close();
    expect(reads).toEqual([pair.app, pair.app]);
  });

  it('an open that fails forgets the device: the next one that opens is read again', async () => {
    const pair = await openPtyPair();
    cleanups.push(() => pair.close());
    const { reads, readback } = countingReadback();
    const holders = noLocks();
    await (await openSerial(pair.app, { holders, lineReadback: readback })).close();
    // The port held with its lock: the second open fails at serialport's flock.
    const holder = await openSerial(pair.app, { holders: false, lineReadback: readback });
    cleanups.push(() => holder.close());
    await expect(openSerial(pair.app, { holders: false, lineReadback: readback })).rejects.toMatchObject({ problem: 'busy' });
    await holder.close();
    expect(reads).toEqual([pair.app]);
    await (await openSerial(pair.app, { holders, lineReadback: readback })).close();
    expect(reads).toEqual([pair.app, pair.app]);
  });
});
