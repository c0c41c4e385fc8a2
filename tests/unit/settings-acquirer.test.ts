import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { isUserError, type UserError } from '../../src-main/core/errors';
import { typedPort } from '../../src-renderer/src/lib/typed-port';

const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), '门店 前置机 '));
  return { dir, s: createSettingsService(openFileSettingsStore(dir)) };
};

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('network.acquirerHost and acquirerPort: the front end a relaying register reaches', () => {
  it('are empty and unset by default, and a settings file from before them reads that way', () => {
    expect(fresh().s.get().network).toMatchObject({ acquirerHost: '', acquirerPort: null });
    const dir = mkdtempSync(join(tmpdir(), '门店 旧设置 '));
    const { acquirerHost: _h, acquirerPort: _p, ...older } = DEFAULT_SETTINGS.network;
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, network: older }));
    const store = openFileSettingsStore(dir);
    expect(store.notices).toEqual([]);
    expect(createSettingsService(store).get().network).toEqual({ ...older, acquirerHost: '', acquirerPort: null });
  });

  it('take an address and port as an input method types them: full-width digits and spaces tidied', () => {
    const { s, dir } = fresh();
    expect(s.set({ network: { acquirerHost: ' １０．１．２．３ ', acquirerPort: 5000 } }).network).toMatchObject({
      acquirerHost: '10.1.2.3',
      acquirerPort: 5000,
    });
    // The CLI hands a value that is not JSON on as text: "８ ０００" from a sticker.
    expect(s.set({ network: { acquirerPort: '８ ０００' as unknown as number } }).network.acquirerPort).toBe(8000);
    expect(s.set({ network: { acquirerHost: 'mis.front-end.acquirer.cn' } }).network.acquirerHost).toBe('mis.front-end.acquirer.cn');
    expect(s.set({ network: { acquirerHost: 'fe80::1' } }).network.acquirerHost).toBe('fe80::1');
    // The form's field as the window sends it.
    expect(s.set({ network: { acquirerPort: typedPort('６００１') } }).network.acquirerPort).toBe(6001);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      network: { acquirerHost: string; acquirerPort: number };
    };
    expect(onDisk.network).toMatchObject({ acquirerHost: 'fe80::1', acquirerPort: 6001 });
    // Empty again: the terminal no longer relays through this PC.
    expect(s.set({ network: { acquirerHost: '', acquirerPort: typedPort('') } }).network).toMatchObject({
      acquirerHost: '',
      acquirerPort: null,
    });
  });

  it('refuse garbage in the address with the field named in both languages, and keep what was saved', () => {
    const { s } = fresh();
    s.set({ network: { acquirerHost: '10.1.2.3', acquirerPort: 5000 } });
    for (const typed of [
      '收单 前置机',
      'http://10.1.2.3/',
      '10.1.2.300',
      '-front.cn',
      'a..b',
      '4111 1111 1111 1111',
      '10.1.2.3:5000',
      '10。1。2。3',
      'x'.repeat(254),
    ]) {
      const e = refusal(() => s.set({ network: { acquirerHost: typed } }));
      expect(e.userMessage['zh-CN']).toContain('设置未保存');
      expect(e.userMessage.en).toContain('Settings not saved');
      expect(Object.keys(e.fields)).toEqual(['network.acquirerHost']);
    }
    // "host:port" in the address field says where the port goes.
    expect(refusal(() => s.set({ network: { acquirerHost: '10.1.2.3:5000' } })).fields['network.acquirerHost']).toMatch(
      /port goes in network.acquirerPort/,
    );
    expect(s.get().network).toMatchObject({ acquirerHost: '10.1.2.3', acquirerPort: 5000 });
  });

  it('refuse a port that is not 1–65535, and an address without its port', () => {
    const { s } = fresh();
    for (const typed of [0, 65536, 50.5, Number.NaN, '五千', '50 00x', '-1', true]) {
      const e = refusal(() => s.set({ network: { acquirerPort: typed as number } }));
      expect(e.userMessage['zh-CN']).toContain('设置未保存');
      expect(Object.keys(e.fields)).toEqual(['network.acquirerPort']);
    }
    // No port is a default: the address alone is refused, naming the port.
    const e = refusal(() => s.set({ network: { acquirerHost: '10.1.2.3' } }));
    expect(Object.keys(e.fields)).toEqual(['network.acquirerPort']);
    expect(e.userMessage.en).toMatch(/The acquirer front end port is required when network.acquirerHost is set/);
    expect(s.get().network).toMatchObject({ acquirerHost: '', acquirerPort: null });
    // The port first, then the address, as two `settings set` commands do it.
    s.set({ network: { acquirerPort: 5000 } });
    expect(s.set({ network: { acquirerHost: '10.1.2.3' } }).network).toMatchObject({ acquirerHost: '10.1.2.3', acquirerPort: 5000 });
  });
});
