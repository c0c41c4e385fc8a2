import type { PrintQueue, QueueJob } from './types';

/**
 * Readers of what Windows PowerShell's PrintManagement cmdlets print through `ConvertTo-Json`:
 * `Get-Printer` (MSFT_Printer) and `Get-PrintJob` (MSFT_PrintJob). ConvertTo-Json writes one
 * object (not an array) when there is one printer or job, an enum as its number (or its name with
 * -EnumsAsStrings), and a DateTime as "\/Date(ms)\/" in Windows PowerShell 5.1 but as ISO 8601
 * in PowerShell 7: all of these are read.
 */

/**
 * PrinterStatus flags, the spooler's PRINTER_STATUS_* values (MS-RPRN §2.2.3.12, the same as
 * .NET's System.Printing.PrintQueueStatus), each mapped to the IPP printer-state-reasons keyword
 * (RFC 8011 §5.4.12) CUPS would use, so the two print systems share one vocabulary.
 */
const PRINTER_STATUS: readonly [number, string, string][] = [
  [0x1, 'Paused', 'paused'],
  [0x2, 'Error', 'other'],
  [0x4, 'PendingDeletion', 'deactivated'],
  [0x8, 'PaperJam', 'media-jam'],
  [0x10, 'PaperOut', 'media-empty'],
  [0x20, 'ManualFeed', 'media-needed'],
  [0x40, 'PaperProblem', 'media-needed'],
  [0x80, 'Offline', 'offline-report'],
  [0x800, 'OutputBinFull', 'output-area-full'],
  [0x1000, 'NotAvailable', 'offline-report'],
  [0x20000, 'TonerLow', 'toner-low'],
  [0x40000, 'NoToner', 'toner-empty'],
  [0x100000, 'UserIntervention', 'other'],
  [0x400000, 'DoorOpen', 'door-open'],
];
const PRINTING = 0x400; // PRINTER_STATUS_PRINTING
const PAUSED = 0x1;

/** JOB_STATUS_* flags (MS-RPRN §2.2.3.12; .NET PrintJobStatus) of a job that is over. */
const JOB_DONE = 0x80 /* Printed */ | 0x100; /* Deleted */

export class WindowsOutputError extends Error {
  constructor(what: string) {
    super(`unexpected PowerShell output: ${what}`);
    this.name = 'WindowsOutputError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One object or an array of them (ConvertTo-Json unwraps a single item); empty output is none. */
function objects(json: Json | undefined, what: string): Obj[] {
  if (json === undefined || json === null || json === '') return [];
  const list = Array.isArray(json) ? json : [json];
  if (!list.every(isObj)) throw new WindowsOutputError(`${what} is not a list of objects`);
  return list as Obj[];
}

export function parseJsonText(text: string, what: string): Json {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (t === '') return null;
  try {
    return JSON.parse(t) as Json;
  } catch {
    throw new WindowsOutputError(`${what} is not JSON`);
  }
}

/** An enum as ConvertTo-Json writes it: its number, or its names ("Paused, Offline"). */
function flagsOf(v: Json | undefined, table: readonly [number, string, string][]): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    if (/^\d+$/.test(v.trim())) return Number(v);
    return v
      .split(',')
      .map((s) => s.trim())
      .reduce((acc, name) => acc | (table.find(([, n]) => n === name)?.[0] ?? 0), 0);
  }
  return 0;
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

/** A DateTime as ConvertTo-Json writes it: "\/Date(1700000000000)\/" (5.1) or ISO 8601 (7). */
export function parseJsonDate(v: Json | undefined): number | null {
  if (typeof v !== 'string') return null;
  const ms = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v);
  if (ms) return Number(ms[1]);
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** `Get-PrintJob | ConvertTo-Json`: the jobs not yet printed or deleted. */
export function parseGetPrintJob(json: Json | undefined): QueueJob[] {
  const jobs: QueueJob[] = [];
  for (const o of objects(json, 'Get-PrintJob')) {
    const id = o.Id ?? o.JobId;
    const submittedAt = parseJsonDate(o.SubmittedTime);
    if ((typeof id !== 'number' && typeof id !== 'string') || submittedAt === null)
      throw new WindowsOutputError('a print job without Id or SubmittedTime');
    if (flagsOf(o.JobStatus, []) & JOB_DONE) continue;
    jobs.push({ id: String(id), queue: str(o.PrinterName), submittedAt });
  }
  return jobs;
}

export interface WindowsExtras {
  /** The default printer's name (Win32_Printer.Default), if any. */
  defaultName: string | null;
  /** Printers the user set to "Use printer offline" (Win32_Printer.WorkOffline). */
  workOffline: readonly string[];
}

/** `Get-Printer | ConvertTo-Json` with its jobs: the queues in the print-queue shape. */
export function parseGetPrinter(json: Json | undefined, jobs: readonly QueueJob[], extras: WindowsExtras, now: number): PrintQueue[] {
  return objects(json, 'Get-Printer').map((o) => {
    const name = str(o.Name);
    if (!name) throw new WindowsOutputError('a printer without Name');
    const status = flagsOf(o.PrinterStatus, PRINTER_STATUS);
    const reasons = [...new Set(PRINTER_STATUS.filter(([bit]) => status & bit).map(([, , reason]) => reason))];
    if (extras.workOffline.includes(name) && !reasons.includes('offline-report')) reasons.push('offline-report');
    const mine = jobs.filter((j) => j.queue === name);
    const oldest = mine.length ? Math.min(...mine.map((j) => j.submittedAt)) : null;
    return {
      name,
      default: name === extras.defaultName,
      state: status & PAUSED ? 'stopped' : status & PRINTING || mine.length ? 'printing' : 'idle',
      reasons,
      jobs: mine.length,
      oldestJobSeconds: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
      device: str(o.PortName),
      driver: str(o.DriverName),
    };
  });
}
