import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import { pick, type Text } from '../../core/i18n';
import type { PortInfo } from '../../core/devices/types';

/** The role tags as the Devices screen words them. */
const ROLE_WORDS: Record<NonNullable<PortInfo['likelyRole']>, Text> = {
  printer: { 'zh-CN': '打印机', en: 'printer' },
  terminal: { 'zh-CN': '刷卡机', en: 'terminal' },
  adapter: { 'zh-CN': '转接线', en: 'adapter' },
};

export function registerPorts(program: Command): void {
  program
    .command('ports')
    .description('list the serial, USB-serial and USB printer ports, with what their USB ids say they are')
    .action(async (_opts, cmd: Command) => {
      try {
        const listing = await coreFor(cmd).api.devices.ports();
        const lang = langOf(cmd);
        const en = lang === 'en';
        print(cmd, listing, () => {
          const lines = listing.ports.length
            ? listing.ports.map((p) => {
                const ids = p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '—';
                const what = p.identified ? pick(p.identified, lang) : (p.manufacturer ?? (en ? 'not identified' : '未识别'));
                const role = p.likelyRole ? ` [${pick(ROLE_WORDS[p.likelyRole], lang)}]` : '';
                return `${p.path}  ${ids}  ${what}${role}${p.serialNumber ? `  SN ${p.serialNumber}` : ''}`;
              })
            : [en ? 'No ports found.' : '没有找到端口。'];
          return [...lines, ...listing.notes.map((n) => `${en ? 'Note' : '注意'}: ${n[en ? 'en' : 'zh-CN']}`)].join('\n');
        });
      } catch (e) {
        fail(cmd, e, 3);
      }
    });
}
