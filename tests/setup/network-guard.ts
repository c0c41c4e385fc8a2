import { afterEach } from 'vitest';
import { installNetworkGuard, takeNetworkViolations } from '../helpers/network-guard';

// Every test of every project: a socket or a name lookup beyond loopback fails the test, also
// when the code under test caught the guard's throw and carried on.
installNetworkGuard();

afterEach(() => {
  const seen = takeNetworkViolations();
  if (seen.length > 0) throw new Error(`This test tried to reach beyond loopback:\n  ${seen.join('\n  ')}`);
});
