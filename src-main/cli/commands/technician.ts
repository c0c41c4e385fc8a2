import type { Command } from 'commander';
import { coreFor, exitCodeOf, fail, langOf, print } from '../context';
import { UserError } from '../../core/errors';
import { PIN_FILE, removePinFile } from '../../core/technician/pin-file';
import { join } from 'node:path';

/**
 * The way back from a forgotten technician PIN. It needs a shell on the store PC with the rights
 * of the user whose data folder it is: the same access that could delete the file by hand.
 */
export function registerTechnician(program: Command): void {
  const technician = program.command('technician').description('the technician lock in front of the settings and device screens');

  technician
    .command('reset-pin')
    .description('remove the technician PIN (for a forgotten PIN); needs --yes')
    .option('--yes', 'really remove it')
    .action(async (opts: { yes?: boolean }, cmd: Command) => {
      try {
        if (!opts.yes) {
          throw new UserError(
            {
              'zh-CN': '这会删除技术人员密码，设置和设备页面将不再需要密码。确认请加上 --yes 再运行。',
              en: 'This removes the technician PIN: the settings and device screens will open without one. Run it again with --yes to confirm.',
            },
            'reset-pin without --yes',
          );
        }
        const dataDir = (await coreFor(cmd).api.app.info()).dataDir;
        const removed = removePinFile(dataDir);
        const lang = langOf(cmd);
        const said = removed
          ? { 'zh-CN': '技术人员密码已删除。请在“设置”里设一个新密码。', en: 'The technician PIN is removed. Set a new one in Settings.' }
          : { 'zh-CN': '没有设置技术人员密码，无需删除。', en: 'No technician PIN was set; nothing to remove.' };
        print(cmd, { removed, file: join(dataDir, PIN_FILE) }, () => said[lang]);
      } catch (e) {
        fail(cmd, e, exitCodeOf(e));
      }
    });
}
