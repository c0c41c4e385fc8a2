import { describe, expect, it } from 'vitest';
import {
  parseCDate,
  parseLpoptions,
  parseLpstatJobs,
  parseLpstatPrinters,
  parseReasons,
  queueStateOf,
} from '../../src-main/core/print-queues/cups-parse';
import {
  parseGetPrinter,
  parseGetPrintJob,
  parseJsonDate,
  parseJsonText,
  WindowsOutputError,
} from '../../src-main/core/print-queues/windows-parse';
import { gradeQueue, gradeWatchedQueue, worstQueueState } from '../../src-main/core/common/queue-grade';
import { parseAge } from '../../src-main/core/print-queues/actions';
import type { PrintQueue } from '../../src-main/core/print-queues/types';

// Captured from CUPS 2.4.2 (Debian 12, cups-client) in the C locale: `lpoptions -p receipt`.
const LPOPTIONS =
  "copies=1 device-uri=socket://127.0.0.1:46399 finishings=3 job-cancel-after=10800 job-hold-until=no-hold job-priority=50 job-sheets=none,none marker-change-time=0 number-up=1 print-color-mode=monochrome printer-info=receipt printer-is-accepting-jobs=true printer-is-shared=true printer-is-temporary=false printer-location printer-make-and-model='Local Raw Printer' printer-state=3 printer-state-change-time=1796106704 printer-state-reasons=none printer-type=131076 printer-uri-supported=ipp://localhost:46311/printers/receipt";

// Captured likewise: `lpstat -d -p` with one disabled queue (cupsdisable -r "held for test") and
// one whose socket backend could not connect.
const LPSTAT_P = `system default destination: receipt
printer other disabled since Tue Dec  1 06:31:51 2026 -
\theld for test
printer receipt now printing receipt-3.  enabled since Tue Dec  1 06:31:59 2026
\tThe printer may not exist or is unavailable at this time.
`;

// Captured likewise: `lpstat -o`.
const LPSTAT_O = `other-1                 root              1024   Tue Dec  1 06:31:51 2026
other-2                 root              1024   Tue Dec  1 06:31:51 2026
receipt-3               root              1024   Tue Dec  1 06:31:58 2026
`;

describe('CUPS client tool output', () => {
  it('lpoptions: quoted values, names without a value, comma lists', () => {
    const o = parseLpoptions(LPOPTIONS);
    expect(o.get('printer-make-and-model')).toBe('Local Raw Printer');
    expect(o.get('device-uri')).toBe('socket://127.0.0.1:46399');
    expect(o.get('printer-location')).toBe('');
    expect(o.get('job-sheets')).toBe('none,none');
    expect(o.get('printer-state')).toBe('3');
  });

  it('lpoptions: double quotes and backslash escapes (lpoptions quotes values with spaces)', () => {
    const o = parseLpoptions(`printer-info="Front desk \\"A\\"" printer-location=Shop\\ 2 printer-state-reasons=paused,media-empty-error`);
    expect(o.get('printer-info')).toBe('Front desk "A"');
    expect(o.get('printer-location')).toBe('Shop 2');
    expect(parseReasons(o.get('printer-state-reasons'))).toEqual(['paused', 'media-empty-error']);
  });

  it('printer-state 3/4/5 is idle/printing/stopped (RFC 8011 §5.4.11); reasons drop "none"', () => {
    expect(['3', '4', '5', '9', undefined].map(queueStateOf)).toEqual(['idle', 'printing', 'stopped', null, null]);
    expect(parseReasons('none')).toEqual([]);
    expect(parseReasons(undefined)).toEqual([]);
  });

  it('lpstat -d -p: the default and each printer with its message', () => {
    expect(parseLpstatPrinters(LPSTAT_P)).toEqual({
      defaultName: 'receipt',
      printers: [
        { name: 'other', message: 'held for test' },
        { name: 'receipt', message: 'The printer may not exist or is unavailable at this time.' },
      ],
    });
    expect(
      parseLpstatPrinters('no system default destination\nprinter a is idle.  enabled since Tue Dec  1 06:31:44 2026\n').defaultName,
    ).toBeNull();
  });

  it('lpstat -o: jobs with their queue (names with dashes too) and local submission time; garbage lines are skipped', () => {
    const jobs = parseLpstatJobs(`${LPSTAT_O}front-desk-printer-12  anna  2048  Mon Nov 30 23:59:59 2026\nlpstat: garbage\n\u0000\u00ff\n`);
    expect(jobs.map((j) => [j.id, j.queue])).toEqual([
      ['other-1', 'other'],
      ['other-2', 'other'],
      ['receipt-3', 'receipt'],
      ['front-desk-printer-12', 'front-desk-printer'],
    ]);
    expect(jobs[2]?.submittedAt).toBe(new Date(2026, 11, 1, 6, 31, 58).getTime());
  });

  it('%c dates in the C locale, and nothing else', () => {
    expect(parseCDate('Tue Dec  1 06:31:51 2026')).toBe(new Date(2026, 11, 1, 6, 31, 51).getTime());
    expect(parseCDate('Fri Dec 11 06:31:51 2026')).toBe(new Date(2026, 11, 11, 6, 31, 51).getTime());
    expect(parseCDate('2026年12月01日 星期二 06时31分51秒')).toBeNull();
    expect(parseCDate('Tue Foo  1 06:31:51 2026')).toBeNull();
  });
});

