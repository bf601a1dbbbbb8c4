// How both stores read a sessions row back (server/store/rows.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sessionFromRow, type SessionColumns } from '../../../server/store/rows.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';

const parsed = parseScenarioYaml(readFileSync('scenarios/2031-kx.yaml', 'utf8'), '2031-kx.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const text = JSON.stringify(parsed.scenario);
const row = (id: string): SessionColumns => ({
  id,
  join_code: 'ABCD-EFGH',
  facilitator_key_hash: 'f',
  evaluator_key_hash: null,
  debrief_key_hash: null,
  seed: 1,
  rules_version: 1,
  created_at: '2026-12-06T00:00:00.000Z',
  status: 'open',
  group_id: null,
  parent_id: null,
  fork_seq: null,
});

describe('sessionFromRow', () => {
  it('validates a scenario text once: every session that stored it gets the same scenario object', () => {
    const a = sessionFromRow(row('a'), text);
    const b = sessionFromRow(row('b'), text);
    expect(a.scenario).toEqual(parsed.scenario);
    expect(b.scenario).toBe(a.scenario);
    // PostgreSQL's driver hands the JSON column out parsed: the same scenario all the same.
    expect(sessionFromRow(row('c'), JSON.parse(text)).scenario).toBe(a.scenario);
  });

  it('keeps scenarios that differ apart', () => {
    const other = JSON.stringify({ ...parsed.scenario, title: 'Another title' });
    const a = sessionFromRow(row('a'), text);
    const b = sessionFromRow(row('b'), other);
    expect(b.scenario).not.toBe(a.scenario);
    expect(b.scenario.title).toBe('Another title');
  });

  it('refuses a stored scenario that no longer validates, naming the session, every time it is read', () => {
    const broken = JSON.stringify({ ...parsed.scenario, actors: 'none' });
    expect(() => sessionFromRow(row('s-broken'), broken)).toThrow(/session s-broken scenario: actors/);
    expect(() => sessionFromRow(row('s-broken'), broken)).toThrow(/session s-broken scenario: actors/);
  });
});
