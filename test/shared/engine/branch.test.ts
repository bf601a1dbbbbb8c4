// What-if branches: a branch's log is its parent's first `forkSeq` events and one
// `ExerciseBranched`; from there it is an exercise of its own, seated afresh and paused.
import { describe, expect, it } from 'vitest';
import { seedRng } from '../../../shared/random.js';
import {
  branchEvent,
  eventForSeat,
  eventSchema,
  evolve,
  initialState,
  playerView,
  replay,
  stateHash,
  type DomainEvent,
  type EventOf,
  type ExerciseState,
} from '../../../shared/engine/index.js';
import { FACILITATOR, SEED, Table, actorSeat, given, joined, playerOf, scenario, seated, tableSeated, type OrdersTuple } from './given.js';

const PARENT_ID = 'parent-exercise';

/** The rounds played after the fork, by the parent and by its branches alike. */
const ROUNDS_AFTER_FORK: readonly Record<string, OrdersTuple>[] = [{ usa: [80] }, { japan: [40], kenya: [10] }];

/** A parent that played round 1 (the fork point), with its events and its state there. */
function parentAtFork(): { table: Table; prefix: DomainEvent[]; state: ExerciseState } {
  const table = new Table();
  table.playRound({ usa: [100], japan: [50] });
  return { table, prefix: [...table.events], state: table.state };
}

/** Plays the rounds after the fork and returns their resolutions. */
function playOn(table: Table): EventOf<'RoundResolved'>[] {
  return ROUNDS_AFTER_FORK.map((orders) => table.playRound(orders));
}

/** A branch table: the parent's prefix, the branch event, everyone seated afresh and the facilitator resuming. */
function branchTable(prefix: readonly DomainEvent[], branched: EventOf<'ExerciseBranched'>): Table {
  const table = new Table(SEED, [...prefix, branched, ...tableSeated()]);
  table.do({ type: 'ResumeExercise' });
  return table;
}

describe('branchEvent', () => {
  it('makes a branch log of the parent prefix and one ExerciseBranched that keeps the parent generator when no seed is given', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length });
    expect(branched).toEqual({ type: 'ExerciseBranched', parentId: PARENT_ID, forkSeq: parent.prefix.length, seed: null, regime: null, rngAfter: [...parent.state.rng] });
    expect(eventSchema.parse(branched)).toEqual(branched);
    const log = [...parent.prefix, branched];
    const state = replay(initialState(scenario, SEED), log);
    expect(state.eventCount).toBe(parent.prefix.length + 1);
    expect(state.branch).toEqual({ parentId: PARENT_ID, forkSeq: parent.prefix.length });
    expect(state.rng).toEqual(parent.state.rng);
  });

  it('starts a fresh generator from a new seed, and records the seed, the regime and the note', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length, seed: 7, regime: 'pd-protocol', note: 'What if the protocol had been in force?' });
    expect(branched).toMatchObject({ seed: 7, regime: 'pd-protocol', note: 'What if the protocol had been in force?', rngAfter: [...seedRng(7)] });
    expect(branched.rngAfter).not.toEqual([...parent.state.rng]);
  });

  it('refuses a parent state that is not the state at the fork point', () => {
    const parent = parentAtFork();
    expect(() => branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length - 1 })).toThrow(RangeError);
  });
});

