import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monthKey } from '../../src-main/core/incidents/zone';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { cliAsync, fleetDataDir, headOffice, incident, spawnCli, until } from '../helpers/fleet';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

const brokers: Broker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

const N = 5000;

describe.skipIf(need.skip)('a push killed half-way', () => {
  it('re-sends at most what was not acknowledged: every incident arrives, the repeats are only the unsaved tail', async () => {
    // Head office subscribes at QoS 1; with 5 000 incidents pushed at once, the broker's default
    // queue of 1 000 per subscriber drops the rest whenever the subscriber falls behind.
    const b = await makeBroker({ maxQueuedMessages: 2 * N });
    brokers.push(b);
    await b.start();
    const dir = fleetDataDir({ url: b.url });
    const ids: string[] = [];
    const lines = new Map<string, string[]>();
    const t0 = Date.now() - N * 1000;
    for (let i = 0; i < N; i++) {
      const at = new Date(t0 + i * 1000);
      const rec = incident(`crash ${i}`, at);
      ids.push(rec.id);
      const month = monthKey(at, 'Asia/Shanghai');
      lines.set(month, [...(lines.get(month) ?? []), JSON.stringify(rec)]);
    }
    mkdirSync(join(dir, 'incidents'), { recursive: true });
    for (const [month, ls] of lines) writeFileSync(join(dir, 'incidents', `${month}.jsonl`), `${ls.join('\n')}\n`);

    const office = await headOffice(b.url);
    const got = () => office.got.filter((m) => m.topic.endsWith('/incidents')).map((m) => String(m.json.id));
    const push = spawnCli(dir, 'fleet', 'push');
    // Kill only once the pusher has saved a position: before its first save, a kill is the trivial
    // case (nothing acknowledged, everything re-sent), and on a fast machine 200 messages can reach
    // head office before the first PUBACK is written down.
    const outboxFile = join(dir, 'fleet-outbox.json');
    await until(() => got().length >= 200 && existsSync(outboxFile), 60_000, 'the first incidents and a saved position');
    push.kill('SIGKILL');
    await new Promise((r) => push.once('exit', r));
    const firstRun = got().length;
    const saved = JSON.parse(readFileSync(outboxFile, 'utf8')) as { total: number; lastId: string };
    // The saved position never claims more than the broker delivered.
    expect(saved.total).toBeLessThanOrEqual(firstRun);
    expect(saved.lastId).toBe(ids[saved.total - 1]);
    expect(saved.total).toBeLessThan(N);

    const again = await cliAsync(dir, '--json', 'fleet', 'push');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ sent: N - saved.total });
    // The pusher has every PUBACK; head office's own copies may trail behind on a loaded machine.
    await until(() => new Set(got()).size === N, 60_000, 'every incident');
    const all = got();
    // The second push starts right after the saved position, oldest first.
    expect(all.slice(firstRun)).toEqual(ids.slice(saved.total));
    // Repeats are only what was delivered but not yet saved when the process died.
    expect(all.length - N).toBe(firstRun - saved.total);
    await office.client.endAsync();
  }, 120_000);
});
