import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Text } from '../i18n';
import { fsyncPath, syncDirectory } from '../storage/durable';
import { judgePolicy } from './policy-judge';
import type { AppliedVersion, PolicySource, StorePolicy } from './policy-schema';
import { signedPolicySchema, type SignedPolicy } from './policy-sign';

/**
 * The applied policies in the data folder, exactly as head office signed them, so a counter keeps
 * its rules offline and across restarts. Every load verifies them again against the pinned key:
 * an edited file, or a key changed since, is not trusted. The last refusal is kept beside them
 * for `fleet status` and the technician's notices.
 */
export const POLICY_FILE = 'policy.json';

const textSchema = z.strictObject({ 'zh-CN': z.string(), en: z.string() });
const keptSchema = z.strictObject({ signed: signedPolicySchema, appliedAt: z.string() });
const refusalSchema = z.strictObject({ at: z.string(), source: z.enum(['chain', 'store']), message: textSchema, detail: z.string() });
const fileSchema = z.strictObject({ chain: keptSchema.nullable(), store: keptSchema.nullable(), refusal: refusalSchema.nullable() });
type PolicyFile = z.infer<typeof fileSchema>;
export type PolicyRefusal = z.infer<typeof refusalSchema>;

export interface AppliedPolicy extends AppliedVersion {
  policy: StorePolicy;
  signed: SignedPolicy;
}

export interface LoadedPolicies {
  chain: AppliedPolicy | null;
  store: AppliedPolicy | null;
  refusal: PolicyRefusal | null;
  /** Why a kept policy is not trusted any more (for the technician's notices). */
  problems: Text[];
}

const EMPTY: PolicyFile = { chain: null, store: null, refusal: null };

function readFile(dataDir: string): { file: PolicyFile; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(join(dataDir, POLICY_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { file: EMPTY, problem: null };
    return { file: EMPTY, problem: (e as Error).message };
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { file: parsed.data, problem: null } : { file: EMPTY, problem: 'not a policy file' };
  } catch (e) {
    return { file: EMPTY, problem: (e as Error).message };
  }
}

function verified(
  kept: PolicyFile['chain'],
  source: PolicySource,
  store: string,
  pinnedKey: string,
  problems: Text[],
): AppliedPolicy | null {
  if (!kept) return null;
  const verdict = judgePolicy({ payload: Buffer.from(JSON.stringify(kept.signed)), source, store, pinnedKey, current: null });
  if (verdict.kind === 'apply')
    return { policy: verdict.policy, signed: kept.signed, version: verdict.policy.version, appliedAt: kept.appliedAt };
  if (verdict.kind === 'refuse') {
    problems.push({
      'zh-CN': `保存的总部策略没有通过再次验证，已不再使用：${verdict.message['zh-CN']}`,
      en: `The saved head-office policy failed its check at load and is no longer used: ${verdict.message.en}`,
    });
  }
  return null;
}

/** The applied policies, verified again now against the pinned key and this store. */
export function loadPolicies(dataDir: string, pinnedKey: string, store: string): LoadedPolicies {
  const { file, problem } = readFile(dataDir);
  const problems: Text[] = [];
  if (problem) {
    problems.push({
      'zh-CN': `无法读取保存的总部策略文件 ${POLICY_FILE}，按没有策略处理`,
      en: `The saved head-office policy file ${POLICY_FILE} cannot be read; no policy is in force`,
    });
  }
  return {
    chain: verified(file.chain, 'chain', store, pinnedKey, problems),
    store: verified(file.store, 'store', store, pinnedKey, problems),
    refusal: file.refusal,
    problems,
  };
}

/** A cheap key for "has the file changed since": its size and modification time. */
export function policyFileStamp(dataDir: string): string {
  const st = statSync(join(dataDir, POLICY_FILE), { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : '';
}

/** Whole, flushed, then renamed over the old one: a crash leaves the old file or the new, never half. */
function writeWhole(dataDir: string, file: PolicyFile): void {
  const path = join(dataDir, POLICY_FILE);
  const tmp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    fsyncPath(tmp);
    renameSync(tmp, path);
    syncDirectory(dataDir);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function saveApplied(dataDir: string, source: PolicySource, signed: SignedPolicy, at: Date): void {
  const { file } = readFile(dataDir);
  writeWhole(dataDir, { ...file, [source]: { signed, appliedAt: at.toISOString() }, refusal: null });
}

export function saveRefusal(dataDir: string, refusal: PolicyRefusal): void {
  const { file } = readFile(dataDir);
  writeWhole(dataDir, { ...file, refusal });
}
