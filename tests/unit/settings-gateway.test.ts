import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileSettingsStore } from '../../src-main/core/settings/file-store';
import { createSettingsService } from '../../src-main/core/settings/service';
import { DEFAULT_SETTINGS } from '../../src-main/core/settings/schema';
import { isUserError, type UserError } from '../../src-main/core/errors';

const fresh = () => createSettingsService(openFileSettingsStore(mkdtempSync(join(tmpdir(), '门店 设置 '))));

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('network.gateway: the router the network check tries', () => {
  it('is empty by default (the route table), and a settings file from before it reads as empty', () => {
    expect(fresh().get().network.gateway).toBe('');
    const dir = mkdtempSync(join(tmpdir(), '门店 旧设置 '));
    const { gateway: _gone, ...older } = DEFAULT_SETTINGS.network;
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, network: older }));
    const store = openFileSettingsStore(dir);
    expect(store.notices).toEqual([]);
    expect(createSettingsService(store).get().network).toEqual({ ...older, gateway: '' });
  });

  it('takes an IPv4 or IPv6 address as typed (spaces trimmed), and empty again', () => {
    const s = fresh();
    expect(s.set({ network: { gateway: ' 192.168.1.1 ' } }).network.gateway).toBe('192.168.1.1');
    expect(s.set({ network: { gateway: 'fe80::1' } }).network.gateway).toBe('fe80::1');
    // From a Chinese input method: full-width digits and full stops.
    expect(s.set({ network: { gateway: '１９２．１６８．１．１' } }).network.gateway).toBe('192.168.1.1');
    expect(s.set({ network: { gateway: '' } }).network.gateway).toBe('');
  });

  it('refuses a name, garbage or a card number with the field named, and keeps what was saved', () => {
    const s = fresh();
    s.set({ network: { gateway: '192.168.1.1' } });
    for (const typed of ['my router', '192.168.1.300', 'router.local', '4111 1111 1111 1111', '192。168。1。1']) {
      const e = refusal(() => s.set({ network: { gateway: typed } }));
      expect(e.userMessage['zh-CN']).toContain('设置未保存');
      expect(Object.keys(e.fields)).toEqual(['network.gateway']);
    }
    expect(s.get().network.gateway).toBe('192.168.1.1');
  });
});
