import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import { pick, type Text } from '../../core/i18n';
import { WORDS } from '../../core/common/common-words';
import type { PortInfo } from '../../core/devices/types';

/** The role tags as the Devices screen words them. */
const ROLE_WORDS: Record<NonNullable<PortInfo['likelyRole']>, Text> = {
  printer: { 'zh-CN': '打印机', en: 'printer' },
  terminal: { 'zh-CN': '刷卡机', en: 'terminal' },
  adapter: { 'zh-CN': '转接线', en: 'adapter' },
};

const NOT_IDENTIFIED: Text = { 'zh-CN': '未识别', en: 'not identified' };
const NO_PORTS: Text = { 'zh-CN': '没有找到端口。', en: 'No ports found.' };

export function registerPorts(program: Command): void {
  program
    .command('ports')
    .description('list the serial, USB-serial and USB printer ports, with what their USB ids say they are')
    .action(async (_opts, cmd: Command) => {
      try {
        const listing = await coreFor(cmd).api.devices.ports();
        const lang = langOf(cmd);
        print(cmd, listing, () => {
          const lines = listing.ports.length
            ? listing.ports.map((p) => {
                const ids = p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '—';
                const what = p.identified ? pick(p.identified, lang) : (p.manufacturer ?? pick(NOT_IDENTIFIED, lang));
                const role = p.likelyRole ? ` [${pick(ROLE_WORDS[p.likelyRole], lang)}]` : '';
                return `${p.path}  ${ids}  ${what}${role}${p.serialNumber ? `  SN ${p.serialNumber}` : ''}`;
              })
            : [pick(NO_PORTS, lang)];
          return [...lines, ...listing.notes.map((n) => `${pick(WORDS.note, lang)}: ${pick(n, lang)}`)].join('\n');
        });
      } catch (e) {
        fail(cmd, e, 3);
      }
    });
}
