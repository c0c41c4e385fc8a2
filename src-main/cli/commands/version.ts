import type { Command } from 'commander';
import { coreFor, print } from '../context';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('app, Node and OS versions, and the data folder in use')
    .action(async (_opts, cmd: Command) => {
      const info = await coreFor(cmd).api.app.info();
      print(cmd, info, () =>
        [
          `${info.name} ${info.version}`,
          `Node ${info.node} · ${info.platform} ${info.arch} ${info.osRelease}`,
          `data: ${info.dataDir}`,
          `content: ${info.content.id || '?'} (${info.content.files} files)`,
        ].join('\n'),
      );
    });
}
