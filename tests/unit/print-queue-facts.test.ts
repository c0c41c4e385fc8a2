import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src-main/core/content/load';
import { createFlowRunner } from '../../src-main/core/content/runner';
import type { FactsProvider } from '../../src-main/core/content/facts';
import type { FactKey, FactValue } from '../../src-main/core/content/schema';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { combineFacts, createQueueFacts, type QueueObservation } from '../../src-main/core/devices/queue-facts';
import { cupsQueue, parseLpoptions, parseLpstatJobs, parseLpstatPrinters } from '../../src-main/core/print-queues/cups-parse';
import { parseGetPrinter, parseGetPrintJob, parseJsonText } from '../../src-main/core/print-queues/windows-parse';
import { parseQueueTarget } from '../../src-main/core/common/queue-target';
import type { QueueReading } from '../../src-main/core/print-queues/types';
import { queueStatus } from '../../src-main/core/devices/queue-status';
import { SHIPPED } from '../fixtures/content/content-dir';

/*
 * Windows PowerShell 5.1 shapes (Microsoft Learn, PrintManagement Get-Printer / Get-PrintJob;
 * PrinterStatus as the PRINTER_STATUS_* flags of MS-RPRN §2.2.3.12, 1 = Paused): the receipt
 * printer paused by the spooler after a paper-out, two receipts waiting, another printer default.
 */
const PRINTERS = `[{"Name":"EPSON TM-T82III Receipt","PrinterStatus":1,"PortName":"USB001","DriverName":"EPSON TM-T82III Receipt5","JobCount":2},
{"Name":"HP LaserJet M111w","PrinterStatus":0,"PortName":"WSD-2f1c","DriverName":"HP LaserJet M110w-M111w","JobCount":0}]`;
const JOBS = `[{"Id":7,"PrinterName":"EPSON TM-T82III Receipt","JobStatus":0,"SubmittedTime":"\\/Date(1764570000000)\\/"},
{"Id":8,"PrinterName":"EPSON TM-T82III Receipt","JobStatus":0,"SubmittedTime":"\\/Date(1764570090000)\\/"}]`;
const NOW = 1764570200000;
const windowsReading = (): QueueReading => ({
  system: 'windows',
  queues: parseGetPrinter(
    parseJsonText(PRINTERS, 'p'),
    parseGetPrintJob(parseJsonText(JOBS, 'j')),
    { defaultName: 'HP LaserJet M111w', workOffline: [] },
    NOW,
  ),
});

/*
 * CUPS (Linux and macOS run the same client tools): output captured from CUPS 2.4.2 in the C
 * locale — a receipt queue stopped by cupsdisable with two jobs, and the default queue idle.
 */
const LPSTAT_P = `system default destination: receipt
printer receipt disabled since Tue Dec  1 06:31:51 2026 -
\tPaused
`;
const LPOPTIONS =
  "copies=1 device-uri=socket://127.0.0.1:46399 printer-is-accepting-jobs=true printer-make-and-model='Local Raw Printer' printer-state=5 printer-state-reasons=paused printer-type=131076";
const LPSTAT_O = `receipt-1               root              1024   Tue Dec  1 06:31:51 2026
receipt-2               root              1024   Tue Dec  1 06:31:58 2026
`;
const cupsReading = (now: number): QueueReading => {
  const { defaultName, printers } = parseLpstatPrinters(LPSTAT_P);
  const jobs = parseLpstatJobs(LPSTAT_O);
  return { system: 'cups', queues: printers.map((p) => cupsQueue(p, parseLpoptions(LPOPTIONS), jobs, defaultName, now)) };
};

const at = (ms: number): string => new Date(ms).toISOString();

/** The printer itself answers and reports nothing wrong: the fault is on the computer's side. */
const printerFine: FactsProvider = {
  fact: (key: FactKey) => {
    const values: Partial<Record<FactKey, FactValue>> = {
      'printer.answering': true,
      'printer.coverOpen': false,
      'printer.paperEnd': false,
      'printer.paperNearEnd': false,
      'printer.error': false,
      'printer.online': true,
    };
    const v = values[key];
    return v === undefined ? null : { value: v, said: { 'zh-CN': key, en: key } };
  },
};

