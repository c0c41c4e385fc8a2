import { fleetJsonSchemas } from './payloads';

/**
 * The published JSON Schema files for head office's consumers (docs/schemas/), one per payload,
 * each exactly as the zod schemas generate it: `npm run docs:schemas` writes them and a test
 * compares them, so the documents cannot drift from the code.
 */
export function fleetSchemaFiles(): Record<string, string> {
  const s = fleetJsonSchemas();
  const file = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;
  return {
    'fleet-status.json': file(s.status),
    'fleet-status-offline.json': file(s.statusOffline),
    'fleet-incident.json': file(s.incident),
    'fleet-policy.json': file(s.policy),
    'fleet-policy-signed.json': file(s.signedPolicy),
  };
}
