import type { PinCost } from '../../src-main/core/technician/pin-file';

/**
 * A scrypt cost a unit test can pay hundreds of times: same algorithm and output length, a
 * 4 KiB work area instead of 32 MiB. tests/integration/technician-pin-cost.test.ts proves the
 * app's own cost (PIN_COST) is the one written and verified when none is passed.
 */
export const CHEAP_PIN_COST: PinCost = { N: 2 ** 2, r: 8, p: 1, keylen: 32 };
