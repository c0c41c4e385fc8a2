import type { Text } from '../i18n';

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

/**
 * Every setting by the name a store owner knows it (the settings screen's words), for sentences
 * that say which setting is wrong. The keys are the paths `settings get/set` take.
 */
export const SETTING_NAMES: Readonly<Record<string, Text>> = {
  language: t('界面语言', 'language'),
  startAtLogin: t('开机自动启动', 'start at login'),
  shortcut: t('快捷键', 'keyboard shortcut'),
  'store.name': t('门店名称', 'store name'),
  'store.merchantId': t('商户号', 'merchant ID'),
  'store.terminalId': t('终端号', 'terminal ID'),
  'store.hotlines.acquirer': t('收单机构客服电话', 'acquirer hotline'),
  'store.hotlines.posService': t('收银系统服务商电话', 'POS service hotline'),
  'store.hotlines.bank': t('银行客服电话', 'bank hotline'),
  'store.keepCards': t('按发卡行要求留卡', 'keep cards the issuer asks to keep'),
  payments: t('本店接受的其他收款方式', 'other ways to pay this store accepts'),
  'devices.printer': t('小票打印机', 'receipt printer'),
  'devices.printer.target': t('小票打印机的接口', 'receipt printer port'),
  'devices.printer.protocol': t('小票打印机的协议', 'receipt printer protocol'),
  'devices.terminal': t('刷卡机', 'card terminal'),
  'devices.terminal.target': t('刷卡机的接口', 'card terminal port'),
  'devices.terminal.protocol': t('刷卡机的协议', 'card terminal protocol'),
  'monitor.intervalSeconds': t('自动检测间隔（秒）', 'check interval (seconds)'),
  'network.dnsName': t('用来检测外网的域名', 'name that checks the internet line'),
  'network.paymentHost': t('支付机构服务器地址', 'payment host'),
  'network.paymentPort': t('支付机构服务器端口', 'payment host port'),
  'network.gateway': t('路由器地址', 'router address'),
  'network.acquirerHost': t('收单前置机地址', 'acquirer front end address'),
  'network.acquirerPort': t('收单前置机端口', 'acquirer front end port'),
  'fleet.enabled': t('连接总部', 'head office connection'),
  'fleet.url': t('总部服务器地址', 'head office server address'),
  'fleet.store': t('总部里的门店编号', 'store ID at head office'),
  'fleet.counter': t('总部里的收银台编号', 'counter ID at head office'),
  'fleet.username': t('总部用户名', 'head office user name'),
  'fleet.password': t('总部密码', 'head office password'),
  'fleet.caFile': t('总部证书文件', 'head office certificate file'),
  'fleet.policyKey': t('总部策略公钥', "head office's policy key"),
  'fleet.keepaliveSeconds': t('总部心跳间隔（秒）', 'head office keepalive (seconds)'),
};

/**
 * The setting's name for a path zod reports ("devices.printer.baudRate" → the printer's entry when
 * the leaf has no name of its own); the path itself when nothing names it.
 */
export function settingName(path: string): Text {
  for (let parts = path.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const name = SETTING_NAMES[parts.join('.')];
    if (name) return name;
  }
  return t(path, path);
}
