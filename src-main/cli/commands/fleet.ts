import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import type { Core } from '../../core/create-api';
import type { DeviceSnapshot } from '../../core/devices/types';
import { fleetPush } from '../../core/fleet/push';
import { fleetStatus } from '../../core/fleet/status';
import { isUserError } from '../../core/errors';
import pkg from '../../../package.json' with { type: 'json' };

/** The data folder the core was built on (the same rule as every command). */
async function dataDirOf(core: Core): Promise<string> {
  return (await core.api.app.info()).dataDir;
}

/** Read the configured devices now, as `status` would; the network only when a payment host is set. */
async function probeConfigured(core: Core): Promise<DeviceSnapshot> {
  const s = core.settings.get();
  await Promise.all([
    s.devices.printer ? core.api.devices.probe('printer') : null,
    s.devices.terminal ? core.api.devices.probe('terminal') : null,
    s.network.paymentHost ? core.api.devices.network() : null,
  ]);
  return core.devices.snapshot();
}

/** A refusal the user can act on exits 2; anything unexpected exits 1. */
function failFleet(cmd: Command, e: unknown): never {
  fail(cmd, e, isUserError(e) ? 2 : 1);
}

export function registerFleet(program: Command): void {
  const fleet = program.command('fleet').description('head office over MQTT: push, run, status, watch');

  fleet
    .command('push')
    .description('connect, publish status and every incident not yet acknowledged, disconnect; exit 2 when the broker cannot be used')
    .action(async (_opts, cmd: Command) => {
      const core = coreFor(cmd);
      try {
        const result = await fleetPush({
          dataDir: await dataDirOf(core),
          fleet: core.settings.get().fleet,
          snapshot: () => probeConfigured(core),
          version: pkg.version,
        });
        const en = langOf(cmd) === 'en';
        print(cmd, result, () =>
          result.status === 'left-to-holder'
            ? en
              ? `The counter's app (process ${result.holderPid}) holds the connection and has sent every incident.`
              : `收银台程序（进程 ${result.holderPid}）持有总部连接，已把全部故障记录发出。`
            : en
              ? `Status published; ${result.sent} incident(s) sent and acknowledged.`
              : `状态已发布；已发送 ${result.sent} 条故障记录，总部服务器均已确认。`,
        );
      } catch (e) {
        failFleet(cmd, e);
      }
    });

  fleet
    .command('status')
    .description('configured?, connected now (when the app runs), outbox size, last acknowledged incident')
    .action(async (_opts, cmd: Command) => {
      const core = coreFor(cmd);
      const s = await fleetStatus(await dataDirOf(core), core.settings.get().fleet);
      const en = langOf(cmd) === 'en';
      const yes = (b: boolean): string => (en ? (b ? 'yes' : 'no') : b ? '是' : '否');
      print(cmd, s, () =>
        [
          `${en ? 'configured' : '已设置'}: ${yes(s.configured)}${s.configured ? `  ${s.url}  ${s.store}/${s.counter}` : ''}`,
          `${en ? 'enabled in the app' : '程序内启用'}: ${yes(s.enabled)}`,
          `${en ? 'connected now' : '当前已连接'}: ${yes(s.connected)}${s.holder ? `  (${en ? 'process' : '进程'} ${s.holder.pid}, ${s.holder.kind})` : ''}`,
          `${en ? 'waiting to send' : '待发送'}: ${s.outbox.pending}`,
          `${en ? 'last acknowledged' : '最近确认'}: ${s.outbox.lastAcknowledged ? `${s.outbox.lastAcknowledged.id}  ${s.outbox.lastAcknowledged.at ?? ''}` : '-'}`,
        ].join('\n'),
      );
    });
}
