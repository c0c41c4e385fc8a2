import { isIP as nodeIsIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIP } from '../../src-main/core/common/ip-address';

// Cases from Node.js's own test of net.isIP (test/parallel/test-net-isip.js), and what a store
// owner types: full-width digits from a Chinese input method, the ideographic full stop, a space.
const CASES: [string, 0 | 4 | 6][] = [
  ['127.0.0.1', 4],
  ['x127.0.0.1', 0],
  ['example.com', 0],
  ['0000:0000:0000:0000:0000:0000:0000:0000', 6],
  ['0000:0000:0000:0000:0000:0000:0000:0000::0000', 0],
  ['1050:0:0:0:5:600:300c:326b', 6],
  ['2001:252:0:1::2008:6', 6],
  ['2001::', 6],
  ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6],
  [':2001:252:0:1::2008:6:', 0],
  ['2001:252::1::2008:6', 0],
  ['::2001:252:1:255.255.255.255', 6],
  ['::2001:252:1:255.255.255.255.76', 0],
  ['fe80::2008%eth0', 6],
  ['fe80::2008%eth0@1', 0],
  ['::anything', 0],
  ['::1', 6],
  ['::', 6],
  ['0000:0000:0000:0000:0000:0000:12345:0000', 0],
  ['0', 0],
  ['', 0],
  ['192.168.1.256', 0],
  ['192.168.01.1', 0],
  ['192.168.1', 0],
  ['１９２.１６８.１.１', 0],
  ['192。168。1。1', 0],
  ['192.168.1.1 ', 0],
];

describe("the router's address, checked without Node", () => {
  it.each(CASES)('%j is %i, as node:net says', (text, want) => {
    expect(isIP(text)).toBe(want);
    expect(nodeIsIP(text)).toBe(want);
  });

  it('agrees with node:net on addresses and near-addresses', () => {
    const part = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.stringMatching(/^[0-9a-fA-F]{0,5}$/),
      fc.constantFrom('', '::', '%eth0', '.', ':'),
    );
    const candidate = fc.oneof(
      fc.array(part, { minLength: 1, maxLength: 9 }).chain((parts) => fc.constantFrom('.', ':', '::').map((sep) => parts.join(sep))),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(candidate, (text) => isIP(text) === nodeIsIP(text)),
      { numRuns: 3000 },
    );
  });
});
