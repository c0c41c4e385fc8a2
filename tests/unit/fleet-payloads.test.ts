import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetJsonSchemas, incidentPayload, statusPayload, statusTopicSchema } from '../../src-main/core/fleet/payloads';
import { fleetSchemaFiles } from '../../src-main/core/fleet/schema-files';
import { parseTopic, counterTopic, watchFilter, watchSubscriptions } from '../../src-main/core/fleet/topics';
import { FleetTable } from '../../src-main/core/fleet/watcher';
import { hideSecrets } from '../../src-main/core/common/fleet-secrets';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { incident } from '../helpers/fleet';

const SCHEMAS = join(import.meta.dirname, '..', '..', 'docs', 'schemas');

describe('fleet payloads', () => {
  it('docs/schemas holds each payload JSON Schema exactly as the zod schemas generate it (npm run docs:schemas)', () => {
    const files = fleetSchemaFiles();
    expect(Object.keys(files).sort()).toEqual(readdirSync(SCHEMAS).sort());
    for (const [name, text] of Object.entries(files)) expect(readFileSync(join(SCHEMAS, name), 'utf8'), name).toBe(text);
    // Each file is the schema of one payload, not a copy of another.
    expect(new Set(Object.values(files)).size).toBe(Object.keys(fleetJsonSchemas()).length);
  });

  it('masks a card number anywhere in a status or incident payload (first 6 + last 4)', () => {
    const i = incident('客户卡号 6222 0212 3456 7890 128，余额不足');
    const wire = JSON.stringify(incidentPayload(i, { store: 's1', counter: 'c1' }));
    expect(wire).not.toContain('6222 0212 3456 7890 128');
    const s = statusPayload({ printer: null, terminal: null, network: null }, true, '1.0.0', new Date('2026-11-21T08:00:00Z'));
    expect(s).toEqual({
      online: true,
      state: 'unknown',
      devices: { printer: null, terminal: null, network: null },
      version: '1.0.0',
      at: '2026-11-21T08:00:00.000Z',
    });
    expect(statusTopicSchema.safeParse(s).success).toBe(true);
    expect(statusTopicSchema.safeParse({ online: false, at: '2026-11-21T08:00:00.000Z' }).success).toBe(true);
    expect(statusTopicSchema.safeParse({ online: 'yes' }).success).toBe(false);
  });

  it('builds and reads the topics, and refuses what is not ours', () => {
    expect(counterTopic('store-1', 'c_2', 'status')).toBe('counter-assist/v1/store-1/c_2/status');
    expect(parseTopic('counter-assist/v1/store-1/c_2/incidents')).toEqual({ store: 'store-1', counter: 'c_2', channel: 'incidents' });
    for (const bad of [
      'counter-assist/v1/store-1/status',
      'counter-assist/v2/a/b/status',
      'counter-assist/v1/a/b/c/status',
      'counter-assist/v1/a/b/other',
    ]) {
      expect(parseTopic(bad)).toBeNull();
    }
    expect(watchFilter()).toBe('counter-assist/v1/#');
    expect(watchFilter('s9')).toBe('counter-assist/v1/s9/#');
    // Head office takes status at QoS 0 (the latest picture; retained again on reconnect), the rest at QoS 1.
    expect(watchSubscriptions('s9')).toEqual({
      'counter-assist/v1/s9/+/status': { qos: 0 },
      'counter-assist/v1/s9/+/incidents': { qos: 1 },
      'counter-assist/v1/s9/_policy': { qos: 1 },
      'counter-assist/v1/_policy': { qos: 1 },
    });
    expect(Object.keys(watchSubscriptions())).toContain('counter-assist/v1/+/_policy');
  });

  it('hides the password wherever settings are printed', () => {
    const s = { ...DEFAULT_SETTINGS, fleet: { ...DEFAULT_SETTINGS.fleet, password: 'pw' } };
    expect(JSON.stringify(hideSecrets(s))).not.toContain('"pw"');
    expect(hideSecrets(s.fleet, 'fleet')).toMatchObject({ password: '***' });
    expect(hideSecrets('pw', 'fleet.password')).toBe('***');
    expect(hideSecrets('', 'fleet.password')).toBe('');
    expect(hideSecrets('mqtt://x', 'fleet.url')).toBe('mqtt://x');
  });
});

describe('the head-office table', () => {
  const now = new Date('2026-11-21T06:00:00Z');
  const printer = {
    kind: 'printer',
    target: '/dev/ttyUSB0',
    protocol: 'escpos',
    answering: true,
    state: 'warning',
    summary: { 'zh-CN': '快没纸了', en: 'Paper low' },
    at: now.toISOString(),
    problem: null,
  };

  it('folds retained status, the Will and incidents into one row per counter', () => {
    const table = new FleetTable('Asia/Shanghai', () => now);
    const status = {
      online: true,
      state: 'warning',
      devices: { printer, terminal: null, network: null },
      version: '1.2.0',
      at: now.toISOString(),
    };
    expect(table.apply('counter-assist/v1/s1/c1/status', JSON.stringify(status))).toBe(true);
    const i = { ...incident('x', now), store: 's1', counter: 'c1' };
    table.apply('counter-assist/v1/s1/c1/incidents', JSON.stringify(i));
    // QoS 1 may deliver one twice: counted once.
    expect(table.apply('counter-assist/v1/s1/c1/incidents', JSON.stringify(i))).toBe(false);
    table.apply(
      'counter-assist/v1/s1/c1/incidents',
      JSON.stringify({ ...incident('y', new Date('2026-11-19T06:00:00Z')), store: 's1', counter: 'c1' }),
    );
    expect(table.list()).toEqual([
      {
        store: 's1',
        counter: 'c1',
        online: true,
        state: 'warning',
        worst: { device: 'printer', state: 'warning' },
        lastSeen: now.toISOString(),
        version: '1.2.0',
        incidentsToday: 1,
        policy: null,
        policyBehind: false,
      },
    ]);
    table.apply('counter-assist/v1/s1/c1/status', JSON.stringify({ online: false, at: '2026-11-21T05:00:00.000Z' }));
    expect(table.list()[0]).toMatchObject({ online: false, state: 'warning', lastSeen: now.toISOString() });
  });

  it('ignores garbage without losing the rows it has', () => {
    const table = new FleetTable('Asia/Shanghai', () => now);
    table.apply('counter-assist/v1/s1/c1/status', JSON.stringify({ online: false, at: now.toISOString() }));
    for (const junk of ['{', '\u0000\u0001', '{"online":"maybe"}', '[]', 'null', '{"id":"x"}']) {
      expect(table.apply('counter-assist/v1/s1/c1/status', junk)).toBe(false);
      expect(table.apply('counter-assist/v1/s1/c1/incidents', junk)).toBe(false);
    }
    expect(table.apply('counter-assist/v1/s1/status', '{}')).toBe(false);
    expect(table.ignored).toBe(12);
    expect(table.list()).toHaveLength(1);
  });
});
