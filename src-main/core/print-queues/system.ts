import { cupsSystem } from './cups';
import { unsupportedPlatform } from './errors';
import type { QueueTarget } from '../common/queue-target';
import type { QueueSystem } from './types';
import { windowsSystem } from './windows';

/**
 * The print system of this computer: the spooler on Windows, CUPS on Linux and macOS. `clock`
 * (ms since 1970) dates the jobs' ages; the app passes its own, so every age it shows agrees.
 */
export function localQueueSystem(platform: NodeJS.Platform = process.platform, options: { clock?: () => number } = {}): QueueSystem {
  if (platform === 'win32') return windowsSystem(options);
  if (platform === 'linux' || platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') return cupsSystem(options);
  throw unsupportedPlatform(platform);
}

/** The print system a queue target names: `windows:` the spooler, `cups:` CUPS. */
export function systemForTarget(target: QueueTarget, options: { clock?: () => number } = {}): QueueSystem {
  return target.system === 'windows' ? windowsSystem(options) : cupsSystem(options);
}
