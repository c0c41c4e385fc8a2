import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrinterSimulator } from '../../src-main/sim/printer';
import { serveOnTcp } from '../../src-main/sim/serve';
import { ensureCliBundle, ROOT } from '../helpers/cli';
import { needs } from '../helpers/needs';

const nagios = needs('nagios4');
const icinga = needs('icinga2');
const zabbix = needs('zabbix_agentd');

/**
 * The monitoring configurations docs/cli.md shows, taken from that page itself: Nagios 4 and
 * Icinga 2 (Debian's) check them as they would at start-up, and each command line is then run the
 * way that system runs it (Nagios through /bin/sh, Icinga 2 as an argument array, the Zabbix agent
 * in its own test mode) against a printer simulator on loopback TCP. The installed path
 * "/opt/Counter Assist" becomes a folder here, its launcher a script that runs the bundle.
 */
const CLI_DOC = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
const section = CLI_DOC.slice(CLI_DOC.indexOf('## As a monitoring plugin'), CLI_DOC.indexOf('## Shipped with the app'));
const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const block = (marker: string): string => {
  const found = blocks.find((b) => b.includes(marker));
  if (!found) throw new Error(`docs/cli.md's monitoring section has no block with ${marker}`);
  return found;
};

const base = mkdtempSync(join(tmpdir(), 'ca-monitoring-'));
// Icinga 2 reads its configuration as its own user, not as the one who started it.
chmodSync(base, 0o755);
const installed = join(base, 'opt', 'Counter Assist');
const dataDir = join(base, 'data');
/** The documented path, here. */
const here = (text: string): string =>
  text.replaceAll('/opt/Counter\\ Assist', installed.replace(/ /g, '\\ ')).replaceAll('/opt/Counter Assist', installed);
let printer: { target: string; close: () => Promise<void> };

beforeAll(async () => {
  mkdirSync(join(installed, 'bin'), { recursive: true });
  const launcher = join(installed, 'bin', 'counter-assist');
  writeFileSync(launcher, `#!/bin/sh\nCOUNTER_ASSIST_DATA='${dataDir}' exec '${process.execPath}' '${ensureCliBundle()}' "$@"\n`);
  chmodSync(launcher, 0o755);
  printer = await serveOnTcp(new PrinterSimulator({ state: 'paper-near-end' }));
}, 60_000);
afterAll(async () => {
  await printer?.close();
});

/** Run a check to its end without blocking this process, which serves the printer simulator. */
function run(command: string, args: string[]): Promise<{ status: number | null; stdout: string }> {
  return new Promise((done) => {
    const p = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('close', (status) => done({ status, stdout }));
  });
}

/** The plugin line, then the guidelines' long text: the next step for paper running out. */
const WARNING_LINE = /^PRINTER WARNING - The paper is running out.* \| rtt=[\d.]+ms;;;0\nHave a new roll ready and change it soon$/;

