import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/debrief/timeline.js';
import { filterTimeline, groupByRound, NO_FILTER, timelineWindow } from '../../../client/debrief/filter.js';

const entry = (seq: number, over: Partial<TimelineEntry>): TimelineEntry => ({
  seq,
  type: 'MessagePosted',
  kind: 'talk',
  round: 1,
  phase: 'deliberation',
  scenarioDate: '2031-05-01',
  at: '2026-12-06T10:00:00Z',
  actorId: null,
  who: 'Control cell',
  summary: '',
  audience: 'everyone',
  detail: null,
  participantId: 'p-1',
  ...over,
});

const entries = [
  entry(1, { kind: 'talk', actorId: 'kenya', who: 'Kofi (Kenya)', summary: 'Kenya asks for airlift to Malindi.' }),
  entry(2, { kind: 'mission', type: 'MissionProposed', actorId: 'usa', who: 'Uma (United States)', summary: 'Proposes a kinetic impactor.' }),
  entry(3, { kind: 'inject', type: 'InjectFired', who: 'Control cell', summary: 'Leaked memo about São Tomé.' }),
  entry(4, { kind: 'talk', actorId: 'usa', who: 'Uma (United States)', summary: 'We will fund the impactor.' }),
];

describe('filtering the timeline', () => {
  it('lets everything through with no filter', () => {
    expect(filterTimeline(entries, NO_FILTER)).toHaveLength(4);
  });

  it('keeps one actor’s events', () => {
    expect(filterTimeline(entries, { ...NO_FILTER, actorId: 'usa' }).map((e) => e.seq)).toEqual([2, 4]);
  });

  it('keeps the ticked kinds', () => {
    expect(filterTimeline(entries, { ...NO_FILTER, kinds: new Set(['mission', 'inject'] as const) }).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('searches every word, regardless of case and accents, in the summary and who', () => {
    expect(filterTimeline(entries, { ...NO_FILTER, query: 'IMPACTOR uma' }).map((e) => e.seq)).toEqual([2, 4]);
    expect(filterTimeline(entries, { ...NO_FILTER, query: 'sao tome' }).map((e) => e.seq)).toEqual([3]);
    expect(filterTimeline(entries, { ...NO_FILTER, query: 'kenya impactor' })).toEqual([]);
  });

  it('searches the full text an entry shortens', () => {
    const long = [entry(7, { summary: 'Kenya writes to the United States.', detail: 'We offer the port of Mombasa for the recovery teams.' })];
    expect(filterTimeline(long, { ...NO_FILTER, query: 'mombasa' }).map((e) => e.seq)).toEqual([7]);
  });

  it('combines the filters', () => {
    expect(filterTimeline(entries, { actorId: 'usa', kinds: new Set(['talk'] as const), query: 'fund' }).map((e) => e.seq)).toEqual([4]);
  });
});

describe('paging the timeline', () => {
  const many = Array.from({ length: 950 }, (_, i) => entry(i + 1, {}));

  it('renders the first page when the scrubber stands before the first event', () => {
    expect(timelineWindow(many, null, 200, null)).toEqual({ from: 0, to: 200 });
  });

  it('renders the page that holds the scrubber’s event, not everything before it', () => {
    expect(timelineWindow(many, 450, 200, null)).toEqual({ from: 400, to: 600 });
    expect(timelineWindow(many, 950, 200, null)).toEqual({ from: 800, to: 950 });
  });

  it('keeps a window widened by "earlier" or "later" while it holds the scrubber’s event', () => {
    expect(timelineWindow(many, 450, 200, { from: 200, to: 800 })).toEqual({ from: 200, to: 800 });
    expect(timelineWindow(many, 900, 200, { from: 200, to: 800 })).toEqual({ from: 800, to: 950 });
  });

  it('never renders past the end, and falls back to the first page when the filter left fewer', () => {
    expect(timelineWindow(many.slice(0, 50), null, 200, null)).toEqual({ from: 0, to: 50 });
    expect(timelineWindow(many.slice(0, 50), null, 200, { from: 400, to: 600 })).toEqual({ from: 0, to: 50 });
    expect(timelineWindow([], 3, 200, null)).toEqual({ from: 0, to: 0 });
  });
});

describe('grouping the timeline by round', () => {
  it('puts consecutive entries of one round under one heading, in order', () => {
    const groups = groupByRound([entry(1, { round: 0 }), entry(2, { round: 1 }), entry(3, { round: 1 }), entry(4, { round: 2 })]);
    expect(groups.map((g) => [g.round, g.entries.map((e) => e.seq)])).toEqual([
      [0, [1]],
      [1, [2, 3]],
      [2, [4]],
    ]);
    expect(groupByRound([])).toEqual([]);
  });
});
