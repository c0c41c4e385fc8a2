import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Debian mosquitto for one test, on a loopback port, with its configuration, password
 * file, ACL and certificates made here in a temporary folder (never the system service).
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

export interface Certs {
  ca: string;
  otherCa: string;
  cert: string;
  key: string;
}

/** A CA, a server certificate for 127.0.0.1 signed by it, and an unrelated CA (the "wrong CA"). */
export function makeCerts(dir: string): Certs {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('openssl', ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Counter Test CA'], dir);
  run('openssl', ['req', '-x509', ...ec, '-keyout', 'other.key', '-out', 'other.crt', '-days', '2', '-subj', '/CN=Other CA'], dir);
  run('openssl', ['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'san.ext',
    ],
    dir,
  );
  return { ca: join(dir, 'ca.crt'), otherCa: join(dir, 'other.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

export interface BrokerOptions {
  /** user → password; none = anonymous. */
  users?: Record<string, string>;
  /** mosquitto ACL file text. */
  acl?: string;
  tls?: boolean;
  /**
   * mosquitto's `max_queued_messages`: QoS 1 messages it holds for one subscriber beyond those in
   * flight, 1000 by default. Past it the broker drops messages for that subscriber, so a test that
   * pushes thousands at a subscriber that may fall behind on a loaded machine raises it.
   */
  maxQueuedMessages?: number;
}

export interface Broker {
  port: number;
  url: string;
  dir: string;
  certs: Certs | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function makeBroker(options: BrokerOptions = {}): Promise<Broker> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-mosquitto-'));
  const port = await freePort();
  const certs = options.tls ? makeCerts(dir) : null;
  const lines = [
    // Running as root, mosquitto would drop to its own user, who cannot read this folder.
    'user root',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    `listener ${port} 127.0.0.1`,
  ];
  if (options.users) {
    const pw = join(dir, 'passwd');
    writeFileSync(pw, '');
    for (const [user, pass] of Object.entries(options.users)) run('mosquitto_passwd', ['-b', pw, user, pass], dir);
    lines.push('allow_anonymous false', `password_file ${pw}`);
  } else {
    lines.push('allow_anonymous true');
  }
  if (options.acl) {
    writeFileSync(join(dir, 'acl'), options.acl);
    lines.push(`acl_file ${join(dir, 'acl')}`);
  }
  if (options.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${options.maxQueuedMessages}`);
  if (certs) lines.push(`cafile ${certs.ca}`, `certfile ${certs.cert}`, `keyfile ${certs.key}`);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`);
  let child: ChildProcess | null = null;
  let log = '';
  const broker: Broker = {
    port,
    url: `${certs ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    dir,
    certs,
    async start() {
      child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      try {
        await listening(port, 10_000);
      } catch (e) {
        throw new Error(`${(e as Error).message}: ${log}`, { cause: e });
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
      });
    },
  };
  return broker;
}
