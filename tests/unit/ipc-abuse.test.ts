import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { API_METHOD_NAMES } from '../../src-main/core/api';
import { ipcChannel } from '../../src-main/shared/channels';
import { API_ARGS } from '../../src-main/core/api-args';
import { registerApi, trustedSenderCheck } from '../../src-main/shell/ipc';
import type { IpcResult } from '../../src-main/shared/api-error';
import { makeCore } from '../helpers/core';
import { CHEAP_PIN_COST } from '../helpers/pin-cost';

/*
 * A renderer that sends everything but what the contract says: wrong types, wrong counts, huge
 * strings, deep nesting, prototype pollution, NaN and friends, and calls from frames that are not
 * the app's page. Every call is refused before the core runs, and nothing is polluted.
 */

const APP_URL = 'file:///opt/counter-assist/resources/app/out/renderer/index.html';
type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult>;
type Methods = Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;

/** Arguments each method accepts, so a test can change one thing at a time. */
const VALID: Record<string, unknown[]> = {
  'app.info': [],
  'app.notices': [],
  'technician.status': [],
  'technician.unlock': ['2580'],
  'technician.lock': [],
  'technician.setPin': [null, '2580'],
  'technician.removePin': ['2580'],
  'settings.get': [],
  'settings.set': [{ language: 'en' }],
  'content.tiles': [],
  'content.flows': [],
  'content.search': ['小票出不来', 'zh-CN'],
  'content.code': ['51'],
  'content.codes': [],
  'content.payments': [],
  'flow.start': ['declined', null],
  'flow.answer': ['session-1', 0],
  'flow.back': ['session-1'],
  'flow.restart': ['session-1'],
  'devices.ports': [],
  'devices.snapshot': [],
  'devices.probe': ['printer'],
  'devices.probeTarget': ['/dev/ttyUSB0', 'escpos'],
  'devices.network': [],
  'devices.printTest': [],
  'devices.traffic': [],
  'devices.misClients': [],
  'printQueues.list': [],
  'printQueues.jobs': ['receipt'],
  'printQueues.resume': ['EPSON TM-T82III Receipt'],
  'printQueues.cancelStuck': ['receipt', 120],
  'printQueues.makeDefault': ['receipt'],
  'printQueues.bothWays': [],
  'incidents.record': [{ symptom: 'declined', note: 'ok' }],
  'incidents.list': [{}],
  'incidents.summary': [{ from: '2026-01-01' }],
  'incidents.exportCsv': [{}],
  'maintenance.due': [],
  'maintenance.tick': ['clean-reader', 'tech'],
  'report.build': [],
  'fleet.status': [],
  'fleet.test': [{ url: 'mqtt://127.0.0.1:1' }],
  'fleet.watch': [{ state: 'error', offline: true }],
};

const METHODS: [string, string][] = Object.entries(API_METHOD_NAMES).flatMap(([area, names]) =>
  names.map((n): [string, string] => [area, n]),
);

const HUGE = 'x'.repeat(1024 * 1024);

function deep(depth: number, leaf: unknown, kind: 'object' | 'array'): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'object' ? { a: v } : [v];
  return v;
}

const POLLUTERS: unknown[] = [
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"__proto__": {"polluted": true}, "language": "en"}'),
  { constructor: { prototype: { polluted: true } } },
  JSON.parse('{"store": {"__proto__": {"polluted": true}}}'),
  { store: { constructor: { prototype: { polluted: true } } } },
  JSON.parse(
    '{"devices": {"printer": {"target": "/dev/ttyS0", "protocol": "escpos", "monitored": true, "owned": false, "__proto__": {"polluted": true}}}}',
  ),
  JSON.parse('{"symptom": "declined", "__proto__": {"polluted": true}}'),
  { symptom: 'declined', constructor: { prototype: { polluted: true } } },
];

/** Values wrong for an argument whose valid value is `valid`. */
function wrongFor(valid: unknown): unknown[] {
  const common = [
    undefined,
    true,
    Symbol('s'),
    () => 1,
    10n,
    deep(2000, 1, 'object'),
    deep(2000, 1, 'array'),
    new Date(),
    new Map(),
    ...POLLUTERS,
  ];
  if (typeof valid === 'string')
    return [...common, 1, Number.NaN, null, {}, [], [valid], HUGE, `${valid}${HUGE}`, { toString: () => valid }];
  if (typeof valid === 'number')
    return [...common, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0.5, 0.5, 1e9, '0', null, {}, []];
  if (valid === null) return [...common, 1, {}, [], HUGE, Number.NaN];
  // An object argument (settings patch, incident, filter).
  return [
    ...common,
    1,
    'x',
    HUGE,
    null,
    [],
    [valid],
    Number.NaN,
    { ...(valid as object), extra: 1 },
    { ...(valid as object), [HUGE.slice(0, 1000)]: 1 },
    { ...(valid as object), note: HUGE, language: HUGE, from: HUGE },
    { ...(valid as object), amount: Number.NaN },
    { ...(valid as object), amount: Number.POSITIVE_INFINITY },
    { ...(valid as object), amount: -1 },
    { ...(valid as object), monitor: { intervalSeconds: Number.NaN } },
    { ...(valid as object), store: deep(2000, 'x', 'object') },
    { ...(valid as object), payments: deep(2000, 'cash', 'array') },
  ];
}

