#!/usr/bin/env node
import { Command } from 'commander';
import { registerVersion } from './commands/version';
import { registerSettings } from './commands/settings';
import { registerContent } from './commands/content';
import { registerFlows } from './commands/flows';
import { registerSearch } from './commands/search';
import { registerCode } from './commands/code';
import { registerRun } from './commands/run';
import { registerIncidents } from './commands/incidents';
import { registerMaintenance } from './commands/maintenance';
import { registerReport } from './commands/report';
import { registerStatus } from './commands/status';
import { registerPrintTest } from './commands/print-test';
import { registerSimulate } from './commands/simulate';
import { registerPorts } from './commands/ports';
import { registerNetwork } from './commands/network';
import { registerFleet } from './commands/fleet';

/** `counter-assist`: the technician's command line, on the same core as the app. */
export function buildProgram(): Command {
  const program = new Command('counter-assist')
    .description('收银台助手 Counter Assist — card payment trouble at the counter')
    .option('--data-dir <dir>', 'settings and incident folder (default: the app’s own)')
    .option('--content-dir <dir>', 'content folder (default: the shipped content)')
    .option('--lang <lang>', 'zh-CN or en', 'zh-CN')
    .option('--json', 'print JSON')
    .showHelpAfterError();
  registerVersion(program);
  registerSettings(program);
  registerContent(program);
  registerFlows(program);
  registerSearch(program);
  registerCode(program);
  registerRun(program);
  registerIncidents(program);
  registerMaintenance(program);
  registerReport(program);
  registerStatus(program);
  registerPrintTest(program);
  registerSimulate(program);
  registerPorts(program);
  registerNetwork(program);
  registerFleet(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
