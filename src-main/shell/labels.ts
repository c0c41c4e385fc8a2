import type { Lang } from '../core/i18n';
import type { DeviceState } from '../core/devices/types';

/** The shell's own words: tray menu, tooltip, window title. The renderer has its own dictionary. */
export const SHELL_TEXT = {
  'zh-CN': {
    appName: '收银台助手',
    cardFailed: '刷卡失败',
    devices: '设备状态',
    otherPayments: '其他付款方式',
    about: '关于收银台助手',
    quit: '退出',
    maintenanceDue: (n: number) => `保养提醒：${n} 项到期`,
    state: { ok: '设备正常', warning: '需要注意', error: '有故障', unknown: '状态未知' } as Record<DeviceState, string>,
  },
  en: {
    appName: 'Counter Assist',
    cardFailed: 'Card payment failed',
    devices: 'Device status',
    otherPayments: 'Other ways to pay',
    about: 'About Counter Assist',
    quit: 'Quit',
    maintenanceDue: (n: number) => `Maintenance: ${n} due`,
    state: { ok: 'Devices OK', warning: 'Needs attention', error: 'Fault', unknown: 'Status unknown' } as Record<DeviceState, string>,
  },
} satisfies Record<Lang, unknown>;
