import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * A real cupsd from Debian, started for one test file on a loopback port, with its configuration,
 * spool, logs, state and local socket in a temp folder: never the system service. Clients reach it
 * through CUPS_SERVER, as every CUPS client does. Queues with the `locked` operation policy refuse
 * resume and cancel unless the client authenticates as an administrator no one is, to show what a user without printer-admin rights sees.
 */
export interface Cupsd {
  /** host:port, for CUPS_SERVER. */
  server: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  /** Run a CUPS client tool against this cupsd; throws with its stderr when it fails. */
  tool(name: string, ...args: string[]): string;
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startCupsd(): Promise<Cupsd> {
  const dir = mkdtempSync(join(tmpdir(), 'counter-assist-cupsd-'));
  // The scheduler runs its backends as User: they must be able to reach the spool below this folder.
  chmodSync(dir, 0o755);
  for (const d of ['spool', 'spool/tmp', 'cache', 'state', 'log', 'ppd']) mkdirSync(join(dir, d), { recursive: true });
  const port = await freeLoopbackPort();
  const root = process.getuid?.() === 0;
  const user = root ? 'lp' : userInfo().username;
  const group = root ? 'lp' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${dir}/spool`,
      `TempDir ${dir}/spool/tmp`,
      `CacheDir ${dir}/cache`,
      `StateDir ${dir}/state`,
      `ErrorLog ${dir}/log/error_log`,
      `AccessLog ${dir}/log/access_log`,
      `PageLog ${dir}/log/page_log`,
      'DataDir /usr/share/cups',
      'ServerBin /usr/lib/cups',
      'DocumentRoot /usr/share/cups/doc-root',
      `User ${user}`,
      `Group ${group}`,
      `SystemGroup ${root ? 'root' : group}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [
      `Listen 127.0.0.1:${port}`,
      `Listen ${dir}/cups.sock`,
      'LogLevel debug',
      'Browsing Off',
      // A failed socket connection is retried every 5 s rather than 30, to keep the tests short.
      'JobRetryInterval 5',
      '<Location />',
      '  Order allow,deny',
      '  Allow from 127.0.0.1',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '<Policy locked>',
      '  <Limit Resume-Printer CUPS-Accept-Jobs Cancel-Job Cancel-Jobs Cancel-My-Jobs Purge-Jobs>',
      '    AuthType Basic',
      '    Require user no-such-admin',
      '    Order deny,allow',
      '  </Limit>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  const proc: ChildProcess = spawn('/usr/sbin/cupsd', ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const server = `127.0.0.1:${port}`;
  const env = { ...process.env, CUPS_SERVER: server, LC_ALL: 'C' };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = spawnSync('lpstat', ['-r'], { env, encoding: 'utf8' });
    if (/scheduler is running/.test(r.stdout)) break;
    if (proc.exitCode !== null || Date.now() > deadline) {
      let log = '';
      try {
        log = readFileSync(join(dir, 'log/error_log'), 'utf8').slice(-2000);
      } catch {
        /* no log yet */
      }
      proc.kill();
      throw new Error(`cupsd did not start: ${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    server,
    env,
    dir,
    tool: (name, ...args) => {
      const r = spawnSync(name, args, { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    },
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