function walkToQueue(facts: FactsProvider) {
  const content = loadContent(SHIPPED);
  const flows = new Map(content.flows.map((f) => [f.value.id, f.value]));
  const runner = createFlowRunner({ flow: (id) => flows.get(id), facts, settings: () => DEFAULT_SETTINGS, clock: () => new Date(NOW) });
  let view = runner.start('receipt-print', null);
  // The counter's receipt printer (the card slip's own answer leads to the last-transaction gate first).
  view = runner.answer(
    view.sessionId,
    view.choices.findIndex((c) => c.label.en.startsWith("The counter's receipt printer")),
  );
  expect(view.nodeId).toBe('printer-what');
  const nothing = view.choices.findIndex((c) => c.label.en === 'The printer does nothing');
  return runner.answer(view.sessionId, nothing);
}

describe('print-queue facts', () => {
  it('Windows: a paused spooler queue with receipts waiting 200 s — stopped, stuck, online, not the default', () => {
    const seen: QueueObservation = { reading: windowsReading(), at: at(NOW) };
    const facts = createQueueFacts(
      () => seen,
      () => 'EPSON TM-T82III Receipt',
      () => new Date(NOW),
    );
    expect(facts.fact('printQueue.stopped')).toEqual({
      value: true,
      said: {
        'zh-CN': '电脑上的打印队列“EPSON TM-T82III Receipt”已暂停（停止），打印任务发不出去',
        en: 'The computer\'s print queue "EPSON TM-T82III Receipt" is paused (stopped): jobs are not sent',
      },
    });
    expect(facts.fact('printQueue.stuck')?.value).toBe(true);
    expect(facts.fact('printQueue.stuck')?.said.en).toBe(
      '2 job(s) are stuck in the print queue "EPSON TM-T82III Receipt", the oldest for 3 min',
    );
    expect(facts.fact('printQueue.offline')?.value).toBe(false);
    expect(facts.fact('printQueue.isDefault')?.value).toBe(false);
    expect(facts.fact('printer.paperEnd')).toBeNull();
  });

  it('the receipt-print flow answers from a paused Windows queue and offers to resume it', () => {
    const seen: QueueObservation = { reading: windowsReading(), at: at(NOW) };
    const view = walkToQueue(
      combineFacts(
        printerFine,
        createQueueFacts(
          () => seen,
          () => 'EPSON TM-T82III Receipt',
          () => new Date(NOW),
        ),
      ),
    );
    expect(view.nodeId).toBe('resume-queue');
    expect(view.autoAnswers.at(-1)?.fact).toBe('printQueue.stopped');
    expect(view.autoAnswers.at(-1)?.said['zh-CN']).toContain('已暂停');
    expect(view.text.en).toContain('Resume the print queue');
  });

  it('CUPS (Linux, macOS): a disabled queue is stopped, and the flow goes to resume it', () => {
    const now = new Date(2026, 11, 1, 6, 32, 30).getTime();
    const seen: QueueObservation = { reading: cupsReading(now), at: at(now) };
    const facts = createQueueFacts(
      () => seen,
      () => 'receipt',
      () => new Date(now),
    );
    expect(facts.fact('printQueue.stopped')?.value).toBe(true);
    expect(facts.fact('printQueue.stuck')?.value).toBe(false); // 39 s: waiting, not yet stuck
    expect(facts.fact('printQueue.isDefault')?.value).toBe(true);
    expect(walkToQueue(combineFacts(printerFine, facts)).nodeId).toBe('resume-queue');
  });

  it('the flow walks on: not paused, nothing stuck, online, but another printer is the default → set the default', () => {
    const reading = windowsReading();
    const idle = {
      ...reading,
      queues: reading.queues.map((q) => ({ ...q, state: 'idle' as const, reasons: [], jobs: 0, oldestJobSeconds: null })),
    };
    const seen: QueueObservation = { reading: idle, at: at(NOW) };
    const view = walkToQueue(
      combineFacts(
        printerFine,
        createQueueFacts(
          () => seen,
          () => 'EPSON TM-T82III Receipt',
          () => new Date(NOW),
        ),
      ),
    );
    expect(view.nodeId).toBe('set-default');
    expect(view.autoAnswers.map((a) => [a.fact, a.value])).toContainEqual(['printQueue.isDefault', false]);
    // The manual way stays; the technician's one-press fix is named in both languages.
    expect(view.text?.['zh-CN']).toContain('右键它');
    expect(view.text?.['zh-CN']).toContain('“设备”页的打印队列');
    expect(view.text?.en).toContain('"Set as default printer"');
    expect(view.text?.en).toContain('the print queues on the Devices screen');
  });

  it('unknown, and so asked: no queue assigned, a queue not in the reading, or a reading over 5 minutes old', () => {
    const seen: QueueObservation = { reading: windowsReading(), at: at(NOW) };
    expect(
      createQueueFacts(
        () => seen,
        () => null,
        () => new Date(NOW),
      ).fact('printQueue.stopped'),
    ).toBeNull();
    expect(
      createQueueFacts(
        () => seen,
        () => 'Kitchen',
        () => new Date(NOW),
      ).fact('printQueue.stopped'),
    ).toBeNull();
    expect(
      createQueueFacts(
        () => seen,
        () => 'EPSON TM-T82III Receipt',
        () => new Date(NOW + 6 * 60_000),
      ).fact('printQueue.stopped'),
    ).toBeNull();
    expect(
      createQueueFacts(
        () => null,
        () => 'EPSON TM-T82III Receipt',
        () => new Date(NOW),
      ).fact('printQueue.stopped'),
    ).toBeNull();
    const asked = walkToQueue(printerFine);
    expect(asked.nodeId).toBe('queue-stopped');
    expect(asked.text['zh-CN']).toContain('已暂停');
  });

  it('queue targets: cups:NAME and windows:NAME, names with spaces and backslashes; anything else is not a queue', () => {
    expect(parseQueueTarget('cups:receipt')).toEqual({ system: 'cups', name: 'receipt' });
    expect(parseQueueTarget('windows:\\\\shop-pc\\EPSON TM-T82III Receipt')).toEqual({
      system: 'windows',
      name: '\\\\shop-pc\\EPSON TM-T82III Receipt',
    });
    for (const t of ['/dev/usb/lp0', 'tcp://192.168.1.50:9100', 'cups:', 'COM3', '', null]) expect(parseQueueTarget(t)).toBeNull();
  });
});

