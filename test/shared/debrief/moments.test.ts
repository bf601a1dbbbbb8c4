import { beforeAll, describe, expect, it } from 'vitest';
import type { DebriefLog } from '../../../shared/debrief/log.js';
import { keyMoments, momentKinds, thresholdCrossings, type KeyMoment } from '../../../shared/debrief/moments.js';
import type { EventOf } from '../../../shared/engine/index.js';
import { CONFERENCE, playDebriefTable, playImpactTable } from './logs.js';

let busy: DebriefLog;
let impact: DebriefLog;
let busyMoments: KeyMoment[];
let impactMoments: KeyMoment[];

beforeAll(() => {
  busy = playDebriefTable().debriefLog();
  impact = playImpactTable().debriefLog();
  busyMoments = keyMoments(busy);
  impactMoments = keyMoments(impact);
});

const titled = (moments: KeyMoment[], start: string) => moments.filter((m) => m.title.startsWith(start));
const seqOf = (log: DebriefLog, pred: (e: DebriefLog['events'][number]) => boolean) => log.events.find(pred)!.seq;
const resolved = (log: DebriefLog, round: number) => log.events.find((e) => e.data.type === 'RoundResolved' && e.data.round === round)!;

describe('keyMoments', () => {
  it('lists moments in the order of the log, each linked to an event of it', () => {
    const seqs = busyMoments.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const known = new Set(busy.events.map((e) => e.seq));
    for (const m of busyMoments) {
      expect(known.has(m.seq)).toBe(true);
      expect(momentKinds).toContain(m.kind);
    }
  });

  it('finds each threshold where the estimate first crossed it, by the rule the engine applies', () => {
    const firstRound = seqOf(busy, (e) => e.type === 'RoundStarted');
    const crossings = thresholdCrossings(busy);
    expect(crossings.iawn).toMatchObject({ seq: firstRound, round: 1 });
    expect(crossings.iawn!.impactProbability).toBeGreaterThan(0.01);
    // Preparedness needs more than 10 %: not the first estimate, a resolution's.
    const crossing = crossings.preparedness!;
    const event = busy.events.find((e) => e.seq === crossing.seq)!.data as EventOf<'RoundResolved'>;
    expect(event.type).toBe('RoundResolved');
    expect(event.estimate.impactProbability).toBeGreaterThan(0.1);
    const earlier = busy.events.filter((e) => e.data.type === 'RoundResolved' && e.seq < crossing.seq).map((e) => (e.data as EventOf<'RoundResolved'>).estimate.impactProbability);
    expect(earlier.every((p) => p <= 0.1)).toBe(true);
    expect(titled(busyMoments, 'Terrestrial preparedness threshold')).toEqual([expect.objectContaining({ seq: crossing.seq, kind: 'threshold' })]);
    expect(titled(busyMoments, 'IAWN threshold')[0]!.detail).toMatch(/^The first estimate already put the impact probability at 1\.4 %\./);
    expect(titled(busyMoments, 'IAWN notification issued')[0]!.seq).toBe(seqOf(busy, (e) => e.type === 'IawnNotificationIssued'));
    expect(titled(busyMoments, 'SMPAG publishes mission options')).toHaveLength(1);
  });

  it('follows every mission from its proposal through funding and launch to its arrival, with the shift it caused', () => {
    expect(titled(busyMoments, 'Mission proposed')).toHaveLength(3);
    expect(titled(busyMoments, 'Mission funded')).toHaveLength(3);
    expect(titled(busyMoments, 'Mission launched')).toHaveLength(3);
    const arrivals = titled(busyMoments, 'Mission arrived');
    expect(arrivals).toHaveLength(3);
    const nuclear = (resolved(busy, 4).data as EventOf<'RoundResolved'>).missions.find((p) => p.change === 'arrived' && p.shiftKm !== null)!;
    const km = Math.round(Math.abs(nuclear.shiftKm!)).toLocaleString('en-US');
    expect(arrivals.find((m) => m.title.includes('Nuclear'))!.detail).toContain(`moved the impact point ${km} km toward the end of the risk corridor`);
    expect(arrivals.find((m) => m.title.includes('Nuclear'))!.detail).toMatch(/The impact probability went from [\d.]+ % to [\d.]+ % at this resolution\.$/);
  });

  it('reports a mission lost at launch, an agreement kept and one broken, and assistance refused', () => {
    expect(titled(impactMoments, 'Mission lost: Reconnaissance flyby (Japan)')).toEqual([
      expect.objectContaining({ kind: 'mission', detail: 'The launch of the Reconnaissance flyby (Japan) failed (it was 0 % reliable): 300 M USD lost.', actorIds: ['japan'] }),
    ]);
    expect(titled(impactMoments, 'Agreement kept')[0]!.detail).toBe('United States and Bangladesh paid what they had promised by round 1.');
    expect(titled(busyMoments, 'Agreement broken')[0]!.detail).toBe('United States did not pay its promised share (300 M USD) by round 1.');
    const refused = busyMoments.filter((m) => m.kind === 'assistance');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.title).toBe('Assistance refused: United States to Kenya');
  });

  it('says what the table did after an inject, to the end of the next phase, and what its target did', () => {
    const inject = titled(busyMoments, 'Inject: Nairobi asks for an evacuation plan')[0]!;
    // Count it independently: everything after the inject until round 1 resolves (the end of its orders phase).
    const end = resolved(busy, 1).seq;
    const after = busy.events.filter((e) => e.seq > inject.seq && e.seq < end);
    const messages = after.filter((e) => e.type === 'MessagePosted' || e.type === 'StatementPosted').length;
    const kenyaMessages = after.filter((e) => e.data.type === 'MessagePosted' && e.data.from === 'actor:kenya').length;
    const orders = after.filter((e) => e.type === 'OrdersSubmitted').length;
    expect(inject.detail).toContain(`By the end of the orders phase of round 1, the table answered with ${messages} messages, ${orders} orders,`);
    expect(inject.detail).toContain(`(Kenya: ${kenyaMessages} message${kenyaMessages === 1 ? '' : 's'},`);
    expect(inject.actorIds).toEqual(['kenya']);
  });

  it('reports overrides, UN votes, evacuations and the encounter', () => {
    expect(busyMoments.filter((m) => m.kind === 'override')[0]!.detail).toBe(
      'The control cell changed the reliability of the Reconnaissance flyby (United States) from 95 % to 99 %: The flyby is a proven design.',
    );
    expect(titled(busyMoments, 'UN resolution adopted')[0]!.detail).toBe('The vote was 3 for, 1 against and 0 abstaining.');
    expect(titled(busyMoments, 'Kenya evacuates')).toHaveLength(1);
    expect(busyMoments.filter((m) => m.kind === 'encounter')).toEqual([expect.objectContaining({ title: 'The encounter: the deflection worked', round: 5 })]);
  });

  it('states the findings of an impact by name, never by id', () => {
    const encounter = impactMoments.filter((m) => m.kind === 'encounter');
    expect(encounter).toHaveLength(1);
    expect(encounter[0]!.title).toMatch(/^The encounter: impact in /);
    expect(encounter[0]!.detail).toMatch(/[\d,]+ people died and the damage came to [\d,]+ M USD\.$/);
    const findings = impactMoments.filter((m) => m.kind === 'finding');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.title).toMatch(/^Finding: United States answers to [A-Z]/);
      expect(`${f.title} ${f.detail}`).not.toMatch(/state-[a-z]{3}/);
      expect(f.actorIds).toEqual(['usa']);
    }
  });

  it('finds the moments of a conference-sized log: one per inject, each with what the table did', () => {
    const conference = playDebriefTable(CONFERENCE).debriefLog();
    const moments = keyMoments(conference);
    const injects = conference.events.filter((e) => e.type === 'InjectFired').length;
    expect(moments.filter((m) => m.kind === 'inject')).toHaveLength(injects);
    expect(moments.filter((m) => m.kind === 'inject').every((m) => /the table answered with \d+ messages?/.test(m.detail))).toBe(true);
    expect(moments.filter((m) => m.kind === 'assistance')).toHaveLength(1 + 2 * 5);
  });
});
