import { describe, expect, it } from 'vitest';
import {
  eventSchema,
  evolve,
  initialState,
  replay,
  stateHash,
  type DomainEvent,
  type EventOf,
  type EventType,
  type ExerciseState,
} from '../../../shared/engine/index.js';
import { ACTOR_IDS, FACILITATOR, SEED, Table, inOrdersPhase, joined, playerOf, roundStarted, scenario, tableSeated } from './given.js';

/** Five rounds in which the actors spend unevenly, as a real table would. */
function scriptedPlay(): Table {
  const table = new Table();
  table.playRound({ usa: [100, 0], japan: [50, 0], kenya: [10, 0] });
  table.playRound({ usa: [200, 300], japan: [0, 200], astra: [50, 50], copuos: [20, 0] });
  table.playRound({ usa: [0, 500], japan: [0, 300], bangladesh: [40, 40], kenya: [0, 100] });
  table.playRound({ usa: [600, 600], japan: [100, 100], astra: [150, 0] });
  table.playRound({ usa: [1, 2], copuos: [3, 4] });
  table.advance(); // ExerciseEnded
  return table;
}

/** Income credited to each actor by the RoundStarted events of a log. */
function incomeIn(events: readonly DomainEvent[]): Record<string, number> {
  const income: Record<string, number> = Object.fromEntries(ACTOR_IDS.map((id) => [id, 0]));
  for (const e of events) if (e.type === 'RoundStarted') for (const [id, m] of Object.entries(e.incomeMUsd)) income[id] = income[id]! + m;
  return income;
}

const allEventTypes = eventSchema.options.map((o) => o.shape.type.value) as EventType[];

describe('money', () => {
  it('is conserved: after every event, balance plus total spent equals the income received, for every actor', () => {
    const table = scriptedPlay();
    expect(table.state.phase).toBe('ended');
    let state = initialState(scenario, SEED);
    table.events.forEach((event, i) => {
      state = evolve(state, event);
      const income = incomeIn(table.events.slice(0, i + 1));
      for (const id of ACTOR_IDS) {
        const a = state.actors[id]!;
        expect(a.balanceMUsd + a.totalSpentMUsd, `${id} after event ${i} (${event.type})`).toBeCloseTo(income[id]!, 9);
        expect(a.balanceMUsd).toBeGreaterThanOrEqual(0);
      }
    });
  });

  it('debits exactly what each actor ordered over the five rounds', () => {
    const { actors } = scriptedPlay().state;
    expect(actors['usa']).toMatchObject({ totalSpentMUsd: 2303, balanceMUsd: 5 * 600 - 2303 });
    expect(actors['japan']).toMatchObject({ totalSpentMUsd: 750, balanceMUsd: 5 * 300 - 750 });
    expect(actors['kenya']).toMatchObject({ totalSpentMUsd: 110, balanceMUsd: 5 * 50 - 110 });
    expect(actors['bangladesh']).toMatchObject({ totalSpentMUsd: 80, balanceMUsd: 5 * 40 - 80 });
    expect(actors['astra']).toMatchObject({ totalSpentMUsd: 250, balanceMUsd: 5 * 100 - 250 });
    expect(actors['copuos']).toMatchObject({ totalSpentMUsd: 27, balanceMUsd: 5 * 20 - 27 });
  });

  it('credits income and clears last round\'s orders and readiness when a round starts', () => {
    const table = new Table();
    table.playRound({ usa: [100, 50] });
    expect(table.state.actors['usa']).toMatchObject({ balanceMUsd: 450, ready: true, orders: { observeMUsd: 100, deflectMUsd: 50 } });
    table.advance();
    expect(table.state.actors['usa']).toEqual({ balanceMUsd: 1050, orders: null, ready: false, totalSpentMUsd: 150 });
  });
});

describe('RoundResolved', () => {
  it('sets the generator state from the event\'s rngAfter, never drawing itself', () => {
    const table = new Table();
    const resolved = table.playRound();
    expect(table.state.rng).toEqual(resolved.rngAfter);
    const before = replay(initialState(scenario, SEED), table.events.slice(0, -1));
    const planted: EventOf<'RoundResolved'> = { ...resolved, rngAfter: [11, 22, 33, 44] };
    expect(evolve(before, planted).rng).toEqual([11, 22, 33, 44]);
    expect(before.rng).not.toEqual([11, 22, 33, 44]);
  });

  it('records the estimate, the result and the campaign as the event states them', () => {
    const table = new Table();
    table.playRound({ usa: [0, 600], japan: [0, 300] });
    const resolved = table.resolutions()[0]!;
    expect(table.state.phase).toBe('resolution');
    expect(table.state.estimate).toEqual(resolved.estimate);
    expect(table.state.estimateHistory.at(-1)).toEqual({ round: 1, date: '2031-03-10', ...resolved.estimate });
    expect(table.state.campaign).toEqual({ pooledMUsd: 900, launchedInRound: null });
    expect(table.state.results).toHaveLength(1);
  });
});

