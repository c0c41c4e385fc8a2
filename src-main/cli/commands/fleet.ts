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
import { pick, type Lang, type Text } from '../../core/i18n';
import { yesNo } from '../../core/common/common-words';
import { STATE_WORDS } from '../../core/common/device-words';
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

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const SAY = {
  connected: t('已连接总部服务器。', 'Connected to head office.'),
  disconnected: t('与总部服务器的连接断开，正在重连。', 'Connection to head office lost; reconnecting.'),
  waiting: t(
    '另一个程序（收银台助手？）正在使用本收银台的总部连接，等待中。',
    'Another program (the app?) holds this counter’s connection; waiting.',
  ),
  sent: (n: number) => t(`已发送 ${n} 条故障记录并获确认。`, `${n} incident(s) sent and acknowledged.`),
  head: [
    t('门店', 'store'),
    t('收银台', 'counter'),
    t('在线', 'online'),
    t('状态', 'state'),
    t('最差设备', 'worst device'),
    t('最后消息', 'last seen'),
    t('版本', 'version'),
    t('今日故障', 'incidents today'),
  ],
  configured: t('已设置', 'configured'),
  enabled: t('程序内启用', 'enabled in the app'),
  connectedNow: t('当前已连接', 'connected now'),
  process: t('进程', 'process'),
  pending: t('待发送', 'waiting to send'),
  lastAcknowledged: t('最近确认', 'last acknowledged'),
};

function eventLine(e: PublisherEvent, lang: Lang): string {
  switch (e.kind) {
    case 'connected':
      return pick(SAY.connected, lang);
    case 'disconnected':
      return pick(SAY.disconnected, lang);
    case 'waiting-for-lock':
      return pick(SAY.waiting, lang);
    case 'sent':
      return pick(SAY.sent(e.count), lang);
    case 'error':
      return pick(e.error.userMessage, lang);
    case 'policy':
      return policyEventLine(e.outcome, lang);
  }
}

function rowsText(rows: CounterRow[], lang: Lang): string {
  const head = [...SAY.head, POLICY_COLUMN].map((h) => pick(h, lang));
  const body = rows.map((r) => [
    r.store,
    r.counter,
    pick(yesNo(r.online), lang),
    pick(STATE_WORDS[r.state], lang),
    r.worst ? `${r.worst.device} ${pick(STATE_WORDS[r.worst.state], lang)}` : '-',
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
      const lang = langOf(cmd);
      const say = (text: Text): string => pick(text, lang);
      const yes = (b: boolean): string => say(yesNo(b));
      const last = s.outbox.lastAcknowledged;
      print(cmd, s, () =>
        [
          `${say(SAY.configured)}: ${yes(s.configured)}${s.configured ? `  ${s.url}  ${s.store}/${s.counter}` : ''}`,
          `${say(SAY.enabled)}: ${yes(s.enabled)}`,
          `${say(SAY.connectedNow)}: ${yes(s.connected)}${s.holder ? `  (${say(SAY.process)} ${s.holder.pid}, ${s.holder.kind})` : ''}`,
          `${say(SAY.pending)}: ${s.outbox.pending}`,
          `${say(SAY.lastAcknowledged)}: ${last ? `${last.id}  ${last.at ?? ''}` : '-'}`,
          ...policyStatusLines(s, lang),
        ].join('\n'),
      );
    });
}