describe.skipIf(nagios.skip)('Nagios', () => {
  /** What the documented blocks lean on: the host, the generic-service template, a time period, a contact. */
  const SURROUNDINGS = `define timeperiod {
  timeperiod_name 24x7
  alias 24x7
  monday 00:00-24:00
}
define command {
  command_name notify
  command_line /bin/true
}
define contact {
  contact_name technician
  service_notification_period 24x7
  host_notification_period 24x7
  service_notification_options n
  host_notification_options n
  service_notification_commands notify
  host_notification_commands notify
}
define host {
  host_name store-12-counter-1
  address 127.0.0.1
  max_check_attempts 1
  check_period 24x7
  contacts technician
  notification_interval 0
  notification_period 24x7
}
define service {
  name generic-service
  register 0
  max_check_attempts 1
  check_interval 1
  retry_interval 1
  check_period 24x7
  notification_interval 0
  notification_period 24x7
  contacts technician
}
`;

  it('nagios -v accepts the command and service definitions', () => {
    const dir = join(base, 'nagios');
    mkdirSync(dir);
    writeFileSync(join(dir, 'counter.cfg'), here(block('define command')));
    writeFileSync(join(dir, 'surroundings.cfg'), SURROUNDINGS);
    const user = process.getuid?.() === 0 ? 'root' : execFileSync('id', ['-un'], { encoding: 'utf8' }).trim();
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(dir, 'nagios.cfg'),
      [
        `cfg_file=${dir}/counter.cfg`,
        `cfg_file=${dir}/surroundings.cfg`,
        `log_file=${dir}/nagios.log`,
        `check_result_path=${dir}`,
        `lock_file=${dir}/nagios.lock`,
        `temp_file=${dir}/nagios.tmp`,
        `status_file=${dir}/status.dat`,
        `object_cache_file=${dir}/objects.cache`,
        `nagios_user=${user}`,
        `nagios_group=${group}`,
        'illegal_macro_output_chars=`~$&|\'"<>',
        '',
      ].join('\n'),
    );
    const r = spawnSync('/usr/sbin/nagios4', ['-v', join(dir, 'nagios.cfg')], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/Total Errors:\s+0\n/);
    expect(r.status).toBe(0);
  });

  it('the command line, its $ARG1$ filled in and run through /bin/sh as Nagios runs it, is the check', async () => {
    const commandLine = /command_line\s+(.+)/.exec(here(block('define command')))?.[1] as string;
    const r = await run('/bin/sh', ['-c', commandLine.replace('$ARG1$', printer.target)]);
    expect(r.stdout.trimEnd()).toMatch(WARNING_LINE);
    expect(r.status).toBe(1);
  });
});

describe.skipIf(icinga.skip)('Icinga 2', () => {
  const config = here(block('object CheckCommand'));

  it('icinga2 daemon -C accepts the CheckCommand and the Service', () => {
    const file = join(base, 'icinga2.conf');
    // The dummy check command for the host comes from the template library Icinga ships.
    writeFileSync(file, `include <itl>\nobject Host "store-12-counter-1" {\n  check_command = "dummy"\n}\n${config}`);
    const r = spawnSync('/usr/sbin/icinga2', ['daemon', '-C', '-c', file], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/Finished validating the configuration file/);
    expect(r.status).toBe(0);
  });

  it('the command array with its argument, run without a shell as Icinga runs it, is the check', async () => {
    const command = JSON.parse(/command = (\[.*\])/.exec(config)?.[1] as string) as string[];
    const [flag] = /"(--\w+)" = "\$counter_printer\$"/.exec(config)?.slice(1) ?? [];
    const r = await run(command[0] as string, [...command.slice(1), flag as string, printer.target]);
    expect(r.stdout.trimEnd()).toMatch(WARNING_LINE);
    expect(r.status).toBe(1);
  });
});

describe.skipIf(zabbix.skip)('Zabbix agent', () => {
  it('zabbix_agentd -t runs the documented UserParameter with the item key’s parameter', async () => {
    const lines = here(block('UserParameter='))
      .split('\n')
      .filter((l) => l.startsWith('UserParameter='));
    expect(lines).toHaveLength(2);
    const conf = join(base, 'zabbix_agentd.conf');
    writeFileSync(conf, ['LogType=console', `PidFile=${base}/zabbix_agentd.pid`, ...lines, ''].join('\n'));
    const r = await run('/usr/sbin/zabbix_agentd', ['-c', conf, '-t', `counter.printer[${printer.target}]`]);
    expect(r.status).toBe(0);
    // The agent prints the key and [t|value]: the value is the plugin's whole output, the line
    // and the next step under it (a text item keeps both; a trigger's "like" still finds the state).
    const value = /\[t\|([\s\S]*)\]$/.exec(r.stdout.trimEnd())?.[1];
    expect(value).toMatch(WARNING_LINE);
  });
});
