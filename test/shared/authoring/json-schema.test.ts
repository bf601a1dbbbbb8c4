import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DATE_FIELDS, FIELD_DESCRIPTIONS, SCENARIO_SCHEMA_FILE, SCENARIO_SCHEMA_ID, scenarioJsonSchema, scenarioJsonSchemaText, schemaNodeAt } from '../../../shared/authoring/json-schema.js';

const root = new URL('../../../', import.meta.url);
const dir = new URL('scenarios/', root);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const committed = readFileSync(new URL(SCENARIO_SCHEMA_FILE, root), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committed) as object);
const kx = () => parse(readFileSync(new URL('2031-kx.yaml', dir), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the scenario JSON Schema', () => {
  it('is committed as generated from the zod schema (run `npm run scenario-schema` after changing it)', () => {
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('names itself and the format', () => {
    expect(scenarioJsonSchema()).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: SCENARIO_SCHEMA_ID, title: expect.stringContaining('scenario') });
  });

  it.each(files)('accepts the bundled %s', (file) => {
    const ok = validate(parse(readFileSync(new URL(file, dir), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects an actor kind outside the enum, at its path', () => {
    const doc = kx();
    doc.actors[2].kind = 'spacefaring';
    expect(validate(doc)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/actors/2/kind', keyword: 'enum' }));
  });

  it('rejects a missing field, an unknown field and a date that is not YYYY-MM-DD', () => {
    const doc = kx();
    delete doc.asteroid.captureRadiusKm;
    doc.asteroid.captureRadius = 8286;
    doc.calendar.rounds[0].date = '10 March 2031';
    expect(validate(doc)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instancePath: '/asteroid', keyword: 'required', params: { missingProperty: 'captureRadiusKm' } }),
        expect.objectContaining({ instancePath: '/asteroid', keyword: 'additionalProperties', params: { additionalProperty: 'captureRadius' } }),
        expect.objectContaining({ instancePath: '/calendar/rounds/0/date', keyword: 'pattern' }),
      ]),
    );
  });

  it('lets an author leave out what has a default (the input side of the schema)', () => {
    const doc = kx();
    delete doc.injects;
    delete doc.observation.blackouts;
    delete doc.actors[0].capabilities;
    expect(validate(doc)).toBe(true);
  });

  it('checks the inject conditions, recursively', () => {
    const doc = kx();
    doc.injects[0].condition = { all: [{ probabilityAbove: 0.5 }, { any: [{ roundAtLeast: 2 }, { missionFailed: true }] }] };
    expect(validate(doc)).toBe(true);
    doc.injects[0].condition = { all: [{ probabilityAbove: 0.5 }, { any: [{ roundAtLeast: 'two' }] }] };
    expect(validate(doc)).toBe(false);
  });

  it('describes the fields an editor completes, and every described path exists in the schema', () => {
    const schema = scenarioJsonSchema();
    for (const path of Object.keys(FIELD_DESCRIPTIONS)) expect(schemaNodeAt(schema, path), path).not.toBeNull();
    for (const path of DATE_FIELDS) expect(schemaNodeAt(schema, path)?.pattern, path).toBeDefined();
    expect(schemaNodeAt(schema, 'asteroid.captureRadiusKm')?.description).toMatch(/^Capture radius on the target plane/);
    expect(schemaNodeAt(schema, 'actors[].capabilities.launch')?.description).toMatch(/^Can launch deep-space missions/);
    expect(schemaNodeAt(schema, 'missionTypes[].kind')?.description).toBeDefined();
  });

  it('describes every field, so an editor explains each one on hover (add new fields to FIELD_DESCRIPTIONS)', () => {
    type Node = { properties?: Record<string, Node>; items?: Node; $ref?: string; description?: string };
    const schema = scenarioJsonSchema() as Node & { $defs?: Record<string, Node> };
    const resolve = (n: Node): Node => (n.$ref ? resolve(schema.$defs![n.$ref.replace('#/$defs/', '')]!) : n);
    const undescribed: string[] = [];
    const walk = (node: Node, path: string) => {
      for (const [key, child] of Object.entries(resolve(node).properties ?? {})) {
        const at = path === '' ? key : `${path}.${key}`;
        if (child.description === undefined) undescribed.push(at);
        walk(child, at);
        const items = resolve(child).items;
        if (items) walk(items, `${at}[]`);
      }
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });
});
