import { beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseSummary } from '../../../shared/debrief/api.js';
import { compareTables, summariseTable, type TableSummary } from '../../../shared/debrief/tables.js';
import { playDebriefTable, playImpactTable, type LoggedTable } from './logs.js';

const summaryOf = (id: string, title: string, t: LoggedTable): ExerciseSummary => ({
  id,
  title,
  scenarioId: t.scenarioOfTable.id,
  createdAt: '2031-03-10T09:00:00.000Z',
  status: 'ended',
  groupId: 'table-a',
  parentId: null,
  forkSeq: null,
  eventCount: t.events.length,
  lastEventAt: null,
  round: 5,
});

let busyTable: LoggedTable;
let impactTable: LoggedTable;
let busy: TableSummary;
let impact: TableSummary;

beforeAll(() => {
  busyTable = playDebriefTable();
  impactTable = playImpactTable();
  busy = summariseTable(summaryOf('table-a', 'Table A', busyTable), busyTable.debriefLog('table-a'));
  impact = summariseTable(summaryOf('table-b', 'Table B', impactTable), impactTable.debriefLog('table-b'));
});

describe('summariseTable', () => {
  it('gives the outcome, the rounds and the probability after each round', () => {
    expect([busy.exerciseId, busy.title, busy.outcomeKind, busy.roundsPlayed]).toEqual(['table-a', 'Table A', 'deflected', 5]);
    expect(busy.outcomeSummary).toBe(busyTable.state.outcome!.summary);
    expect(busy.probabilityByRound).toEqual(busyTable.resolutions().map((r) => ({ round: r.round, probability: r.estimate.impactProbability })));
    expect(busy.casualties).toBe(0);
    expect(busy.liable).toEqual([]);
  });

  it('gives the round each threshold was first crossed and when IAWN and SMPAG acted', () => {
    expect(busy.thresholds).toEqual({ iawn: 1, smpag: 1, preparedness: 2 });
    expect(busy.notified).toEqual({ iawn: 1, smpag: 1 });
    expect(impact.notified).toEqual({ iawn: null, smpag: null });
  });

  it('lists the missions with their lead by name, funding and real shift, and the money each actor spent', () => {
    expect(busy.missions.map((m) => [m.name, m.lead, m.status])).toEqual([
      ['Reconnaissance flyby (United States)', 'United States', 'arrived'],
      ['Nuclear stand-off device (United States)', 'United States', 'arrived'],
      ['Kinetic impactor (Japan)', 'Japan', 'arrived'],
    ]);
    expect(busy.missions[1]!.shiftKm).toBe(busyTable.state.missions['mission-2']!.shiftKm);
    expect(busy.missions[1]!.fundedMUsd).toBe(1200);
    expect(busy.spentMUsd.byActor['Kenya']).toBe(20 + 150); // observation in round 1, then the evacuation
    expect(busy.spentMUsd.total).toBe(Object.values(busyTable.state.actors).reduce((s, a) => s + a.totalSpentMUsd, 0));
    expect(impact.missions.find((m) => m.kind === 'reconnaissance')!.status).toBe('failed');
  });

  it('counts agreements proposed, accepted, kept and broken', () => {
    // Cost sharing (accepted, broken), assistance refused, five assistance offers accepted.
    expect(busy.agreements).toEqual({ proposed: 7, accepted: 6, fulfilled: 0, breached: 1 });
    expect(impact.agreements).toEqual({ proposed: 1, accepted: 1, fulfilled: 1, breached: 0 });
  });

  it('gives the harm, those found liable by name, and the scores by name', () => {
    const c = impactTable.state.outcome!.kind === 'impact' ? impactTable.state.outcome!.consequences : null;
    expect(impact.outcomeKind).toBe('impact');
    expect(impact.casualties).toBe(c!.casualties);
    expect(impact.damageMUsd).toBe(c!.damageMUsd);
    expect(impact.liable).toEqual(['United States']);
    expect(Object.keys(impact.scores!)).toContain('Bangladesh');
    expect(impact.scores!['Kenya']).toBe(impactTable.state.scores!['kenya']!.total);
  });
});

describe('compareTables', () => {
  it('sets the tables side by side, one row per figure, one value per table in order', () => {
    const rows = compareTables([busy, impact]);
    const row = (label: string) => rows.find((r) => r.label === label)!.values;
    expect(row('Outcome')).toEqual(['deflected', 'impact']);
    expect(row('Preparedness threshold crossed')).toEqual(['round 2', 'round 2']);
    expect(row('IAWN notified')).toEqual(['round 1', 'never']);
    expect(row('Found liable')).toEqual(['no one', 'United States']);
    expect(row('Agreements kept / broken')).toEqual(['0 / 1', '1 / 0']);
    for (const r of rows) expect(r.values).toHaveLength(2);
  });
});
