import type { Text } from './i18n';

/**
 * Something the user must be told that is not an error of the call at hand: a settings file
 * kept aside, a content file that did not load, a repaired incident log, a monitor problem.
 */
export interface Notice {
  /**
   * `shell`: what the desktop refused (a shortcut, a notification, a tray). `data-folder`: the
   * data folder cannot take writes (read-only, full). `policy`: head office's policy was refused,
   * or a saved one failed its check at load.
   */
  code: 'settings-reset' | 'content-error' | 'incident-log-repaired' | 'monitor' | 'shell' | 'data-folder' | 'policy';
  message: Text;
  detail: string;
}
