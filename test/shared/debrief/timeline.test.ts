import { beforeAll, describe, expect, it } from 'vitest';
import type { DebriefLog } from '../../../shared/debrief/log.js';
import { buildTimeline, filterTimeline, groupTimeline, timelineKinds, type TimelineEntry } from '../../../shared/debrief/timeline.js';
import { branchEvent, initialState, replay, RULES_VERSION } from '../../../shared/engine/index.js';
import { CONFERENCE, EVALUATOR_NAME, playDebriefTable } from './logs.js';

let log: DebriefLog;
let timeline: TimelineEntry[];
const find = (pred: (e: TimelineEntry) => boolean) => {
  const found = timeline.find(pred);
  if (!found) throw new Error('no such entry');
  return found;
};

beforeAll(() => {
  log = playDebriefTable().debriefLog();
  timeline = buildTimeline(log);
});

describe('buildTimeline', () => {
  it('has one entry per event, in order, with the seq, type and wall-clock time the store recorded', () => {
    expect(timeline.map((e) => e.seq)).toEqual(log.events.map((e) => e.seq));
    expect(timeline.map((e) => e.type)).toEqual(log.events.map((e) => e.type));
    expect(timeline.map((e) => e.at)).toEqual(log.events.map((e) => e.at));
    for (const e of timeline) expect(timelineKinds).toContain(e.kind);
  });

  it('names people with the seat they held: the actor, the control cell, the evaluator, or the rules', () => {
    expect(find((e) => e.type === 'OrdersSubmitted' && e.actorId === 'kenya').who).toBe('Player for kenya (Kenya)');
    expect(find((e) => e.type === 'PhaseChanged').who).toBe('Fran (control) (control cell)');
    expect(find((e) => e.type === 'ObservationRecorded').who).toBe(`${EVALUATOR_NAME} (evaluator)`);
    expect(find((e) => e.type === 'RoundResolved').who).toBe('The rules');
    // A participant who has just joined has no seat yet: the name alone.
    expect(find((e) => e.type === 'ParticipantJoined').who).toBe('Fran (control)');
  });

  it('says what happened in a plain sentence with names, money in M USD and probabilities in percent, never ids', () => {
    for (const e of timeline) {
      expect(e.summary).toMatch(/[.”?!]$/);
      expect(e.summary).not.toMatch(/\bp-[a-z]+|mission-\d|agreement-\d|resolution-\d/);
    }
    expect(find((e) => e.type === 'OrdersSubmitted' && e.actorId === 'usa').summary).toBe(
      'United States gave its secret orders for round 1: 100 M USD for observation and 300 M USD for the Reconnaissance flyby (United States) and 150 M USD for the Nuclear stand-off device (United States).',
    );
    expect(find((e) => e.type === 'IawnNotificationIssued').summary).toMatch(/^IAWN notified the United Nations that the asteroid has a \d+(\.\d+)? % probability/);
    expect(find((e) => e.type === 'AgreementProposed' && e.actorId === 'kenya').summary).toMatch(/^Kenya proposed an assistance agreement to United States/);
    expect(find((e) => e.type === 'ObservationRecorded').summary).toMatch(/^Eve Evaluator observed of Kenya \(Public information and warning, rated M\): “Kenya kept/);
    expect(find((e) => e.type === 'ValueOverridden').summary).toBe(
      'The control cell changed the reliability of the Reconnaissance flyby (United States) from 95 % to 99 %: The flyby is a proven design.',
    );
  });

  it('places each event in its round, phase and scenario date', () => {
    const message = find((e) => e.type === 'MessagePosted');
    expect([message.round, message.phase, message.scenarioDate]).toEqual([1, 'deliberation', log.scenario.calendar.rounds[0]!.date]);
    const round3 = find((e) => e.type === 'RoundStarted' && e.round === 3);
    expect(round3.scenarioDate).toBe(log.scenario.calendar.rounds[2]!.date);
    expect(timeline[0]!.phase).toBe('lobby');
    expect(timeline.at(-1)!.phase).toBe('ended');
  });

  it('says who could see each event: everyone, some actors, or the control cell alone', () => {
    expect(find((e) => e.type === 'MessagePosted' && e.summary.includes('Kenya to the United States')).audience).toEqual(['usa', 'kenya']);
    expect(find((e) => e.type === 'MessagePosted' && e.summary.includes('its own delegation')).audience).toEqual(['japan']);
    expect(find((e) => e.type === 'MessagePosted' && e.summary.includes('to everyone')).audience).toBe('everyone');
    expect(find((e) => e.type === 'OrdersSubmitted' && e.actorId === 'usa').audience).toEqual(['usa']);
    expect(find((e) => e.type === 'InjectFired' && e.summary.includes('Nairobi')).audience).toEqual(['kenya']);
    expect(find((e) => e.type === 'ObservationRecorded').audience).toBe('control');
    expect(find((e) => e.type === 'ValueOverridden').audience).toBe('control');
    expect(find((e) => e.type === 'RoundResolved').audience).toBe('everyone');
  });

  it('keeps the full text of what a summary shortens, for search', () => {
    const inject = find((e) => e.type === 'InjectFired' && e.summary.includes('Nairobi'));
    expect(inject.detail).toContain('Note for the control cell: Kenya should raise evacuation with its partners.');
  });
});

