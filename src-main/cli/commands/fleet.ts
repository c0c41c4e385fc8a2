import type { Command } from 'commander';
import { coreFor, fail, langOf, print } from '../context';
import type { Core } from '../../core/create-api';
import type { DeviceSnapshot } from '../../core/devices/types';
import { fleetPush } from '../../core/fleet/push';
import { fleetStatus } from '../../core/fleet/status';
import { isUserError } from '../../core/errors';
import { startPublisher, type PublisherEvent } from '../../core/fleet/publisher';
import { LISTEN_MS, watchFleet, watchOnce } from '../../core/fleet/watcher';
import type { CounterRow } from '../../core/fleet/types';
import { systemTimeZone } from '../../core/incidents/zone';
import { pick, type Lang } from '../../core/i18n';
import pkg from '../../../package.json' with { type: 'json' };
import { POLICY_COLUMN, policyCell, policyEventLine, policyStatusLines, registerFleetPolicy } from './fleet-policy';

/** The data folder the core was built on (the same rule as every command). */
async function dataDirOf(core: Core): Promise<string> {
  return (await core.api.app.info()).dataDir;
}

/** Read the configured devices now, as `status` would; the network only when a payment host or acquirer front end is set. */
async function probeConfigured(core: Core): Promise<DeviceSnapshot> {
  const s = core.settings.get();
  await Promise.all([
    s.devices.printer ? core.api.devices.probe('printer') : null,
    s.devices.terminal ? core.api.devices.probe('terminal') : null,
    s.network.paymentHost || s.network.acquirerHost ? core.api.devices.network() : null,
  ]);
  return core.devices.snapshot();
}

/** A refusal the user can act on exits 2; anything unexpected exits 1. */
function failFleet(cmd: Command, e: unknown): never {
  fail(cmd, e, isUserError(e) ? 2 : 1);
}

function eventLine(e: PublisherEvent, lang: Lang): string {
  const en = lang === 'en';
  switch (e.kind) {
    case 'connected':
      return en ? 'Connected to head office.' : '已连接总部服务器。';
    case 'disconnected':
      return en ? 'Connection to head office lost; reconnecting.' : '与总部服务器的连接断开，正在重连。';
    case 'waiting-for-lock':
      return en
        ? 'Another program (the app?) holds this counter’s connection; waiting.'
        : '另一个程序（收银台助手？）正在使用本收银台的总部连接，等待中。';
    case 'sent':
      return en ? `${e.count} incident(s) sent and acknowledged.` : `已发送 ${e.count} 条故障记录并获确认。`;
    case 'error':
      return pick(e.error.userMessage, lang);
    case 'policy':
      return policyEventLine(e.outcome, lang);
  }
}

function rowsText(rows: CounterRow[], lang: Lang): string {
  const en = lang === 'en';
  const head = en
    ? ['store', 'counter', 'online', 'state', 'worst device', 'last seen', 'version', 'incidents today']
    : ['门店', '收银台', '在线', '状态', '最差设备', '最后消息', '版本', '今日故障'];
  head.push(pick(POLICY_COLUMN, lang));
  const body = rows.map((r) => [
    r.store,
    r.counter,
    r.online ? (en ? 'yes' : '是') : en ? 'no' : '否',
    r.state,
    r.worst ? `${r.worst.device} ${r.worst.state}` : '-',
    r.lastSeen ?? '-',
    r.version ?? '-',
    String(r.incidentsToday),
    policyCell(r, lang),
  ]);
  return [head, ...body].map((cols) => cols.join('\t')).join('\n');
}

export function registerFleet(program: Command): void {
  const fleet = program.command('fleet').description('head office over MQTT: push, run, status, watch, policy');
  registerFleetPolicy(fleet);

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
    .command('run')
    .description('stay connected as the app does: status on every monitor tick, incidents within seconds; stops cleanly on Ctrl+C')
    .action(async (_opts, cmd: Command) => {
      const core = coreFor(cmd);
      const lang = langOf(cmd);
      const settings = core.settings.get();
      let publisher;
      try {
        publisher = startPublisher({
          dataDir: await dataDirOf(core),
          fleet: settings.fleet,
          snapshot: () => core.devices.snapshot(),
          version: pkg.version,
          onEvent: (e) => process.stderr.write(`${eventLine(e, lang)}\n`),
        });
      } catch (e) {
        failFleet(cmd, e);
      }
      const p = publisher;
      let tick: NodeJS.Timeout | null = null;
      const loop = async (): Promise<void> => {
        await core.monitor.tick().catch(() => undefined);
        p.publishStatus();
        tick = setTimeout(() => void loop(), settings.monitor.intervalSeconds * 1000);
      };
      void loop();
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          if (tick) clearTimeout(tick);
          void p.stop().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.exit(0);
    });

  fleet
    .command('watch')
    .description('head office: one row per counter from the retained status and the incidents')
    .option('--once', 'print what the retained messages and a short listen say, then exit')
    .option('--store <id>', 'only this store')
    .option('--listen <ms>', 'how long --once listens', '1500')
    .action(async (opts: { once?: boolean; store?: string; listen: string }, cmd: Command) => {
      const core = coreFor(cmd);
      const lang = langOf(cmd);
      const json = Boolean(cmd.optsWithGlobals<{ json?: boolean }>().json);
      const watch = { fleet: core.settings.get().fleet, ...(opts.store ? { store: opts.store } : {}), timeZone: systemTimeZone() };
      if (opts.once) {
        let rows: CounterRow[];
        try {
          rows = await watchOnce({ ...watch, listenMs: Number(opts.listen) || LISTEN_MS });
        } catch (e) {
          failFleet(cmd, e);
        }
        print(cmd, rows, () => rowsText(rows, lang));
        process.exit(0);
      }
      try {
        await watchFleet({
          ...watch,
          onChange: (table) => {
            process.stdout.write(json ? `${JSON.stringify(table.list())}\n` : `\n${rowsText(table.list(), lang)}\n`);
          },
        });
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
          ...policyStatusLines(s, langOf(cmd)),
        ].join('\n'),
      );
    });
}
