import { UserError } from '../../core/errors';
import type { Command } from 'commander';
import type { DeviceState } from '../../core/devices/types';
import type { DeviceFlags, DevicePlan } from './device-plan';

/**
 * Exit codes follow the monitoring-plugin convention (Nagios, Icinga, Zabbix), so the command
 * can be a check as it is: 0 ok, 1 warning, 2 critical, 3 unknown. A busy port is 3: the
 * app could not look, which is unknown, not a fault — the text says it is normal.
 */
export const EXIT: Record<DeviceState, number> = { ok: 0, warning: 1, error: 2, unknown: 3 };
export const EXIT_BAD_ARGUMENTS = 3;

export interface StatusOptions extends DeviceFlags {
  deadline?: string;
}

/** The status of one kind of device, as the plan says to read it. */
export type StatusRunner = (cmd: Command, opts: StatusOptions, plan: DevicePlan) => Promise<DeviceState>;

export function badArgument(zh: string, en: string): UserError {
  return new UserError({ 'zh-CN': zh, en });
}

export function deadlineOf(opts: StatusOptions): number | undefined {
  if (opts.deadline === undefined) return undefined;
  const n = Number(opts.deadline);
  if (!Number.isInteger(n) || n < 10 || n > 60000)
    throw badArgument(`--deadline ${opts.deadline} 不是 10–60000 毫秒`, `--deadline ${opts.deadline} is not 10–60000 ms`);
  return n;
}
