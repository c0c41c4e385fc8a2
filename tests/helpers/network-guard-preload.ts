import { installNetworkGuard, takeNetworkViolations } from './network-guard';

// For a child process a test starts (`node --import tsx --import this-file …`): the same guard as
// the tests' own, and what it refused is written on stderr as the process ends.
installNetworkGuard();
process.on('exit', () => {
  const seen = takeNetworkViolations();
  if (seen.length > 0) process.stderr.write(`network guard refused: ${seen.join('; ')}\n`);
});
