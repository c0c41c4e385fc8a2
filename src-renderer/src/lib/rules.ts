import type { DictKey } from '../i18n/index.svelte';
import { SHORTCUT_REFUSED_BY_SYSTEM } from './accelerator';

/** The settings rules in the cashier's language, by the field path the core names. */
const RULES: Record<string, DictKey> = {
  'store.name': 'ruleStoreName',
  'store.merchantId': 'ruleMerchantId',
  'store.terminalId': 'ruleTerminalId',
  'store.hotlines.acquirer': 'rulePhone',
  'store.hotlines.posService': 'rulePhone',
  'store.hotlines.bank': 'rulePhone',
  shortcut: 'ruleShortcut',
  'monitor.intervalSeconds': 'ruleInterval',
  'devices.printer.target': 'ruleTarget',
  'devices.terminal.target': 'ruleTarget',
  'devices.printer.baudRate': 'ruleBaud',
  'devices.terminal.baudRate': 'ruleBaud',
  'network.paymentPort': 'rulePort',
  'network.dnsName': 'ruleHost',
  'network.paymentHost': 'ruleHost',
  'network.gateway': 'ruleGateway',
  'network.acquirerHost': 'ruleAcquirerHost',
  'network.acquirerPort': 'ruleAcquirerPort',
  payments: 'rulePayments',
  'fleet.url': 'ruleFleetUrl',
  'fleet.store': 'ruleFleetId',
  'fleet.counter': 'ruleFleetId',
  'fleet.keepaliveSeconds': 'ruleKeepalive',
  'fleet.username': 'ruleTooLong',
  'fleet.password': 'ruleTooLong',
  'fleet.caFile': 'ruleTooLong',
  'fleet.policyKey': 'rulePolicyKey',
};

/** The reason the core gives for a key head office's policy sets (a form opened before the policy arrived). */
export const SET_BY_HEAD_OFFICE = 'set by head office';

export function fieldRule(path: string, reason?: string): DictKey | null {
  // Well-formed keys another program holds: the format rule would send the user the wrong way.
  if (path === 'shortcut' && reason === SHORTCUT_REFUSED_BY_SYSTEM) return 'ruleShortcutRefused';
  if (reason === SET_BY_HEAD_OFFICE) return 'setByHeadOffice';
  return RULES[path] ?? null;
}
