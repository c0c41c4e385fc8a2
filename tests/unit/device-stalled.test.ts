import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';
import type { CounterEvents } from '../../src-main/core/api';

describe('a monitor check that passed its safety net', () => {
  it('turns the last known network report unknown and announces it, so the tray stops showing an unconfirmed state', async () => {
    const seen: CounterEvents['devices'][] = [];
    const core = makeCore({ emit: (event, payload) => void (event === 'devices' && seen.push(payload as CounterEvents['devices'])) });
    core.settings.set({ network: { dnsName: 'localhost' } });
    const before = await core.api.devices.network();
    expect(before.state).not.toBe('unknown');

    core.devices.markStalled('network');

    const after = core.devices.snapshot().network;
    expect(after?.state).toBe('unknown');
    expect(after?.summary['zh-CN']).toBe('检查超时：设备没有在规定时间内完成应答，下次检查会重新打开');
    expect(after?.layers).toEqual(before.layers);
    expect(seen.at(-1)?.network?.state).toBe('unknown');
  });

  it('leaves a role that was never checked empty rather than inventing a device', () => {
    const core = makeCore();
    core.devices.markStalled('printer');
    core.devices.markStalled('terminal');
    expect(core.devices.snapshot()).toMatchObject({ printer: null, terminal: null });
  });
});
