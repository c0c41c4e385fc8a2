import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { publicKeyLine, signPolicy } from '../../src-main/core/fleet/policy-sign';
import type { StorePolicy } from '../../src-main/core/fleet/policy-schema';

/** A head-office key pair made here, as `fleet policy keygen` makes one. */
export function policyKeys(): { privateKey: KeyObject; line: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, line: publicKeyLine(publicKey) };
}

export function policy(version: number, fields: Partial<StorePolicy> = {}): StorePolicy {
  return { format: 1, version, issuedAt: '2026-12-01T08:00:00+08:00', ...fields };
}

/** The message head office retains on a policy topic, as bytes. */
export function signedMessage(p: unknown, privateKey: KeyObject): Buffer {
  return Buffer.from(JSON.stringify(signPolicy(JSON.stringify(p), privateKey)));
}
