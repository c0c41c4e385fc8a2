import { concat } from '../bytes';
import type { Transport } from '../transports/transport';

/**
 * How long a lone byte shaped like an ASB start (or a Star EOT status) waits for company
 * before it is taken as all there is: an ASB block's four bytes come back to back.
 */
const LONE_BYTE_QUIET_MS = 60;

export interface Asked<T> {
  got: Uint8Array;
  result: T;
  ms: number;
}

/**
 * Write a request, then read until `scan` finds the answer or the deadline passes: a reply
 * may come in pieces, behind an ASB block, with XON/XOFF inside. `keep` leaves bytes already
 * received in place (a late answer to the same question asked before counts).
 */
export async function ask<T extends { kind: string }>(
  transport: Transport,
  request: Uint8Array,
  scan: (bytes: Uint8Array) => T,
  deadlineMs: number,
  options: { keep?: boolean; quietWhen?: (r: T) => boolean } = {},
): Promise<Asked<T>> {
  if (!options.keep) transport.discard();
  const started = performance.now();
  await transport.write(request);
  let got: Uint8Array = new Uint8Array(0);
  let result = scan(got);
  for (;;) {
    const left = started + deadlineMs - performance.now();
    if (left <= 0) break;
    const quiet = options.quietWhen?.(result) ?? false;
    const more = await transport.read(1, quiet ? Math.min(left, LONE_BYTE_QUIET_MS) : left);
    if (more.length === 0) break;
    got = concat(got, more);
    result = scan(got);
    if (result.kind !== 'waiting') break;
  }
  return { got, result, ms: performance.now() - started };
}

/** Read a reply that ends with NUL, or whatever came by the deadline. */
export async function readToNul(transport: Transport, request: Uint8Array, deadlineMs: number): Promise<Uint8Array> {
  transport.discard();
  await transport.write(request);
  const until = performance.now() + deadlineMs;
  let got = new Uint8Array(0);
  while (!got.includes(0x00, got[0] === 0x5f ? 1 : 0)) {
    const left = until - performance.now();
    if (left <= 0) break;
    const more = await transport.read(1, left);
    if (more.length === 0) break;
    const next = new Uint8Array(got.length + more.length);
    next.set(got);
    next.set(more, got.length);
    got = next;
    if (got.length > 256) break;
  }
  return got;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
