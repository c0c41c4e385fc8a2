import { UserError } from '../../src-main/core/errors';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { API_METHODS, API_METHOD_NAMES } from '../../src-main/core/api';
import { ipcChannel } from '../../src-main/shared/channels';
import { API_ARGS } from '../../src-main/core/api-args';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import type { IpcResult } from '../../src-main/shared/api-error';
import { buildCounterBridge } from '../../src-main/shared/bridge';
import { readApiError } from '../../src-main/shared/api-error';
import { makeCore } from '../helpers/core';

const APP_URL = 'file:///opt/counter-assist/resources/app/out/renderer/index.html';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>;

function wire() {
  const core = makeCore();
  const handlers = new Map<string, Listener>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => APP_URL),
  );
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
  const call = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  };
  const bridge = buildCounterBridge({
    invoke: (channel, ...args) => call(channel, frame(`${APP_URL}#/triage`), ...args),
    subscribe: () => () => undefined,
  });
  return { core, handlers, frame, call, bridge };
}

describe('the CounterApi seam', () => {
  it('the schema table and the method list name the same methods', () => {
    const fromArgs = Object.fromEntries(Object.entries(API_ARGS).map(([a, m]) => [a, Object.keys(m)]));
    expect(fromArgs).toEqual(JSON.parse(JSON.stringify(API_METHOD_NAMES)));
  });

  it('registers one IPC handler for every method', () => {
    const { handlers } = wire();
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannel).sort());
    expect(API_METHODS.length).toBeGreaterThanOrEqual(28);
  });

  it('every method of window.counter reaches its handler', async () => {
    const { bridge } = wire();
    for (const [area, methods] of Object.entries(API_METHOD_NAMES)) {
      for (const name of methods) {
        const fn = (bridge as unknown as Record<string, Record<string, unknown>>)[area]![name];
        expect(typeof fn, `${area}.${name}`).toBe('function');
      }
    }
    expect((await bridge.app.info()).version).toBe('0.0.0-test');
    const changed = await bridge.settings.set({ store: { name: '幸福超市' } });
    expect(changed.store.name).toBe('幸福超市');
    expect((await bridge.settings.get()).store.name).toBe('幸福超市');
  });

  it('refuses wrong arguments with a clear error, and the core never sees them', async () => {
    const { core, call, frame, bridge } = wire();
    const spy = vi.spyOn(core.api.settings, 'set');
    const ev = frame(APP_URL);
    const bad: unknown[][] = [
      [],
      ['zh'],
      [{ language: 'fr' }],
      [{ __proto__: { language: 'en' }, polluted: true }],
      [{ store: { hotlines: { bank: 'call me maybe' } } }],
      [{ language: 'en' }, 'extra'],
    ];
    for (const args of bad) {
      const result = await call('counter:settings.set', ev, ...args);
      expect(result.ok, JSON.stringify(args)).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-arguments');
        expect(result.error.detail).toMatch(/^settings\.set: /);
        expect(result.error.message['zh-CN']).toBeTruthy();
      }
    }
    expect(spy).not.toHaveBeenCalled();
    const huge = await call('counter:content.search', ev, 'x'.repeat(100_000), 'zh-CN');
    expect(huge.ok).toBe(false);
    // Through the bridge the renderer gets the same sentence back.
    const err = await bridge.flow.answer('not a session id!', -1).catch((e: unknown) => e);
    expect(readApiError(err).kind).toBe('invalid-arguments');
  });

  it('refuses calls from any frame but the app page', async () => {
    const { core, call, frame } = wire();
    const spy = vi.spyOn(core.api.settings, 'get');
    for (const ev of [
      frame('https://evil.example/'),
      frame('file:///tmp/other.html'),
      frame(APP_URL, { url: APP_URL }),
      { senderFrame: null } as unknown as IpcMainInvokeEvent,
    ]) {
      const result = await call('counter:settings.get', ev);
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(spy).not.toHaveBeenCalled();
    expect((await call('counter:settings.get', frame(APP_URL))).ok).toBe(true);
  });

  it('names the refused fields as data, from the IPC check and from the core alike', async () => {
    const { bridge } = wire();
    // Refused at the IPC check (the phone pattern is part of the argument schema).
    const atIpc = readApiError(await bridge.settings.set({ store: { hotlines: { bank: 'call me maybe' } } }).catch((e: unknown) => e));
    expect(atIpc.kind).toBe('invalid-arguments');
    expect(Object.keys(atIpc.fields)).toEqual(['store.hotlines.bank']);
    // Refused by the core itself (the CLI and the tests call it directly): the same fields.
    const { core } = wire();
    const atCore = await core.api.settings.set({ monitor: { intervalSeconds: 1 } }).catch((e: unknown) => e);
    expect(atCore).toBeInstanceOf(UserError);
    expect((atCore as UserError).fields).toEqual({ 'monitor.intervalSeconds': expect.stringMatching(/5/) });
  });

  it('passes a refusal from the core on as a sentence the cashier can read', async () => {
    const { bridge } = wire();
    const err = await bridge.flow.start('no-such-flow', null).catch((e: unknown) => e);
    const shape = readApiError(err);
    expect(shape.kind).toBe('failed');
    expect(shape.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(shape.message.en.length).toBeGreaterThan(5);
  });
});