function wire() {
  const core = makeCore({ pinCost: CHEAP_PIN_COST });
  const calls: string[] = [];
  const api = core.api as unknown as Methods;
  for (const [area, name] of METHODS) {
    const original = api[area]![name]!;
    api[area]![name] = (...args: unknown[]) => {
      calls.push(`${area}.${name}`);
      return original(...args);
    };
  }
  const handlers = new Map<string, Listener>();
  registerApi(
    { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
    core.api,
    trustedSenderCheck(() => APP_URL),
  );
  const call = (method: string, event: IpcMainInvokeEvent, args: unknown[]) => {
    const h = handlers.get(ipcChannel(method));
    if (!h) throw new Error(`no handler for ${method}`);
    return h(event, ...args);
  };
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
  return { calls, call, frame };
}

const show = (v: unknown): string => {
  try {
    return (JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v)).slice(0, 80);
  } catch {
    return typeof v;
  }
};

describe('IPC abuse', () => {
  it('the valid arguments used here are valid, for every method', () => {
    expect(Object.keys(VALID).sort()).toEqual(METHODS.map(([a, n]) => `${a}.${n}`).sort());
    for (const [area, name] of METHODS) {
      const schema = (API_ARGS as unknown as Record<string, Record<string, { safeParse(v: unknown): { success: boolean } }>>)[area]![name]!;
      expect(schema.safeParse(VALID[`${area}.${name}`]).success, `${area}.${name}`).toBe(true);
    }
  });

  it('every method refuses wrong types, wrong counts, huge, deep, polluting and non-finite arguments; the core never runs', async () => {
    const { calls, call, frame } = wire();
    const ev = frame(`${APP_URL}#/triage`);
    let refused = 0;
    for (const [area, name] of METHODS) {
      const method = `${area}.${name}`;
      const valid = VALID[method] as unknown[];
      const attempts: unknown[][] = [];
      // Too many arguments: for methods taking none, any argument at all.
      for (const extra of [1, 'x', null, {}, HUGE, ...POLLUTERS]) attempts.push([...valid, extra]);
      // Too few.
      if (valid.length) attempts.push(valid.slice(0, -1), []);
      // One wrong argument at a time.
      valid.forEach((v, i) => {
        for (const bad of wrongFor(v)) attempts.push(valid.map((x, j) => (j === i ? bad : x)));
      });
      for (const args of attempts) {
        const result = await call(method, ev, args);
        expect(result.ok, `${method}(${args.map(show).join(', ')})`).toBe(false);
        if (!result.ok) {
          expect(result.error.kind, `${method}(${args.map(show).join(', ')})`).toBe('invalid-arguments');
          expect(result.error.detail.startsWith(`${method}: `)).toBe(true);
          expect(result.error.detail.length).toBeLessThan(20_000);
          expect(result.error.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        }
        refused++;
      }
    }
    expect(calls).toEqual([]);
    expect(refused).toBeGreaterThan(METHODS.length * 10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('every method refuses a foreign frame before looking at the arguments', async () => {
    const { calls, call, frame } = wire();
    const foreign: [string, IpcMainInvokeEvent][] = [
      ['another site', frame('https://evil.example/index.html')],
      ['another local file', frame('file:///tmp/other.html')],
      ['the app page with a query', frame(`${APP_URL}?x=1`)],
      ['a sub-frame of the app page', frame(APP_URL, { url: APP_URL })],
      ['a sub-frame on another site', frame('https://evil.example/', { url: APP_URL })],
      ['no sender frame', { senderFrame: null } as unknown as IpcMainInvokeEvent],
      ['an event without a frame', {} as unknown as IpcMainInvokeEvent],
      ['a frame without a url', { senderFrame: { parent: null } } as unknown as IpcMainInvokeEvent],
    ];
    for (const [area, name] of METHODS) {
      const method = `${area}.${name}`;
      for (const [what, ev] of foreign) {
        for (const args of [VALID[method] as unknown[], [HUGE, ...POLLUTERS]]) {
          const result = await call(method, ev, args);
          expect(result, `${method} from ${what}`).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
        }
      }
    }
    expect(calls).toEqual([]);
    // The same channel from the app page itself does reach the core.
    const ok = await call('app.info', frame(APP_URL), []);
    expect(ok.ok).toBe(true);
    expect(calls).toEqual(['app.info']);
  });
});