describe('filterTimeline and groupTimeline', () => {
  it('filters by actor and kind together', () => {
    const kenyaTalk = filterTimeline(timeline, { actorIds: ['kenya'], kinds: ['talk'] });
    expect(kenyaTalk.length).toBe(log.events.filter((e) => e.data.type === 'MessagePosted' && e.data.from === 'actor:kenya').length);
    expect(kenyaTalk.every((e) => e.actorId === 'kenya' && e.kind === 'talk')).toBe(true);
  });

  it('searches every word in who, summary and full text, ignoring case and accents', () => {
    const found = filterTimeline(timeline, { text: 'KENYA tracking' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e) => /kenya/i.test(`${e.who} ${e.summary} ${e.detail}`) && /tracking/i.test(`${e.who} ${e.summary} ${e.detail}`))).toBe(true);
    const accented: TimelineEntry = { ...timeline[0]!, summary: 'Kenya wrote: “données partagées”.' };
    expect(filterTimeline([accented], { text: 'donnees' })).toHaveLength(1);
    expect(filterTimeline([accented], { text: 'donnees absent' })).toHaveLength(0);
  });

  it('groups by round and by phase, in order, losing no entry', () => {
    const byRound = groupTimeline(timeline, 'round');
    expect(byRound.map((g) => g.label)).toEqual(['Before the first round', 'Round 1', 'Round 2', 'Round 3', 'Round 4', 'Round 5']);
    expect(byRound.reduce((n, g) => n + g.entries.length, 0)).toBe(timeline.length);
    const byPhase = groupTimeline(timeline, 'phase');
    expect(byPhase.map((g) => g.label).slice(1, 5)).toEqual(['Round 1 · briefing', 'Round 1 · deliberation', 'Round 1 · orders', 'Round 1 · resolution']);
    const byActor = groupTimeline(timeline, 'actor', { kenya: 'Kenya' });
    expect(byActor.find((g) => g.key === 'kenya')!.label).toBe('Kenya');
  });
});

describe('a conference-sized log', () => {
  it('has an entry for each of its thousands of events, its targeted injects seen only by their target', () => {
    const conference = playDebriefTable(CONFERENCE).debriefLog();
    const entries = buildTimeline(conference);
    expect(entries.length).toBe(conference.events.length);
    expect(entries.length).toBeGreaterThan(3000);
    const talk = filterTimeline(entries, { kinds: ['talk'] });
    expect(talk.length).toBe(conference.events.filter((e) => e.type === 'MessagePosted').length);
    const targeted = entries.filter((e) => e.type === 'InjectFired' && e.summary.startsWith('Reuters (news) to Kenya'));
    expect(targeted.length).toBe(20);
    expect(targeted.every((e) => JSON.stringify(e.audience) === '["kenya"]')).toBe(true);
  });
});

describe('a what-if branch', () => {
  it('says where the branch left its parent and what it changed, as the rules', () => {
    const keep = 60;
    const parent = replay(initialState(log.scenario, log.seed), log.events.slice(0, keep).map((e) => e.data));
    const branched = branchEvent(parent, { parentId: 'ex-1', forkSeq: keep, seed: 7, regime: 'pd-protocol', note: 'What if the protocol were in force?' });
    const branch: DebriefLog = {
      ...log,
      exerciseId: 'ex-2',
      events: [...log.events.slice(0, keep), { seq: keep + 1, type: branched.type, data: branched, actor: 'system', at: '2031-03-11T09:00:00.000Z', rulesVersion: RULES_VERSION }],
    };
    const entry = buildTimeline(branch).at(-1)!;
    expect(entry).toMatchObject({ kind: 'control', who: 'The rules', audience: 'everyone', actorId: null });
    expect(entry.summary).toBe(`A what-if branch went on from the first ${keep} events of exercise ex-1, with new random draws and under the pd protocol regime: What if the protocol were in force?`);
  });
});