/*
 * Windows fixtures, in the shapes Windows PowerShell 5.1 writes them:
 * - `Get-Printer | Select-Object Name, PrinterStatus, PortName, DriverName, JobCount | ConvertTo-Json`:
 *   properties of MSFT_Printer (Microsoft Learn, PrintManagement: Get-Printer); PrinterStatus as
 *   its number, the spooler's PRINTER_STATUS_* flags (MS-RPRN §2.2.3.12: Paused 0x1, Error 0x2,
 *   PaperOut 0x10, Offline 0x80, Printing 0x400, …).
 * - `Get-PrintJob | ConvertTo-Json`: MSFT_PrintJob's Id, PrinterName, SubmittedTime, JobStatus (the
 *   JOB_STATUS_* flags: Printing 0x10, Printed 0x80, Deleted 0x100); a DateTime written as
 *   "\/Date(ms)\/" by Windows PowerShell 5.1 and as ISO 8601 by PowerShell 7 (Microsoft Learn,
 *   ConvertTo-Json notes); a single object not wrapped in an array.
 */
const GET_PRINTER_51 = `[
  {"Name":"EPSON TM-T82III Receipt","PrinterStatus":1,"PortName":"USB001","DriverName":"EPSON TM-T82III Receipt5","JobCount":2},
  {"Name":"Microsoft Print to PDF","PrinterStatus":0,"PortName":"PORTPROMPT:","DriverName":"Microsoft Print To PDF","JobCount":0},
  {"Name":"XP-58","PrinterStatus":128,"PortName":"USB002","DriverName":"XP-58","JobCount":0},
  {"Name":"Kitchen","PrinterStatus":1040,"PortName":"IP_192.168.1.87","DriverName":"Generic / Text Only","JobCount":1}
]`;
const GET_PRINTJOB_51 = `[
  {"Id":7,"PrinterName":"EPSON TM-T82III Receipt","DocumentName":"Receipt 1042","JobStatus":0,"SubmittedTime":"\\/Date(1764570000000)\\/"},
  {"Id":8,"PrinterName":"EPSON TM-T82III Receipt","DocumentName":"Receipt 1043","JobStatus":0,"SubmittedTime":"\\/Date(1764570090000)\\/"},
  {"Id":3,"PrinterName":"Kitchen","DocumentName":"Order 88","JobStatus":16,"SubmittedTime":"\\/Date(1764570170000)\\/"},
  {"Id":2,"PrinterName":"Kitchen","DocumentName":"Order 87","JobStatus":128,"SubmittedTime":"\\/Date(1764560000000)\\/"}
]`;
const NOW = 1764570200000;

