import { z } from 'zod';
import { HOTLINE_KINDS, PAYMENT_METHODS } from '../settings/schema';

/**
 * The shape of the YAML files in `content/`. Content is data a technician can read and edit;
 * this schema is what `counter-assist content check` holds it to (cross-references and graph
 * checks live in the checker, not here).
 */

export const SYMPTOM_IDS = [
  'card-not-read',
  'declined',
  'no-response',
  'over-limit',
  'risk-blocked',
  'alarm',
  'no-power',
  'card-stuck',
  'receipt-print',
  'bluetooth',
  'update-failed',
  'locked',
  'suspicious',
  'slow',
  'record-mismatch',
  'merchant-account',
  'network',
] as const;
export type SymptomId = (typeof SYMPTOM_IDS)[number];

const nonEmpty = z.string().trim().min(1, 'must not be empty');
export const textSchema = z.strictObject({ 'zh-CN': nonEmpty, en: nonEmpty });

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

/**
 * Live facts a `check` node can be answered from. The device layer and the network checks
 * supply them; where a fact is unknown the node is asked as a question.
 */
export const FACT_KEYS = [
  'printer.answering', // boolean
  'printer.paperEnd', // boolean
  'printer.paperNearEnd', // boolean
  'printer.coverOpen', // boolean
  'printer.online', // boolean
  'printer.error', // boolean: any autocutter / unrecoverable / recoverable error
  'terminal.answering', // boolean
  'network.firstFailing', // 'none' | 'link' | 'gateway' | 'dns' | 'paymentHost'
  'printQueue.stopped', // boolean: the receipt printer's OS print queue is stopped / paused
  'printQueue.stuck', // boolean: its oldest job has waited over 2 min
  'printQueue.offline', // boolean: the OS marks the printer offline
  'printQueue.isDefault', // boolean: it is the OS's default printer
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
export type FactValue = boolean | string;

const option = z.strictObject({
  label: textSchema,
  next: id,
});

const questionNode = z.strictObject({
  type: z.literal('question'),
  text: textSchema,
  options: z.array(option).min(2, 'a question needs at least two options'),
});

const stepNode = z.strictObject({
  type: z.literal('step'),
  text: textSchema,
  why: textSchema,
  /** Where "fixed" leads (usually a resolved outcome). */
  fixed: id,
  /** Where "not fixed" leads. */
  notFixed: id,
});

const checkNode = z.strictObject({
  type: z.literal('check'),
  fact: z.enum(FACT_KEYS),
  /** Asked when the fact is not known. */
  text: textSchema,
  /** Each answer matches one value of the fact; the label is what the cashier picks otherwise. */
  options: z
    .array(
      z.strictObject({
        when: z.union([z.boolean(), z.string().min(1)]),
        label: textSchema,
        next: id,
      }),
    )
    .min(2, 'a check needs at least two answers'),
});

export const OUTCOME_KINDS = ['resolved', 'alternate-payment', 'call-support', 'continue'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const outcomeNode = z.strictObject({
  type: z.literal('outcome'),
  outcome: z.enum(OUTCOME_KINDS),
  text: textSchema,
  /** call-support: whose hotline to show. */
  hotline: z.enum(HOTLINE_KINDS).optional(),
  /** call-support: what to tell them, beyond the facts the app adds itself. */
  tell: textSchema.optional(),
  /** continue: the flow to continue in. */
  flow: id.optional(),
  /** alternate-payment: a method to suggest first (others enabled in settings follow). */
  payment: z.enum(PAYMENT_METHODS).optional(),
});

export const nodeSchema = z.discriminatedUnion('type', [questionNode, stepNode, checkNode, outcomeNode]);
export type FlowNode = z.infer<typeof nodeSchema>;

export const flowSchema = z.strictObject({
  id,
  symptoms: z.array(z.enum(SYMPTOM_IDS)).min(1),
  title: textSchema,
  /** One line for tiles and search results. */
  summary: textSchema,
  /** Words cashiers use for this problem, to help search (colloquial, both languages). */
  keywords: z.strictObject({ 'zh-CN': z.array(nonEmpty), en: z.array(nonEmpty) }).optional(),
  /** Safety lines shown at the top of the flow. */
  warnings: z.array(textSchema).optional(),
  start: id,
  nodes: z.record(id, nodeSchema),
});
export type Flow = z.infer<typeof flowSchema>;

export const CODE_SIDES = ['cardholder', 'issuer', 'merchant', 'terminal', 'network'] as const;
export type CodeSide = (typeof CODE_SIDES)[number];
export const RETRY_ADVICE = ['yes', 'no', 'later'] as const;

export const codeEntrySchema = z.strictObject({
  /** Two characters as the terminal shows them: "51", "A0". */
  code: z.string().regex(/^[0-9A-Z]{2}$/, 'two digits or capital letters'),
  meaning: textSchema,
  side: z.enum(CODE_SIDES),
  retry: z.enum(RETRY_ADVICE),
  /** What to say to the customer. */
  customer: textSchema,
  /** What the cashier does. */
  action: textSchema,
  flow: id,
  /** The issuer asks the merchant to keep the card: never hand it back and retry. */
  keepCard: z.boolean().optional(),
});
export type CodeEntry = z.infer<typeof codeEntrySchema>;

export const codeBookSchema = z.strictObject({
  sources: z.array(nonEmpty).min(1),
  codes: z.array(codeEntrySchema).min(1),
});

export const paymentSchema = z.strictObject({
  id: z.enum(PAYMENT_METHODS),
  title: textSchema,
  /** What to say to the customer. */
  script: textSchema,
  steps: z.array(textSchema).min(1),
  traps: z.array(textSchema),
});
export type PaymentGuide = z.infer<typeof paymentSchema>;
export const paymentsFileSchema = z.strictObject({ payments: z.array(paymentSchema).min(1) });

export const MAINTENANCE_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export const maintenanceItemSchema = z.strictObject({
  id,
  period: z.enum(MAINTENANCE_PERIODS),
  title: textSchema,
  why: textSchema,
});
export type MaintenanceItem = z.infer<typeof maintenanceItemSchema>;
export const maintenanceFileSchema = z.strictObject({
  sources: z.array(nonEmpty).optional(),
  items: z.array(maintenanceItemSchema).min(1),
});
