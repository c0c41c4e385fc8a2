import { z } from 'zod';
import { UNKNOWN_SYMPTOM, type FromNewerVersion, type Incident } from './types';
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

/**
 * The shape of a record, not today's vocabulary: a newer version may record a symptom, an outcome
 * or a way to pay this one does not know, or add fields. Such a record is whole and is kept; it is
 * read with those values as "unknown (from a newer version)" and the new fields' names listed.
 */
export const incidentSchema = z.looseObject({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  symptom: z.string().min(1),
  code: z.string().nullable(),
  flowId: z.string().nullable(),
  outcome: z.string().nullable(),
  path: z.array(pathStep),
  paidBy: z.string().nullable(),
  amount: z.number().nonnegative().nullable(),
  note: z.string(),
  devices: z.object({
    printer: deviceStatus.nullable(),
    terminal: deviceStatus.nullable(),
    network: networkReport.nullable(),
  }),
});

const KNOWN_FIELDS = new Set(['id', 'at', 'symptom', 'code', 'flowId', 'outcome', 'path', 'paidBy', 'amount', 'note', 'devices', 'newer']);

const known = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A parsed, checked log line; null when the line is not an incident record at all. */
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
  const newer: FromNewerVersion = { fields: Object.keys(d).filter((k) => !KNOWN_FIELDS.has(k)) };
  const symptom = known(SYMPTOM_IDS, d.symptom) ? d.symptom : ((newer.symptom = d.symptom), UNKNOWN_SYMPTOM);
  const outcome = d.outcome === null || known(OUTCOME_KINDS, d.outcome) ? d.outcome : ((newer.outcome = d.outcome), null);
  const paidBy = d.paidBy === null || known(PAYMENT_METHODS, d.paidBy) ? d.paidBy : ((newer.paidBy = d.paidBy), null);
  const incident: Incident = {
    id: d.id,
    at: d.at,
    symptom,
    code: d.code,
    flowId: d.flowId,
    outcome,
    path: d.path,
    paidBy,
    amount: d.amount,
    note: d.note,
    // The schema checked the fields we read; the device objects are stored exactly as the device
    // layer produced them, so they are handed back as its types.
    devices: {
      printer: d.devices.printer as DeviceStatus | null,
      terminal: d.devices.terminal as DeviceStatus | null,
      network: d.devices.network as NetworkReport | null,
    },
  };
  if (newer.fields.length > 0 || newer.symptom !== undefined || newer.outcome !== undefined || newer.paidBy !== undefined)
    incident.newer = newer;
  return incident;
}
