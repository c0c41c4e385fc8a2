import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { DEFAULT_SETTINGS, type FleetSettings } from '../../src-main/core/settings/schema';
import type { Incident } from '../../src-main/core/incidents/types';
import { newIncidentId } from '../../src-main/core/incidents/ids';

export const MAIN = join(import.meta.dirname, '..', '..', 'src-main', 'cli', 'main.ts');

/** A data folder whose settings point the fleet at `fleet`. */
export function fleetDataDir(fleet: Partial<FleetSettings>): string {
  const dir = mkdtempSync(join(tmpdir(), 'counter-fleet-'));
  const settings = { ...DEFAULT_SETTINGS, fleet: { ...DEFAULT_SETTINGS.fleet, enabled: true, store: 'store-a', counter: 'c1', ...fleet } };
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2), { mode: 0o600 });
  return dir;
}

export function incident(note: string, at = new Date()): Incident {
  return {
    id: newIncidentId(at),
    at: at.toISOString(),
    symptom: 'declined',
    code: '51',
    flowId: null,
    outcome: null,
    path: [],
    paidBy: null,
    amount: null,
    note,
    devices: { printer: null, terminal: null, network: null },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real CLI in its own Node process. */
export function cliAsync(dataDir: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawnCli(dataDir, ...args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export function spawnCli(dataDir: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  });
}

export interface Received {
  topic: string;
  json: Record<string, unknown>;
  retain: boolean;
}

/** Head office: a subscriber on the same broker that keeps every message it gets. */
export async function headOffice(url: string, options: mqtt.IClientOptions = {}): Promise<{ client: MqttClient; got: Received[] }> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, protocolVersion: 5, ...options });
  const got: Received[] = [];
  client.on('message', (topic, payload, packet) =>
    got.push({ topic, json: JSON.parse(payload.toString()) as Record<string, unknown>, retain: packet.retain }),
  );
  await client.subscribeAsync('counter-assist/v1/#', { qos: 1 });
  return { client, got };
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
