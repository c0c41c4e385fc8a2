import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { openIncidentLog } from '../../src-main/core/incidents/log';
import { ensureCliBundle, type CliResult } from '../helpers/cli';
import { fleetDataDir, headOffice, incident, until } from '../helpers/fleet';
import { makeBroker, type Broker } from '../helpers/mosquitto';
import { needs } from '../helpers/needs';

const need = needs('mosquitto');

/**
 * The shipped bundle's fleet commands against a real mosquitto. MQTT.js reaches the bundle
 * through a stand-in that loads it on first connect (scripts/build-cli.mjs), which the fleet
 * tests on the sources never go through.
 */
let broker: Broker | undefined;
afterAll(async () => {
  await broker?.stop();
});

function bundle(dataDir: string, ...args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [ensureCliBundle(), '--data-dir', dataDir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(need.skip)('the bundled fleet commands on a real mosquitto', () => {
  it('fleet push connects through the lazily loaded MQTT.js and delivers the incidents; fleet watch --once sees the counter', async () => {
    broker = await makeBroker();
    await broker.start();
    const dir = fleetDataDir({ url: broker.url });
    const log = openIncidentLog(dir, 'Asia/Shanghai');
    const ids = [(await log.append(incident('first'))).id, (await log.append(incident('second', new Date(Date.now() + 1)))).id];
    const office = await headOffice(broker.url);

    const push = await bundle(dir, '--json', 'fleet', 'push');
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    expect(JSON.parse(push.stdout)).toMatchObject({ status: 'published', sent: 2 });
    await until(() => office.got.filter((m) => m.topic.endsWith('/incidents')).length >= 2, 10_000, 'two incidents');
    expect(office.got.filter((m) => m.topic.endsWith('/incidents')).map((m) => (m.json as { id: string }).id)).toEqual(ids);

    const watch = await bundle(dir, '--json', 'fleet', 'watch', '--once');
    expect(watch.code, watch.stderr).toBe(0);
    expect(watch.stdout).toContain('c1');
    office.client.end(true);
  }, 60_000);
});
