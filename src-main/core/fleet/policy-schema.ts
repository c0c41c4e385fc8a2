import { z } from 'zod';
import { fleetSettingsSchema, settingsSchema } from '../settings/schema';
import { acquirerHost, acquirerPort } from '../settings/acquirer';
import { maintenanceItemSchema } from '../content/schema';
import { maskCardNumbers } from '../redact';

/**
 * The store policy head office publishes: what the chain decides once for every counter. Every
 * part is optional; what a policy leaves out stays the counter's own setting. The field rules are
 * the settings' own, so a merged policy always makes valid settings.
 */
export const POLICY_FORMAT = 1;

/** The largest signed policy message a counter reads; anything bigger is refused unread. */
export const MAX_POLICY_BYTES = 64 * 1024;

const hotlineRules = settingsSchema.shape.store.shape.hotlines.shape;
/** A policy that names a hotline gives a number: blanking one at every counter is not a policy. */
const hotline = (rule: typeof hotlineRules.acquirer) => rule.min(1, 'a telephone number');

/**
 * 13 or more digits in a row (spaces or dashes between them allowed), after full-width digits are
 * made plain: a card number's shape. A note is read by cashiers at every counter; it never carries one.
 */
const CARD_LIKE_RUN = /\d(?:[ -]?\d){12,}/;
export function looksLikeCardNumber(text: string): boolean {
  return CARD_LIKE_RUN.test(text.normalize('NFKC')) || maskCardNumbers(text) !== text;
}

const NO_CARD_NUMBER = 'holds a digit run like a card number; a policy never carries card data';
const noteText = z
  .string()
  .trim()
  .min(1)
  .max(500, 'at most 500 characters')
  .refine((t) => !looksLikeCardNumber(t), NO_CARD_NUMBER);

/** A response code as a terminal shows it: 00, 51, A0 … */
const responseCode = z.string().regex(/^[0-9A-Z]{2}$/, 'a two-character response code such as 51 or A0');

export const storePolicySchema = z.strictObject({
  format: z.literal(POLICY_FORMAT),
  /** Counts up with every change head office publishes; a counter never goes back to a lower one. */
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  issuedAt: z.iso.datetime({ offset: true }),
  /** Set on a policy for one store (`counter-assist/v1/{store}/_policy`); absent on the chain's. */
  store: fleetSettingsSchema.shape.store.pipe(z.string().min(1)).optional(),
  hotlines: z
    .strictObject({
      acquirer: hotline(hotlineRules.acquirer),
      posService: hotline(hotlineRules.posService),
      bank: hotline(hotlineRules.bank),
    })
    .partial()
    .optional(),
  payments: settingsSchema.shape.payments.optional(),
  keepCards: z.boolean().optional(),
  /** The acquirer's front end: address and port come together, as on the acquirer's sheet. */
  acquirer: z.strictObject({ host: acquirerHost.pipe(z.string().min(1)), port: acquirerPort.unwrap() }).optional(),
  monitorIntervalSeconds: settingsSchema.shape.monitor.shape.intervalSeconds.optional(),
  /** Checklist items the chain adds to the content's own. */
  maintenance: z.array(maintenanceItemSchema).max(50).optional(),
  /** Extra words for response codes, shown beside the content's own: text only. */
  codeNotes: z
    .record(responseCode, z.strictObject({ 'zh-CN': noteText, en: noteText }))
    .refine((r) => Object.keys(r).length <= 200, 'at most 200 codes')
    .optional(),
});
export type StorePolicy = z.infer<typeof storePolicySchema>;

/** What a counter has applied from one source, as kept in the data folder and reported to head office. */
export interface AppliedVersion {
  version: number;
  appliedAt: string;
}

/** Which topic a policy came from: the chain's, or this store's own (which wins field by field). */
export type PolicySource = 'chain' | 'store';
