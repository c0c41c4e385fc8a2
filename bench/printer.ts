import { SerialPort } from 'serialport';
import { Socket } from 'node:net';
import { openTransport } from '../src-main/core/devices/transports/open';
import { readPrinterStatus } from '../src-main/core/devices/printer/status';
import { watchAsb } from '../src-main/core/devices/printer/asb';
import { dleEot } from '../src-main/core/devices/printer/escpos';
import { PrinterSimulator } from '../src-main/sim/printer';
import { openSocatPair, serveOnPort, serveOnTcp } from '../src-main/sim/serve';
import { figure, median, quantile, round, type Figure } from './figures';

/** Status reads per round; the bare and the full measurements take turns, five rounds each. */
const ROUND = 50;
const ROUNDS = 5;

/** Take turns, so neither side gets the warmer process or the quieter moment. */
async function alternate(bareRun: () => Promise<number[]>, fullRun: () => Promise<number[]>): Promise<{ bare: number[]; full: number[] }> {
  const bare: number[] = [];
  const full: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    bare.push(...(await bareRun()));
    full.push(...(await fullRun()));
  }
  return { bare, full };
}
/** DLE EOT n is 3 bytes out and 1 byte back. */
const BYTES_PER_REQUEST = 4;

/** A bare round trip with no protocol code: write the request, wait for one byte. */
async function bareSerial(path: string, n: number): Promise<number[]> {
  const port = new SerialPort({ path, baudRate: 9600, lock: false, autoOpen: false });
  await new Promise<void>((r, j) => port.open((e) => (e ? j(e) : r())));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const got = new Promise<void>((r) => port.once('data', () => r()));
    port.write(Buffer.from(dleEot(((i % 4) + 1) as 1 | 2 | 3 | 4)));
    await got;
    times.push(performance.now() - t);
  }
  await new Promise<void>((r) => port.close(() => r()));
  return times;
}

async function bareTcp(port: number, n: number): Promise<number[]> {
  const socket = new Socket();
  socket.setNoDelay(true);
  await new Promise<void>((r, j) => socket.connect(port, '127.0.0.1', r).once('error', j));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const got = new Promise<void>((r) => socket.once('data', () => r()));
    socket.write(dleEot(((i % 4) + 1) as 1 | 2 | 3 | 4));
    await got;
    times.push(performance.now() - t);
  }
  socket.destroy();
  return times;
}

/** Full status reads (DLE EOT 1..4 decoded) on a held transport, per request. */
async function statusReads(target: string, n: number): Promise<number[]> {
  const transport = await openTransport(target, { lock: false });
  const perRequest: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const status = await readPrinterStatus(transport, { protocol: 'escpos', deadlineMs: 1000 });
      if (!status.answering) throw new Error(`printer stopped answering: ${status.detail}`);
      perRequest.push((performance.now() - t) / 4);
    }
  } finally {
    await transport.close();
  }
  return perRequest;
}

function compare(label: string, full: number[], bare: number[]): Figure[] {
  const ratio = median(full) / median(bare);
  return [
    figure(`printer status over ${label}: per request median`, round(median(full)), 'ms'),
    figure(`printer status over ${label}: per request p99`, round(quantile(full, 0.99)), 'ms'),
    figure(`bare ${label} round trip median (floor)`, round(median(bare)), 'ms'),
    figure(`status read / bare round trip over ${label} (median)`, round(ratio, 2), '×', { atMost: 1.5 }),
  ];
}

export async function benchPrinter(): Promise<Figure[]> {
  const out: Figure[] = [];
  const sim = new PrinterSimulator({ protocol: 'escpos', state: 'ok' });

  const pair = await openSocatPair();
  const served = await serveOnPort(sim, pair.device, { target: pair.app });
  try {
    await statusReads(pair.app, 20); // warm-up
    const { bare, full } = await alternate(
      () => bareSerial(pair.app, ROUND * 4),
      () => statusReads(pair.app, ROUND),
    );
    out.push(...compare('a pseudo-terminal', full, bare));
  } finally {
    await served.close();
    await pair.close();
  }

  const tcp = await serveOnTcp(sim);
  try {
    await statusReads(tcp.target, 20);
    const { bare, full } = await alternate(
      () => bareTcp(tcp.port, ROUND * 4),
      () => statusReads(tcp.target, ROUND),
    );
    out.push(...compare('loopback TCP', full, bare));
  } finally {
    await tcp.close();
  }

  for (const baud of [9600, 115200]) {
    out.push(figure(`wire time a real line adds per request at ${baud} baud`, round((BYTES_PER_REQUEST * 10 * 1000) / baud), 'ms'));
  }
  out.push(...(await benchChangeDetection(sim)));
  sim.stop();
  return out;
}

/**
 * How long after the printer runs out of paper the app knows: by polling (a status read every
 * `interval`, so on average half an interval plus one read) and by Automatic Status Back.
 */
async function benchChangeDetection(sim: PrinterSimulator): Promise<Figure[]> {
  const pair = await openSocatPair();
  const served = await serveOnPort(sim, pair.device, { target: pair.app });
  const pollMs = 1000;
  const polled: number[] = [];
  const asb: number[] = [];
  try {
    const transport = await openTransport(pair.app, { lock: false });
    // A poller reading every `pollMs`, as the monitor does; the paper runs out at a random moment.
    let waitingSince = 0;
    let stop = false;
    let seen: () => void = () => undefined;
    const poller = (async () => {
      while (!stop) {
        const s = await readPrinterStatus(transport, { protocol: 'escpos' });
        if (s.paperEnd && waitingSince) {
          polled.push(performance.now() - waitingSince);
          waitingSince = 0;
          seen();
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    })();
    for (let i = 0; i < 5; i++) {
      sim.setState('ok');
      await new Promise((r) => setTimeout(r, pollMs + Math.random() * pollMs));
      const noticed = new Promise<void>((r) => (seen = r));
      waitingSince = performance.now();
      sim.setState('paper-end');
      await noticed;
    }
    stop = true;
    await poller;
    sim.setState('ok');
    for (let i = 0; i < 10; i++) {
      let resolveSeen: () => void = () => undefined;
      let changedAt = 0;
      const seen = new Promise<void>((r) => (resolveSeen = r));
      const watch = await watchAsb(transport, {
        protocol: 'escpos',
        onStatus: (s) => {
          if (s.paperEnd && changedAt) resolveSeen();
        },
      });
      await new Promise((r) => setTimeout(r, 30));
      changedAt = performance.now();
      sim.setState('paper-end');
      await seen;
      asb.push(performance.now() - changedAt);
      await watch.stop();
      sim.setState('ok');
      await new Promise((r) => setTimeout(r, 30));
    }
    await transport.close();
  } finally {
    await served.close();
    await pair.close();
  }
  return [
    figure(`paper end noticed by polling every ${pollMs} ms (median)`, round(median(polled), 1), 'ms', { atMost: pollMs + 100 }),
    figure('paper end noticed by ASB (median)', round(median(asb), 2), 'ms', { below: 50 }),
  ];
}
