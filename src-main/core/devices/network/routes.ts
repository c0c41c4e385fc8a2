import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * Where the default gateway is, from the OS's route table: /proc/net/route on Linux, `netstat -rn`
 * on macOS, `route print -4` on Windows. The parsers take the text so tests can feed any table.
 */

/** Linux /proc/net/route: Destination 00000000 with the gateway flag; addresses are little-endian hex. */
export function parseProcNetRoute(text: string): string | null {
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const [, destination, gateway, flags] = cols;
    const RTF_UP = 0x1;
    const RTF_GATEWAY = 0x2;
    const f = Number.parseInt(flags ?? '', 16);
    if (destination !== '00000000' || !Number.isFinite(f) || (f & (RTF_UP | RTF_GATEWAY)) !== (RTF_UP | RTF_GATEWAY)) continue;
    if (!/^[0-9A-Fa-f]{8}$/.test(gateway ?? '')) continue;
    const n = Number.parseInt(gateway as string, 16);
    const ip = [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff].join('.');
    if (ip !== '0.0.0.0') return ip;
  }
  return null;
}

/** macOS / BSD `netstat -rn`: "default  192.168.1.1  UGScg  en0". */
export function parseNetstatDefault(text: string): string | null {
  for (const line of text.split('\n')) {
    const m = /^(?:default|0\.0\.0\.0)\s+(\d{1,3}(?:\.\d{1,3}){3})\s/.exec(line.trim() + ' ');
    if (m?.[1]) return m[1];
  }
  return null;
}

/** Windows `route print -4`: "0.0.0.0  0.0.0.0  192.168.1.1  192.168.1.50  25". */
export function parseWindowsRoutePrint(text: string): string | null {
  for (const line of text.split('\n')) {
    const m = /^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(\d{1,3}(?:\.\d{1,3}){3})\s/.exec(line + ' ');
    if (m?.[1]) return m[1];
  }
  return null;
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: 2000, windowsHide: true }, (e, stdout) => (e ? reject(e) : resolve(stdout))),
  );
}

/** The default gateway of this machine, or null when there is no default route. */
export async function defaultGateway(platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform === 'linux') return parseProcNetRoute(await readFile('/proc/net/route', 'utf8'));
  if (platform === 'win32') return parseWindowsRoutePrint(await run('route', ['print', '-4']));
  return parseNetstatDefault(await run('netstat', ['-rn', '-f', 'inet']));
}