describe('Windows PowerShell output', () => {
  it('Get-Printer + Get-PrintJob (5.1): paused, offline, printing; jobs counted and aged, printed jobs left out', () => {
    const jobs = parseGetPrintJob(parseJsonText(GET_PRINTJOB_51, 'jobs'));
    const queues = parseGetPrinter(
      parseJsonText(GET_PRINTER_51, 'printers'),
      jobs,
      { defaultName: 'Microsoft Print to PDF', workOffline: [] },
      NOW,
    );
    expect(queues).toEqual([
      {
        name: 'EPSON TM-T82III Receipt',
        default: false,
        state: 'stopped',
        reasons: ['paused'],
        jobs: 2,
        oldestJobSeconds: 200,
        device: 'USB001',
        driver: 'EPSON TM-T82III Receipt5',
      },
      {
        name: 'Microsoft Print to PDF',
        default: true,
        state: 'idle',
        reasons: [],
        jobs: 0,
        oldestJobSeconds: null,
        device: 'PORTPROMPT:',
        driver: 'Microsoft Print To PDF',
      },
      {
        name: 'XP-58',
        default: false,
        state: 'idle',
        reasons: ['offline-report'],
        jobs: 0,
        oldestJobSeconds: null,
        device: 'USB002',
        driver: 'XP-58',
      },
      {
        name: 'Kitchen',
        default: false,
        state: 'printing',
        reasons: ['media-empty'],
        jobs: 1,
        oldestJobSeconds: 30,
        device: 'IP_192.168.1.87',
        driver: 'Generic / Text Only',
      },
    ]);
    expect(queues.map(gradeQueue)).toEqual(['error', 'ok', 'error', 'ok']);
  });

  it('one printer and one job are single objects; PowerShell 7 dates are ISO; -EnumsAsStrings names are read', () => {
    const jobs = parseGetPrintJob(
      parseJsonText('{"Id":4,"PrinterName":"POS-80","JobStatus":"Normal","SubmittedTime":"2025-12-01T06:20:00.000Z"}', 'j'),
    );
    const queues = parseGetPrinter(
      parseJsonText(
        '\uFEFF{"Name":"POS-80","PrinterStatus":"Paused, Offline","PortName":"USB001","DriverName":"POS-80C","JobCount":1}',
        'p',
      ),
      jobs,
      { defaultName: null, workOffline: ['POS-80'] },
      Date.parse('2025-12-01T06:23:00.000Z'),
    );
    expect(queues).toEqual([
      {
        name: 'POS-80',
        default: false,
        state: 'stopped',
        reasons: ['paused', 'offline-report'],
        jobs: 1,
        oldestJobSeconds: 180,
        device: 'USB001',
        driver: 'POS-80C',
      },
    ]);
  });

  it('"Use printer offline" (Win32_Printer.WorkOffline) reads as offline in the OS', () => {
    const q = parseGetPrinter(
      parseJsonText('{"Name":"XP-58","PrinterStatus":0,"PortName":"USB001","DriverName":"XP-58"}', 'p'),
      [],
      { defaultName: 'XP-58', workOffline: ['XP-58'] },
      NOW,
    );
    expect(q[0]).toMatchObject({ default: true, reasons: ['offline-report'] });
    expect(gradeQueue(q[0] as PrintQueue)).toBe('error');
  });

  it('empty output is no printers and no jobs; garbage is refused with a reason, not a crash', () => {
    expect(parseGetPrintJob(parseJsonText('', 'j'))).toEqual([]);
    expect(parseGetPrinter(parseJsonText('  ', 'p'), [], { defaultName: null, workOffline: [] }, NOW)).toEqual([]);
    expect(() => parseJsonText('Get-Printer : The spooler service is not reachable.', 'p')).toThrow(WindowsOutputError);
    expect(() => parseGetPrinter(parseJsonText('[1,2]', 'p'), [], { defaultName: null, workOffline: [] }, NOW)).toThrow(
      /not a list of objects/,
    );
    expect(() => parseGetPrinter(parseJsonText('[{"PrinterStatus":0}]', 'p'), [], { defaultName: null, workOffline: [] }, NOW)).toThrow(
      /without Name/,
    );
    expect(() => parseGetPrintJob(parseJsonText('[{"Id":1,"SubmittedTime":"yesterday"}]', 'j'))).toThrow(/SubmittedTime/);
  });

  it('ConvertTo-Json dates: \\/Date(ms)\\/ with or without an offset, ISO, and nothing else', () => {
    expect(parseJsonDate('/Date(1764570000000)/')).toBe(1764570000000);
    expect(parseJsonDate('/Date(1764570000000+0800)/')).toBe(1764570000000);
    expect(parseJsonDate('2025-12-01T06:20:00Z')).toBe(Date.parse('2025-12-01T06:20:00Z'));
    expect(parseJsonDate(42)).toBeNull();
    expect(parseJsonDate('soon')).toBeNull();
  });
});

const queue = (over: Partial<PrintQueue>): PrintQueue => ({
  name: 'q',
  default: true,
  state: 'idle',
  reasons: [],
  jobs: 0,
  oldestJobSeconds: null,
  device: '',
  driver: '',
  ...over,
});

describe('grading a queue', () => {
  it.each([
    ['idle', queue({}), 'ok', 'ok'],
    ['printing a fresh job', queue({ state: 'printing', jobs: 1, oldestJobSeconds: 5 }), 'ok', 'ok'],
    ['stopped, empty', queue({ state: 'stopped', reasons: ['paused'] }), 'warning', 'warning'],
    ['jobs waiting over 2 min', queue({ state: 'printing', jobs: 1, oldestJobSeconds: 121 }), 'warning', 'error'],
    ['stopped with jobs', queue({ state: 'stopped', jobs: 1, oldestJobSeconds: 3 }), 'error', 'error'],
    ['offline in the OS', queue({ reasons: ['offline-report'] }), 'error', 'error'],
  ] as const)('%s: CLI %s, monitor %s', (_what, q, cli, monitor) => {
    expect(gradeQueue(q)).toBe(cli);
    expect(gradeWatchedQueue(q)).toBe(monitor);
  });

  it('several queues: the worst; none: ok', () => {
    expect(worstQueueState([queue({}), queue({ state: 'stopped' })])).toBe('warning');
    expect(worstQueueState([])).toBe('ok');
  });
});

describe('--older-than', () => {
  it.each([
    ['5m', 300],
    ['90s', 90],
    ['1h', 3600],
    ['300', 300],
    [' 2 min ', 120],
  ])('%s is %i s', (text, s) => expect(parseAge(text)).toBe(s));
  it.each(['', 'yesterday', '-5m', '0', '5 days', '５m'])('%j is refused', (text) => expect(parseAge(text)).toBeNull());
});