describe('replay', () => {
  it('gives the same state hash when the same events are replayed twice', () => {
    const { events } = scriptedPlay();
    const first = replay(initialState(scenario, SEED), events);
    const second = replay(initialState(scenario, SEED), events);
    expect(stateHash(second)).toBe(stateHash(first));
    expect(second).toEqual(first);
  });

  it('gives a different hash when the log differs by one event', () => {
    const { events } = scriptedPlay();
    const full = replay(initialState(scenario, SEED), events);
    const short = replay(initialState(scenario, SEED), events.slice(0, -1));
    expect(stateHash(short)).not.toBe(stateHash(full));
  });

  it('counts every event it folds', () => {
    const { events } = scriptedPlay();
    expect(replay(initialState(scenario, SEED), events).eventCount).toBe(events.length);
  });
});

describe('evolve', () => {
  /** A log that exercises every event type: joins, seat changes, talk, orders, readiness, five rounds, leaving and the end. */
  function everyKindOfEvent(): DomainEvent[] {
    const table = new Table();
    table.advance();
    table.do({ type: 'SendMessage', to: 'public', text: 'Welcome to 2031 KX.' });
    table.do({ type: 'SendMessage', to: ['kenya'], text: 'We can help.' }, playerOf('usa'));
    table.do({ type: 'ReleaseSeat' }, playerOf('astra'));
    table.do({ type: 'ClaimSeat', seat: 'actor:astra' }, playerOf('astra'));
    table.advance(2);
    table.submit('usa', [10, 10]);
    table.do({ type: 'SetReady', ready: true }, playerOf('usa'));
    table.do({ type: 'SetReady', ready: false }, playerOf('usa'));
    table.advance();
    for (let round = 2; round <= 5; round++) table.playRound({ usa: [10, 400] });
    table.do({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya'));
    table.advance();
    return table.events;
  }

  it('folds a scripted log containing every event type without throwing', () => {
    const log = everyKindOfEvent();
    expect(new Set(log.map((e) => e.type))).toEqual(new Set(allEventTypes));
    let final: ExerciseState | undefined;
    expect(() => {
      final = replay(initialState(scenario, SEED), log);
    }).not.toThrow();
    expect(final!.phase).toBe('ended');
  });

  it('applies each event of that log even out of context, to a fresh state, without throwing', () => {
    for (const event of everyKindOfEvent()) {
      expect(() => evolve(initialState(scenario, SEED), event), event.type).not.toThrow();
    }
  });

  it('only ever produces events that satisfy the event schema the store validates', () => {
    for (const event of everyKindOfEvent()) expect(eventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
  });

  it('ignores a seat change of a participant it does not know, apart from counting the event', () => {
    const state = replay(initialState(scenario, SEED), tableSeated());
    const next = evolve(state, { type: 'SeatClaimed', participantId: 'p-ghost', seat: 'display' });
    expect(next).toEqual({ ...state, eventCount: state.eventCount + 1 });
  });

  it('removes a participant who leaves, freeing their seat', () => {
    const state = replay(initialState(scenario, SEED), [...tableSeated(), { type: 'ParticipantLeft', participantId: playerOf('usa'), reason: 'left' }]);
    expect(state.participants[playerOf('usa')]).toBeUndefined();
    expect(Object.values(state.participants).some((p) => p.seat === 'actor:usa')).toBe(false);
    expect(state.participants[FACILITATOR]?.seat).toBe('facilitator');
  });

  it('does not change the state it is given', () => {
    const state = replay(initialState(scenario, SEED), [...inOrdersPhase(), joined('p-x', 'X')]);
    const snapshot = structuredClone(state);
    evolve(state, { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 1, deflectMUsd: 2 } });
    evolve(state, roundStarted(2)[0]!);
    expect(state).toEqual(snapshot);
  });
});
