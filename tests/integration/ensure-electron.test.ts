import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';

/*
 * `npm start` first runs scripts/ensure-electron.mjs. Here it runs in a throwaway project whose
 * node_modules/electron is a copy of the real package without its binary (no dist/, no path.txt),
 * and Electron's own installer is pointed at a mirror on loopback serving a stand-in "Electron"
 * zip under the name @electron/get asks for, with the SHASUMS256.txt it checks the zip against.
 */
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const VERSION = (JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const ZIP_NAME = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
const EXECUTABLE =
  process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';

const base = mkdtempSync(join(tmpdir(), 'ca-ensure-electron-'));

/** The stand-in: what @electron/get's zip unpacks to, reduced to the files the installer reads. */
function standInZip(): Buffer {
  const dir = join(base, 'stand-in');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho stand-in\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), VERSION);
  const zip = join(base, ZIP_NAME);
  execFileSync('zip', ['-q', zip, 'electron', 'version'], { cwd: dir });
  return readFileSync(zip);
}

/** A project folder whose node_modules has a fresh copy of the electron package and its installer's dependencies. */
function throwawayProject(name: string): string {
  const project = join(base, name);
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  cpSync(ELECTRON_DIR, join(modules, 'electron'), {
    recursive: true,
    filter: (src) => src !== join(ELECTRON_DIR, 'dist') && src !== join(ELECTRON_DIR, 'path.txt'),
  });
  // Read-only links to the shared install: @electron/get and the zip extractor are used, never changed.
  for (const dep of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', dep), join(modules, dep), 'dir');
  writeFileSync(join(project, 'package.json'), '{"name":"throwaway","private":true}\n');
  return project;
}

interface Logged {
  remote: string;
  path: string;
}
let mirror: Server;
let mirrorUrl = '';
const requests: Logged[] = [];
let shasums = '';

beforeAll(async () => {
  const zip = standInZip();
  shasums = `${createHash('sha256').update(zip).digest('hex')} *${ZIP_NAME}\n`;
  mirror = createServer((req, res) => {
    requests.push({ remote: req.socket.remoteAddress ?? '', path: req.url ?? '' });
    if (req.url === `/electron/v${VERSION}/${ZIP_NAME}`) res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    else if (req.url === `/electron/v${VERSION}/SHASUMS256.txt`) res.writeHead(200, { 'content-type': 'text/plain' }).end(shasums);
    else res.writeHead(404).end();
  });
  await new Promise<void>((listening) => mirror.listen(0, '127.0.0.1', listening));
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/electron/`;
});

afterAll(async () => {
  await new Promise((closed) => mirror.close(closed));
  rmSync(base, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The ensure step as `npm start` runs it, with only the settings @electron/get documents. */
function ensure(project: string, electronMirror: string): Promise<Run> {
  const home = join(project, 'home');
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    ELECTRON_MIRROR: electronMirror,
    // An empty cache, so the zip comes from the mirror and not from an earlier run.
    electron_config_cache: join(project, 'electron-cache'),
    // The stand-in is not in the package's checksums.json: check it against the mirror's SHASUMS256.txt.
    electron_use_remote_checksums: '1',
  };
  return new Promise((done) => {
    const p = spawn(process.execPath, [join(ROOT, 'scripts', 'ensure-electron.mjs')], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const isLoopback = (address: string) => {
  const plain = address.replace(/^::ffff:/, '');
  return isIP(plain) !== 0 && (plain === '::1' || plain.startsWith('127.'));
};

describe('npm start fetches Electron through its own installer', () => {
  it('downloads the binary from the mirror, checks it against SHASUMS256.txt and writes path.txt, over loopback only', async () => {
    const project = throwawayProject('fresh');
    const electron = join(project, 'node_modules', 'electron');
    expect(existsSync(join(electron, 'path.txt'))).toBe(false);
    requests.length = 0;

    const run = await ensure(project, mirrorUrl);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Downloading Electron ${VERSION}`);
    expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe(EXECUTABLE);
    expect(readFileSync(join(electron, 'dist', EXECUTABLE), 'utf8')).toBe('#!/bin/sh\necho stand-in\n');
    expect(requests.map((r) => r.path).sort()).toEqual(
      [`/electron/v${VERSION}/${ZIP_NAME}`, `/electron/v${VERSION}/SHASUMS256.txt`].sort(),
    );
    expect(requests.every((r) => isLoopback(r.remote))).toBe(true);
    // The real package is untouched: the copy got the binary.
    expect(existsSync(join(ELECTRON_DIR, 'path.txt'))).toBe(false);

    // Once there, the next start asks nobody.
    requests.length = 0;
    const again = await ensure(project, mirrorUrl);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(requests).toEqual([]);
  });

  it('a zip that does not match the mirror’s checksum is refused: the sentence, exit non-zero, no path.txt', async () => {
    const project = throwawayProject('tampered');
    const honest = shasums;
    shasums = `${'0'.repeat(64)} *${ZIP_NAME}\n`;
    try {
      const run = await ensure(project, mirrorUrl);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`没能下载并核对 Electron ${VERSION}（从 ${mirrorUrl}）`);
      expect(run.stderr).toContain(`Electron ${VERSION} could not be downloaded and checked (from ${mirrorUrl})`);
      expect(existsSync(join(project, 'node_modules', 'electron', 'path.txt'))).toBe(false);
    } finally {
      shasums = honest;
    }
  });

  it('the mirror down: one clear sentence in Chinese and English naming the mirror to try, exit non-zero', async () => {
    const project = throwawayProject('offline');
    // A loopback port nobody listens on: taken, then given back.
    const closed = createServer();
    await new Promise<void>((listening) => closed.listen(0, '127.0.0.1', listening));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const down = `http://127.0.0.1:${port}/electron/`;

    const run = await ensure(project, down);

    expect(run.code).not.toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      `没能下载并核对 Electron ${VERSION}（从 ${down}）：请检查网络连接，在中国大陆可先设置 ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/，再运行一次。`,
      `Electron ${VERSION} could not be downloaded and checked (from ${down}): check the internet connection, or set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ (a mirror in mainland China), and run the command again.`,
    ]);
    expect(existsSync(join(project, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  });
});
