import { z } from 'zod';
import { HIDDEN } from '../common/fleet-secrets';
import { settingsWarnings, type SettingsWarning } from '../common/settings-warnings';
import { fleetSettingsSchema, settingsPatchSchema, typedPolicyKey, type FleetSettings, type Settings, type SettingsPatch } from './schema';

/**
 * Settings as they cross into the renderer. The head-office password stays in main: the window
 * learns only whether one is set, and a save that does not name a new one keeps it.
 */
export type PublicFleetSettings = Omit<FleetSettings, 'password'> & { passwordSet: boolean };
/**
 * `managedByPolicy`: the keys head office's policy sets, shown read-only ("set by head office").
 * `warnings`: what is saved but should not stay so (an empty hotline, no other way to pay). Worked
 * out from the settings each time they are read or saved rather than written to the file: a list
 * stored beside them could disagree with them after a hand edit or a policy, this one cannot.
 */
export type PublicSettings = Omit<Settings, 'fleet'> & {
  fleet: PublicFleetSettings;
  managedByPolicy: string[];
  warnings: SettingsWarning[];
};

export function publicSettings(s: Settings, managedByPolicy: string[] = []): PublicSettings {
  const { password, ...fleet } = s.fleet;
  return { ...s, fleet: { ...fleet, passwordSet: password !== '' }, managedByPolicy, warnings: settingsWarnings(s) };
}

/**
 * The fleet part of a change from the window. `password`: a new one replaces the stored one;
 * `null` clears it; left out, empty or the mask "***" keeps it, so a form that shows the password
 * field empty can never wipe it by saving.
 */
export const publicFleetPatchSchema = z
  .strictObject({ ...fleetSettingsSchema.shape, policyKey: typedPolicyKey, password: z.string().max(500).nullable() })
  .partial();
export type PublicFleetPatch = z.infer<typeof publicFleetPatchSchema>;

export const publicSettingsPatchSchema = settingsPatchSchema.extend({ fleet: publicFleetPatchSchema.optional() });
export type PublicSettingsPatch = z.infer<typeof publicSettingsPatchSchema>;

/** A window's change as the settings service takes it. */
export function storedPatch(patch: PublicSettingsPatch): SettingsPatch {
  const { fleet, ...rest } = patch;
  if (!fleet) return rest;
  const { password, ...fleetRest } = fleet;
  if (password === null) return { ...rest, fleet: { ...fleetRest, password: '' } };
  if (password === undefined || password === '' || password === HIDDEN) return { ...rest, fleet: fleetRest };
  return { ...rest, fleet: { ...fleetRest, password } };
}
