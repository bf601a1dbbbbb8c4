import { describe, expect, it } from 'vitest';
import { createReplay, Memo } from '../../../client/debrief/replay.js';
import { RULES_VERSION } from '../../../shared/engine/version.js';
import { playerView } from '../../../shared/engine/view.js';
import { AT, roundStarted, scenario, SEED, tableSeated } from '../../shared/engine/given.js';

describe('the studio’s memory of computed views', () => {
  it('computes a value once and hands the same object back', () => {
    const memo = new Memo<{ n: number }>(4);
    let computed = 0;
    const a = memo.get('12|actor:kenya', () => ({ n: ++computed }));
    const b = memo.get('12|actor:kenya', () => ({ n: ++computed }));
    expect(b).toBe(a);
    expect(computed).toBe(1);
  });

  it('forgets the least recently used value when full', () => {
    const memo = new Memo<number>(2);
    memo.get('a', () => 1);
    memo.get('b', () => 2);
    memo.get('a', () => 99); // a is now the most recent
    memo.get('c', () => 3); // b goes
    expect(memo.size).toBe(2);
    expect(memo.get('a', () => -1)).toBe(1);
    expect(memo.get('b', () => -2)).toBe(-2);
  });
});

describe('replaying a log in the browser', () => {
  const events = [...tableSeated(['usa', 'kenya']), ...roundStarted(1)];
  const response = {
    exerciseId: 'ex-1',
    scenarioId: scenario.id,
    seed: SEED,
    exercise: null as never,
    scenario,
    events: events.map((data, i) => ({ seq: i + 1, type: data.type, data, actor: 'system', at: AT, rulesVersion: RULES_VERSION })),
  };

  it('shows each seat what playerView gives it at each position', () => {
    const replay = createReplay(response);
    const end = events.length;
    const state = replay.stateAt(end);
    expect(state.round).toBe(1);
    expect(replay.stateAt(0).round).toBe(0);
    const kenya = replay.viewAt(end, 'actor:kenya');
    expect(kenya).toEqual(playerView(state, 'actor:kenya'));
    expect(kenya.me?.actorId).toBe('kenya');
    expect(replay.viewAt(end, 'display').me).toBeNull();
  });

  it('keeps the parts that come from the scenario alone as one object at every position and seat, so the map is not redrawn', () => {
    const replay = createReplay(response);
    const a = replay.viewAt(0, 'facilitator');
    const b = replay.viewAt(events.length, 'actor:usa');
    expect(b.riskCorridor).toBe(a.riskCorridor);
    expect(b.asteroid).toBe(a.asteroid);
    expect(b.missionTypes).toBe(a.missionTypes);
    expect(replay.viewAt(events.length, 'actor:usa')).toBe(b);
  });
});
