import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';

export function registerPorts(program: Command): void {
  program
    .command('ports')
    .description('list the serial, USB-serial and USB printer ports, with what their USB ids say they are')
    .action(async (_opts, cmd: Command) => {
      try {
        const listing = await coreFor(cmd).api.devices.ports();
        const en = langOf(cmd) === 'en';
        print(cmd, listing, () => {
          const lines = listing.ports.length
            ? listing.ports.map((p) => {
                const ids = p.vendorId ? `${p.vendorId}:${p.productId ?? '????'}` : '—';
                const what = p.identified ?? (en ? 'not identified' : '未识别');
                const role = p.likelyRole ? ` [${p.likelyRole}]` : '';
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
