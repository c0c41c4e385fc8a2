import { z } from 'zod';
import { LANGS } from './i18n';
import { DEVICE_ROLES, PAYMENT_METHODS } from './settings/schema';
import { publicFleetPatchSchema, publicSettingsPatchSchema } from './settings/public';
import type { DeviceState } from './devices/types';
import { DEVICE_PROTOCOLS } from './common/protocols';
import { OUTCOME_KINDS, SYMPTOM_IDS } from './content/schema';
import type { CounterApi, CounterArea } from './api';

const shortText = z.string().max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'a date such as 2026-11-21');
const incidentFilter = z.strictObject({ from: isoDate.optional(), to: isoDate.optional(), symptom: z.enum(SYMPTOM_IDS).optional() });
const pinText = z.string().max(64);
const deviceState = z.enum(['ok', 'warning', 'error', 'unknown'] as const satisfies readonly DeviceState[]);
const sessionId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a flow session id');
/**
 * A print queue's name: Windows allows spaces and backslashes (\\server\Receipt), CUPS neither.
 * It goes to the print system's tools as an argument, so no control characters and no leading
 * "-" that a tool would read as an option.
 */
const queueName = z
  .string()
  .max(200)
  .regex(/^[^\p{Cc}-][^\p{Cc}]*$/u, 'a print queue name');

/**
 * The argument schemas of every method, as tuples. Main checks each call against these before
 * the core runs; the preload builds `window.counter` from the same table, so the two cannot drift.
 */
export const API_ARGS = {
  app: {
    info: z.tuple([]),
    notices: z.tuple([]),
  },
  // The PIN's own rule (4–8 digits, full-width accepted) is checked by the lock, which answers in both languages.
  technician: {
    status: z.tuple([]),
    unlock: z.tuple([pinText]),
    lock: z.tuple([]),
    setPin: z.tuple([pinText.nullable(), pinText]),
    removePin: z.tuple([pinText]),
  },
  settings: {
    get: z.tuple([]),
    set: z.tuple([publicSettingsPatchSchema]),
  },
  content: {
    tiles: z.tuple([]),
    flows: z.tuple([]),
    search: z.tuple([shortText, z.enum(LANGS)]),
    code: z.tuple([z.string().max(40)]),
    codes: z.tuple([]),
    payments: z.tuple([]),
  },
  flow: {
    start: z.tuple([z.string().regex(/^[a-z0-9-]{1,64}$/), z.string().max(40).nullable()]),
    answer: z.tuple([sessionId, z.number().int().min(0).max(50)]),
    back: z.tuple([sessionId]),
    restart: z.tuple([sessionId]),
  },
  devices: {
    ports: z.tuple([]),
    snapshot: z.tuple([]),
    probe: z.tuple([z.enum(DEVICE_ROLES)]),
    probeTarget: z.tuple([z.string().min(1).max(200), z.enum(DEVICE_PROTOCOLS)]),
    network: z.tuple([]),
    printTest: z.tuple([]),
    traffic: z.tuple([]),
    misClients: z.tuple([]),
  },
  printQueues: {
    list: z.tuple([]),
    jobs: z.tuple([queueName]),
    resume: z.tuple([queueName]),
    cancelStuck: z.tuple([
      queueName,
      z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600),
    ]),
    makeDefault: z.tuple([queueName]),
    bothWays: z.tuple([]),
  },
  incidents: {
    record: z.tuple([
      z.strictObject({
        symptom: z.enum(SYMPTOM_IDS),
        code: z.string().max(40).optional(),
        sessionId: sessionId.optional(),
        paidBy: z.enum(PAYMENT_METHODS).optional(),
        amount: z.number().nonnegative().max(10_000_000).optional(),
        note: z.string().max(2000).optional(),
        outcome: z.enum(OUTCOME_KINDS).optional(),
        /** Checked in words by the incidents area (four digits; full-width digits too). */
        cardLast4: z.string().max(40).optional(),
      }),
    ]),
    list: z.tuple([incidentFilter]),
    summary: z.tuple([incidentFilter]),
    exportCsv: z.tuple([incidentFilter]),
  },
  maintenance: {
    due: z.tuple([]),
    tick: z.tuple([z.string().regex(/^[a-z0-9-]{1,64}$/), z.string().trim().min(1).max(40)]),
  },
  report: {
    build: z.tuple([]),
  },
  fleet: {
    status: z.tuple([]),
    test: z.tuple([publicFleetPatchSchema]),
    watch: z.tuple([
      z.strictObject({
        store: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a store id')
          .optional(),
        state: deviceState.optional(),
        offline: z.boolean().optional(),
      }),
    ]),
  },
} as const satisfies { [A in CounterArea]: { [M in keyof CounterApi[A]]: z.ZodType } };
