import { z } from 'zod';
import { incidentSchema } from '../incidents/record-schema';
import type { DeviceSnapshot, DeviceState } from '../devices/types';
import type { Incident } from '../incidents/types';
import { worstState } from '../common/device-state';
import { maskDeep } from '../redact';
import type { PolicyVersions } from './policy-receiver';
import { storePolicySchema } from './policy-schema';
import { signedPolicySchema } from './policy-sign';

/**
 * The messages head office receives. Others build on them (Node-RED, Grafana, a database sink),
 * so they are written down once here, checked on the way out and on the way in, and published in
 * docs/schemas/ as JSON Schema generated from these very schemas.
 */

const deviceState = z.enum(['ok', 'warning', 'error', 'unknown']);

/** Device entries exactly as `status --json` prints them; null for a device not configured. */
const devices = incidentSchema.shape.devices;

const appliedPolicy = z
  .object({ version: z.number().int().min(1), appliedAt: z.iso.datetime({ offset: true }) })
  .nullable()
  .describe('the signed policy applied from this topic, and when; null = none');

/** A live (or last known, after a one-shot push) picture of the counter. */
export const statusPayloadSchema = z.object({
  online: z.boolean().describe('true only while this connection is live'),
  state: deviceState.describe('the worst device state, as the cashier sees it'),
  devices,
  version: z.string().describe('the app version'),
  at: z.iso.datetime({ offset: true }),
  /** Absent from a counter that does not take policies (an older version, or a one-shot push). */
  policy: z
    .object({ chain: appliedPolicy, store: appliedPolicy })
    .optional()
    .describe("head office's policies this counter applied: the chain's and its store's"),
});
/** What the app sends: the device types themselves (the schema checks the fields consumers read). */
export interface StatusPayload {
  online: boolean;
  state: DeviceState;
  devices: DeviceSnapshot;
  version: string;
  at: string;
  policy?: PolicyVersions;
}

/** The Last Will (sent by the broker when the connection dies) and a clean stop's last word. */
export const offlinePayloadSchema = z.object({
  online: z.literal(false),
  at: z.iso.datetime({ offset: true }).describe('the Will: when the connection that died was opened'),
});
export type OfflinePayload = z.infer<typeof offlinePayloadSchema>;

/** What may be retained on `status`: a full picture, or only the word that the counter is gone. */
export const statusTopicSchema = z.union([statusPayloadSchema, offlinePayloadSchema]);
export type StatusTopicPayload = z.infer<typeof statusTopicSchema>;

/** One incident: the fields of `incidents list --json`, plus where it happened. */
export const incidentPayloadSchema = incidentSchema.extend({
  store: z.string(),
  counter: z.string(),
});
export interface Where {
  store: string;
  counter: string;
}
export type IncidentPayload = Incident & Where;

/** Card numbers are masked again on the way out: a payload never carries one in clear. */
export function statusPayload(
  snapshot: DeviceSnapshot,
  online: boolean,
  version: string,
  at: Date,
  policy?: PolicyVersions,
): StatusPayload {
  return maskDeep({ online, state: worstState(snapshot), devices: snapshot, version, at: at.toISOString(), ...(policy ? { policy } : {}) });
}

export function offlinePayload(at: Date): OfflinePayload {
  return { online: false, at: at.toISOString() };
}

export function incidentPayload(incident: Incident, where: Where): IncidentPayload {
  return maskDeep({ ...incident, store: where.store, counter: where.counter });
}

/** The JSON Schema of each payload, as published in docs/schemas/ (`npm run docs:schemas`). */
export function fleetJsonSchemas(): Record<'status' | 'statusOffline' | 'incident' | 'policy' | 'signedPolicy', unknown> {
  const io = { io: 'input' as const, target: 'draft-2020-12' as const };
  return {
    status: z.toJSONSchema(statusPayloadSchema, io),
    statusOffline: z.toJSONSchema(offlinePayloadSchema, io),
    incident: z.toJSONSchema(incidentPayloadSchema, io),
    policy: z.toJSONSchema(storePolicySchema, io),
    signedPolicy: z.toJSONSchema(signedPolicySchema, io),
  };
}