describe('a branch after the fork', () => {
  it('is unaffected by its parent playing on from the very state it was made from', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length });
    const branchState = evolve(parent.state, branched);
    const hashAtFork = stateHash(branchState);
    // The parent goes on by evolve (the table) and by replay from the same object.
    const before = parent.table.events.length;
    playOn(parent.table);
    const parentLater = parent.table.events.slice(before);
    replay(parent.state, parentLater);
    expect(stateHash(branchState)).toBe(hashAtFork);
    // And the branch going on leaves the parent's state at the fork as it was.
    const parentHash = stateHash(parent.state);
    replay(branchState, [...tableSeated(), { type: 'ExerciseResumed' }, ...parentLater]);
    expect(stateHash(parent.state)).toBe(parentHash);
  });

  it('with the same generator and the same moves gives the parent results', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length });
    const branch = branchTable(parent.prefix, branched);
    const parentResults = playOn(parent.table);
    expect(playOn(branch)).toEqual(parentResults);
    expect(branch.state.rng).toEqual(parent.table.state.rng);
    expect(branch.state.estimate).toEqual(parent.table.state.estimate);
  });

  it('with another seed and the same moves draws differently and ends elsewhere', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length, seed: 7 });
    const branch = branchTable(parent.prefix, branched);
    const parentResults = playOn(parent.table);
    const branchResults = playOn(branch);
    expect(branchResults.map((r) => r.noiseZ)).not.toEqual(parentResults.map((r) => r.noiseZ));
    expect(branch.state.estimate).not.toEqual(parent.table.state.estimate);
    // Until the fork it is the parent's history: the first round's result is the same.
    expect(branch.state.results[0]).toEqual(parent.table.state.results[0]);
  });

  it('puts its regime in force, and the view says so and names its parent and fork point', () => {
    const parent = parentAtFork();
    const forkSeq = parent.prefix.length;
    const state = evolve(parent.state, branchEvent(parent.state, { parentId: PARENT_ID, forkSeq, regime: 'pd-protocol' }));
    expect(state.scenario.legal.regime).toBe('pd-protocol');
    for (const seat of [null, 'display', actorSeat('kenya'), 'facilitator'] as const) {
      expect(playerView(state, seat).exercise).toMatchObject({ legalRegime: 'pd-protocol', branch: { parentId: PARENT_ID, forkSeq } });
      expect(playerView(parent.state, seat).exercise).toMatchObject({ legalRegime: 'liability-convention', branch: null });
    }
  });

  it('keeps the scenario regime when no regime is given', () => {
    const parent = parentAtFork();
    const state = evolve(parent.state, branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length }));
    expect(state.scenario).toBe(parent.state.scenario);
  });

  it('has every seat free and no delegation request: the parent table joins afresh', () => {
    const parent = parentAtFork();
    const forkSeq = parent.prefix.length;
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq });
    const state = evolve(parent.state, branched);
    expect(state.participants).toEqual({});
    expect(state.delegationRequests).toEqual({});
    expect(playerView(state, null).seats.every((s) => s.holders.length === 0)).toBe(true);
    // The parent's player for the USA is a stranger here until it joins; then the seat is free to take.
    given(...parent.prefix, branched).when({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } }, playerOf('usa')).thenRejects('participant/unknown');
    given(...parent.prefix, branched, joined('p-new', 'Newcomer'))
      .when({ type: 'ClaimSeat', seat: actorSeat('usa') }, 'p-new')
      .then(seated('p-new', actorSeat('usa')));
  });

  it('is paused until the facilitator resumes it, with no phase timer running', () => {
    const parent = parentAtFork();
    const forkSeq = parent.prefix.length;
    const timed: DomainEvent[] = [...parent.prefix.slice(0, -1), { type: 'PhaseTimerSet', deadline: '2031-03-10T10:00:00.000Z' }];
    const withTimer = replay(initialState(scenario, SEED), timed);
    const state = evolve(withTimer, branchEvent(withTimer, { parentId: PARENT_ID, forkSeq: timed.length }));
    expect(state.paused).toBe(true);
    expect(state.phaseDeadline).toBeNull();
    const rejoined = [...parent.prefix, branchEvent(parent.state, { parentId: PARENT_ID, forkSeq }), ...tableSeated()];
    given(...rejoined).when({ type: 'AdvancePhase' }, FACILITATOR).thenRejects('exercise/paused');
    given(...rejoined).when({ type: 'ResumeExercise' }, FACILITATOR).then({ type: 'ExerciseResumed' });
  });

  it('is told to every seat, without the seed and the generator state outside the control cell', () => {
    const parent = parentAtFork();
    const branched = branchEvent(parent.state, { parentId: PARENT_ID, forkSeq: parent.prefix.length, seed: 7, regime: 'pd-protocol' });
    expect(eventForSeat(branched, 'facilitator')).toEqual(branched);
    expect(eventForSeat(branched, 'evaluator')).toEqual(branched);
    for (const seat of [null, 'display', actorSeat('usa')] as const) {
      expect(eventForSeat(branched, seat)).toEqual({ ...branched, seed: null, rngAfter: [] });
    }
  });
});
