/** Every word the screens show, Chinese first. `en.ts` must have the same keys (checked by its type). */
export const zhCN = {
  appName: '收银台助手',
  language: '语言',
  switchLanguage: 'English',
  version: '版本',
  settings: '设置',
  storeName: '门店名称',
  merchantId: '商户号',
  terminalId: '终端号',
  notSet: '未设置',
  hotlineAcquirer: '收单机构客服',
  loading: '正在加载…',
  errorTitle: '出错了',
  details: '技术详情',
};
export type Dictionary = { [K in keyof typeof zhCN]: string };
