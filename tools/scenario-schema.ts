// Writes scenarios/scenario.schema.json, the JSON Schema of the scenario file generated from
// the zod schema (shared/authoring/json-schema.ts). Run it after changing the schema:
//   npm run scenario-schema
// (test/shared/authoring/json-schema.test.ts fails until the committed file matches.)
import { writeFileSync } from 'node:fs';
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../shared/authoring/json-schema.js';

writeFileSync(SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText());
process.stdout.write(`wrote ${SCENARIO_SCHEMA_FILE}\n`);
