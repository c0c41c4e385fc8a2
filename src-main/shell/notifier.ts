import { Notification } from 'electron';
import type { Notifier } from '../core/host';
import { runningAppIcon } from './app-icon';
import type { ShellNotices } from './shell-notices';

/*
 * Windows does not promise a `close` for every toast, so a store PC that runs for weeks would
 * keep every notification it ever raised; the newest ones are the ones a cashier may still click.
 */
const MAX_KEPT = 50;

/**
 * Native notifications for the monitor. Each one is kept referenced until it is clicked, closed
 * or has failed: a Notification held only by a local variable can be garbage-collected before
 * the cashier clicks it, and the click is then lost (electron/electron#16922, #12690). A failed
 * notification (macOS refuses unsigned apps; Windows without a matching AppUserModelID) becomes
 * a notice for the technician, since the warning it carried never reached anyone.
 */
export function createRetainingNotifier(options: {
  onClick(flowId: string | undefined): void;
  notices: ShellNotices;
}): Notifier & { readonly kept: number } {
  const kept = new Set<Notification>();
  return {
    get kept() {
      return kept.size;
    },
    notify({ title, body, flowId }) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body, silent: false, icon: runningAppIcon() });
      const release = () => void kept.delete(n);
      n.on('click', () => {
        release();
        options.onClick(flowId);
      });
      n.on('close', release);
      n.on('failed', (_event, error) => {
        release();
        options.notices.add('notification-failed', {
          code: 'shell',
          message: {
            'zh-CN': '系统没有显示设备提醒。请在系统设置的“通知”里允许收银台助手发送通知。',
            en: 'The system did not show a device alert. Allow Counter Assist to send notifications in the system settings.',
          },
          detail: `notification "${title}" failed: ${error}`,
        });
      });
      kept.add(n);
      if (kept.size > MAX_KEPT) kept.delete(kept.values().next().value as Notification);
      n.show();
    },
  };
}
