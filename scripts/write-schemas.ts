// Writes docs/schemas/*.json from the zod payload schemas (`npm run docs:schemas`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fleetSchemaFiles } from '../src-main/core/fleet/schema-files';

const dir = join(import.meta.dirname, '..', 'docs', 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(fleetSchemaFiles())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote docs/schemas/${name}`);
}
