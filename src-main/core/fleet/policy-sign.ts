import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { UserError } from '../errors';
import { POLICY_KEY_PATTERN } from '../settings/schema';

/**
 * Ed25519 from Node's own crypto: head office signs the exact bytes of the policy text, a counter
 * verifies them against the public key pinned in its settings. The public key travels as one line
 * (SPKI DER in base64, "MCowBQYDK2VwAyEA…"), so it can be typed into `settings set fleet.policyKey`.
 */

/** What travels on the retained topic: the policy's text as signed, and the signature over its UTF-8 bytes. */
export const signedPolicySchema = z.strictObject({
  policy: z.string(),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'an Ed25519 signature in base64'),
});
export type SignedPolicy = z.infer<typeof signedPolicySchema>;

export function publicKeyLine(key: KeyObject): string {
  return (key.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
}

export function publicKeyOf(line: string): KeyObject {
  return createPublicKey({ key: Buffer.from(line, 'base64'), format: 'der', type: 'spki' });
}

export interface KeyFiles {
  privateFile: string;
  publicFile: string;
  publicKey: string;
}

/**
 * A new key pair: the private key as PKCS#8 PEM, readable by its owner only from its first byte,
 * the public key as its one line. An existing private key is never overwritten: losing it means
 * re-pinning every counter.
 */
export function writeKeyPair(privateFile: string, publicFile: string): KeyFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  try {
    writeFileSync(privateFile, pem, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'EEXIST'
        ? {
            'zh-CN': `${privateFile} 已存在，没有覆盖：换一个文件名，或先把旧密钥移走（丢失旧私钥后，所有收银台都要重新设置公钥）`,
            en: `${privateFile} already exists and was not overwritten: choose another name or move the old key away first (without the old private key every counter must pin a new public key)`,
          }
        : { 'zh-CN': `无法写入私钥文件 ${privateFile}`, en: `Cannot write the private key file ${privateFile}` },
      (e as Error).message,
    );
  }
  if (process.platform !== 'win32') chmodSync(privateFile, 0o600);
  const line = publicKeyLine(publicKey);
  writeFileSync(publicFile, `${line}\n`);
  return { privateFile, publicFile, publicKey: line };
}

export function privateKeyFrom(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

/** Sign the policy's text exactly as it will be sent. */
export function signPolicy(policyText: string, privateKey: KeyObject): SignedPolicy {
  return { policy: policyText, signature: sign(null, Buffer.from(policyText, 'utf8'), privateKey).toString('base64') };
}

export function signatureValid(signed: SignedPolicy, publicKeyLineText: string): boolean {
  if (!POLICY_KEY_PATTERN.test(publicKeyLineText)) return false;
  try {
    return verify(null, Buffer.from(signed.policy, 'utf8'), publicKeyOf(publicKeyLineText), Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}
