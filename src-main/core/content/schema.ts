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
  'network.firstFailing', // 'none' | 'link' | 'gateway' | 'dns' | 'paymentHost' | 'acquirer'
  'printQueue.stopped', // boolean: the receipt printer's OS print queue is stopped / paused
  'printQueue.stuck', // boolean: its oldest job has waited over 2 min
  'printQueue.offline', // boolean: the OS marks the printer offline
  'printQueue.isDefault', // boolean: it is the OS's default printer
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
/** Facts the store's settings answer (its policies), never the devices. */
export const POLICY_FACTS = [
  'store.keepCards', // boolean: keep a card the issuer asks to keep
] as const;
export type PolicyFact = (typeof POLICY_FACTS)[number];
export type CheckFact = FactKey | PolicyFact;
export type FactValue = boolean | string;

/** What a node does with money; `content check` holds the routes of the code book to these. */
export const NODE_MONEY = ['retry', 'last-transaction'] as const;

/**
 * `cardResult: unknown` marks a node the cashier reaches not knowing whether the card was
 * charged (no answer, a timeout, no slip printed). From there `content check` holds every
 * way on to reach a `money: last-transaction` node before money is taken again.
 * `cardResult: none` marks a node reached before any card was read (the amount never reached
 * the terminal): nothing can have been charged, so the walk from an unknown result ends there.
 */
export const CARD_RESULTS = ['unknown', 'none'] as const;
const cardResult = z.enum(CARD_RESULTS).optional();

/**
 * The three answers of the last-transaction gate (a `money: last-transaction` question): the
 * terminal shows the sale succeeded, shows it did not, or the cashier cannot check.
 */
export const GATE_RESULTS = ['succeeded', 'failed', 'unknown'] as const;
export type GateResult = (typeof GATE_RESULTS)[number];

const option = z.strictObject({
  label: textSchema,
  next: id,
  /** On a last-transaction gate: what this answer says the terminal showed. */
  result: z.enum(GATE_RESULTS).optional(),
});

const questionNode = z.strictObject({
  type: z.literal('question'),
  text: textSchema,
  options: z.array(option).min(2, 'a question needs at least two options'),
  money: z.enum(NODE_MONEY).optional(),
  cardResult,
  /** A question asked after calling someone ("what did the acquirer say?"): whose number the screen shows. */
  hotline: z.enum(HOTLINE_KINDS).optional(),
});

const stepNode = z.strictObject({
  type: z.literal('step'),
  text: textSchema,
  why: textSchema,
  /** Where "fixed" leads (usually a resolved outcome). */
  fixed: id.optional(),
  /** Where "not fixed" leads. */
  notFixed: id.optional(),
  /**
   * A plain action (write it down, hand the card back) is answered "done", not fixed / not
   * fixed: a step has either `done:` or both `fixed:` and `notFixed:` (the checker says which).
   */
  done: id.optional(),
  /** retry: the same card is tried again here; last-transaction: the terminal's last transaction is read here. */
  money: z.enum(NODE_MONEY).optional(),
  cardResult,
  /** Why this step may be longer than the step-text limit (a few are: the words must all be said). */
  long: nonEmpty.optional(),
});

const checkNode = z.strictObject({
  type: z.literal('check'),
  fact: z.enum([...FACT_KEYS, ...POLICY_FACTS]),
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
  cardResult,
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
  /** What to say to the customer who is waiting (required where one waits: see the checker). */
  customer: textSchema.optional(),
  /** false where no customer waits any more (they have paid or left): no customer line needed. */
  customerWaits: z.boolean().optional(),
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
/**
 * UnionPay's terminal-operator classes printed beside a code: A approved, B the issuer's
 * decision (do not retry this card), C try again later / a system fault, D the card or
 * transaction needs the operator to act, E terminal or merchant set-up fault. See codes.yaml.
 */
export const CODE_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;

export const codeEntrySchema = z.strictObject({
  /** Two characters as the terminal shows them: "51", "A0". */
  code: z.string().regex(/^[0-9A-Z]{2}$/, 'two digits or capital letters'),
  meaning: textSchema,
  side: z.enum(CODE_SIDES),
  /** UnionPay's operator class (A-E) as the terminal tables print it. */
  class: z.enum(CODE_CLASSES),
  retry: z.enum(RETRY_ADVICE),
  /** Which of the file's sources gives this code (its short name). */
  source: nonEmpty,
  /**
   * The terminal cannot tell whether the card was charged (a timeout or "in progress"): the
   * last transaction is checked before anything is tried again.
   */
  maybeCharged: z.boolean().optional(),
  /** What the terminal's screen says for this code (acquirers' display tables), so search finds it by those words. */
  display: textSchema.optional(),
  /** What to say to the customer. */
  customer: textSchema,
  /** What the cashier does. */
  action: textSchema,
  flow: id,
  /**
   * The issuer asks the merchant to keep the card: never try it again. Whether the store keeps
   * it is the store's policy (settings `store.keepCards`, default: hand it back politely).
   */
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

/**
 * One name per party and device. Cashier-facing text uses `word` (the plain word), with `term`
 * (the technical name) beside it where a technician needs it; `banned` synonyms are refused by
 * `content check`, except inside one of the `except` phrases or inside quotation marks (what a
 * screen displays is quoted as it is).
 */
export const glossaryTermSchema = z.strictObject({
  id,
  word: textSchema,
  term: textSchema.optional(),
  banned: z.strictObject({ 'zh-CN': z.array(nonEmpty), en: z.array(nonEmpty) }),
  except: z.array(nonEmpty).optional(),
});
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

/**
 * Words from Hong Kong, Macau, Guangdong (Cantonese) and Taiwan that the traditional-to-simplified
 * converter leaves alone or turns into another word ("食咗", "冇", "列印"): search reads `said` as
 * `means`, the Mainland word the content uses. `said` holds each form people type (traditional
 * and simplified characters).
 */
export const REGIONS = ['cantonese', 'taiwan'] as const;
export const regionalWordSchema = z.strictObject({
  said: z.array(nonEmpty).min(1),
  means: nonEmpty,
  where: z.enum(REGIONS),
});
export type RegionalWord = z.infer<typeof regionalWordSchema>;

/**
 * A response code's technical names (MAC 校验错, 签到失败): the cashier's text avoids them, a
 * technician types them, so search finds the code by them too.
 */
export const technicalWordsSchema = z.strictObject({
  code: z.string().regex(/^[0-9A-Z]{2}$/, 'two digits or capital letters'),
  words: z.strictObject({ 'zh-CN': z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) }),
});
export type TechnicalWords = z.infer<typeof technicalWordsSchema>;

/**
 * What the customer asks rather than what is broken ("能不能扫码", "can she pay cash"): search
 * answers it with the ways to pay the store takes, `payment` first where the question names one.
 */
export const customerQuestionSchema = z.strictObject({
  id,
  title: textSchema,
  /** One line under the title: where the answer is. */
  answer: textSchema,
  asks: z.strictObject({ 'zh-CN': z.array(nonEmpty).min(1), en: z.array(nonEmpty).min(1) }),
  payment: z.enum(PAYMENT_METHODS).optional(),
});
export type CustomerQuestion = z.infer<typeof customerQuestionSchema>;
