import type { Dictionary } from './zh-CN';

export const en: Dictionary = {
  appName: 'Counter Assist',
  language: 'Language',
  switchLanguage: '中文',
  version: 'Version',
  settings: 'Settings',
  storeName: 'Store name',
  merchantId: 'Merchant ID',
  terminalId: 'Terminal ID',
  notSet: 'not set',
  hotlineAcquirer: 'Acquirer hotline',
  loading: 'Loading…',
  errorTitle: 'Something went wrong',
  details: 'Technical details',
};