describe('a queue as the monitor sees it', () => {
  it('Windows: paused with receipts waiting 200 s is an error; a job waiting over 2 min on a running queue is an error too', () => {
    const epson = { system: 'windows' as const, name: 'EPSON TM-T82III Receipt' };
    const paused = queueStatus('windows:EPSON TM-T82III Receipt', epson, 'escpos', windowsReading(), new Date(NOW));
    expect(paused).toMatchObject({ state: 'error', answering: true, online: true, symptom: 'receipt-print', paperEnd: null });
    expect(paused.summary.en).toBe('The print queue "EPSON TM-T82III Receipt" is paused with 2 job(s) waiting');
    const reading = windowsReading();
    const running = { ...reading, queues: reading.queues.map((q) => ({ ...q, state: 'printing' as const, reasons: [] })) };
    const stuck = queueStatus('windows:EPSON TM-T82III Receipt', epson, 'escpos', running, new Date(NOW));
    expect(stuck.state).toBe('error');
    expect(stuck.summary['zh-CN']).toBe('打印队列“EPSON TM-T82III Receipt”里有任务卡住了');
    const empty = { ...reading, queues: reading.queues.map((q) => ({ ...q, jobs: 0, oldestJobSeconds: null })) };
    expect(queueStatus('windows:EPSON TM-T82III Receipt', epson, 'escpos', empty, new Date(NOW)).state).toBe('warning');
  });

  it('a queue that is gone, or a print system that cannot be asked, is unknown with the reason', () => {
    const gone = queueStatus('cups:receipt', { system: 'cups', name: 'receipt' }, 'escpos', windowsReading(), new Date(NOW));
    expect(gone).toMatchObject({ state: 'unknown', answering: false, problem: 'not-found' });
    expect(gone.summary.en).toBe('The computer has no print queue named "receipt"');
    const down = queueStatus(
      'cups:receipt',
      { system: 'cups', name: 'receipt' },
      'escpos',
      new Error('lpstat: Scheduler is not running.'),
      new Date(NOW),
    );
    expect(down).toMatchObject({ state: 'unknown', problem: 'not-answering', detail: 'lpstat: Scheduler is not running.' });
  });
});
