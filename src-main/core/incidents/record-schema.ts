import { z } from 'zod';
import type { Incident } from './types';
import { OUTCOME_KINDS, SYMPTOM_IDS } from '../content/schema';
import { PAYMENT_METHODS } from '../settings/schema';
import type { DeviceStatus, NetworkReport } from '../devices/types';

/**
 * What a line of the incident log must look like to be loaded. The device snapshot is checked for
 * the fields the log, the CSV and the report read; the rest of a device's status is kept as
 * written, so a newer app's extra fields survive an older reader.
 */

const text = z.object({ 'zh-CN': z.string(), en: z.string() });

const pathStep = z.object({
  nodeId: z.string(),
  type: z.enum(['question', 'step', 'check', 'outcome']),
  answer: text.nullable(),
  auto: z.boolean(),
  ms: z.number().nonnegative(),
});

const deviceStatus = z.looseObject({
  kind: z.enum(['printer', 'terminal']),
  target: z.string(),
  protocol: z.string(),
  answering: z.boolean(),
  state: z.enum(['ok', 'warning', 'error', 'unknown']),
  summary: text,
  at: z.string(),
});

const networkReport = z.looseObject({
  // Records written before the details came in both languages hold one string: read it as both.
  layers: z.record(
    z.string(),
    z.looseObject({ ok: z.boolean().nullable(), detail: z.union([text, z.string().transform((s) => ({ 'zh-CN': s, en: s }))]) }),
  ),
  firstFailing: z.string().nullable(),
  state: z.enum(['ok', 'warning', 'error', 'unknown']),
  summary: text,
  at: z.string(),
});

export const incidentSchema = z.object({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  symptom: z.enum(SYMPTOM_IDS),
  code: z.string().nullable(),
  flowId: z.string().nullable(),
  outcome: z.enum(OUTCOME_KINDS).nullable(),
  path: z.array(pathStep),
  paidBy: z.enum(PAYMENT_METHODS).nullable(),
  amount: z.number().nonnegative().nullable(),
  note: z.string(),
  devices: z.object({
    printer: deviceStatus.nullable(),
    terminal: deviceStatus.nullable(),
    network: networkReport.nullable(),
  }),
});

/** A parsed, checked log line; null when the line is not a valid incident. */
export function parseIncidentLine(line: string): Incident | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const checked = incidentSchema.safeParse(raw);
  if (!checked.success) return null;
  const d = checked.data;
  // The schema checked the fields we read; the device objects are stored exactly as the device
  // layer produced them, so they are handed back as its types.
  return {
    ...d,
    devices: {
      printer: d.devices.printer as DeviceStatus | null,
      terminal: d.devices.terminal as DeviceStatus | null,
      network: d.devices.network as NetworkReport | null,
    },
  };
}
