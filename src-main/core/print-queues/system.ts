import { cupsSystem } from './cups';
import { unsupportedPlatform } from './errors';
import type { QueueTarget } from './target';
import type { QueueSystem } from './types';
import { windowsSystem } from './windows';

/** The print system of this computer: the spooler on Windows, CUPS on Linux and macOS. */
export function localQueueSystem(platform: NodeJS.Platform = process.platform): QueueSystem {
  if (platform === 'win32') return windowsSystem();
  if (platform === 'linux' || platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') return cupsSystem();
  throw unsupportedPlatform(platform);
}

/** The print system a queue target names: `windows:` the spooler, `cups:` CUPS. */
export function systemForTarget(target: QueueTarget): QueueSystem {
  return target.system === 'windows' ? windowsSystem() : cupsSystem();
}
