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

/**
 * Five rounds in which the actors spend unevenly, as a real table would: the USA proposes a
 * kinetic impactor that it, Japan and (too late, so nothing is taken) Astra fund in round 2;
 * Japan and Bangladesh fund a reconnaissance probe in round 3; the USA launches the impactor
 * in round 4, when Kenya orders an evacuation.
 */
function scriptedPlay(): Table {
  const table = new Table();
  table.playRound({ usa: [100], japan: [50] });
  table.toPhase('deliberation');
  const impactor = table.propose('usa', 'ki-single', 'toward-start');
  table.playRound({ usa: [200, { [impactor]: 300 }], japan: [0, { [impactor]: 200 }], astra: [50, { [impactor]: 50 }], copuos: [20] });
  table.toPhase('deliberation');
  const recon = table.propose('japan', 'recon');
  table.playRound({ japan: [0, { [recon]: 260 }], bangladesh: [40, { [recon]: 40 }] });
  table.toPhase('deliberation');
  table.do({ type: 'LaunchMission', missionId: impactor }, playerOf('usa'));
  table.do({ type: 'OrderEvacuation' }, playerOf('kenya'));
  table.playRound({ usa: [600], japan: [100] });
  table.playRound({ usa: [1], copuos: [3] });
  table.advance(); // ExerciseEnded
  return table;
}

/** Income credited to each actor by the RoundStarted events of a log. */
function incomeIn(events: readonly DomainEvent[]): Record<string, number> {
  const income: Record<string, number> = Object.fromEntries(ACTOR_IDS.map((id) => [id, 0]));
  for (const e of events) if (e.type === 'RoundStarted') for (const [id, m] of Object.entries(e.incomeMUsd)) income[id] = income[id]! + m;
  return income;
}

/** Events whose commands the engine is still being given (work in progress in shared/engine): the log cannot contain them yet. */
/** The control cell's events and claims are exercised in control.test.ts and diplomacy.test.ts rather than in this script. */
const NOT_YET_PLAYABLE: readonly string[] = [
  'InjectFired',
  'ClaimFiled',
  'ExercisePaused',
  'ExerciseResumed',
  'PhaseTimerSet',
  'PhaseTimerExpired',
  'ValueOverridden',
  'InjectSkipped',
  'ObservationRecorded',
  // No command makes it: the server writes it when it creates a branch (branch.test.ts).
  'ExerciseBranched',
];

/** Whether an event refers to an agreement, resolution or mission that must already exist in the state. */
const namesAnEntity = (e: DomainEvent): boolean =>
  e.type === 'AgreementResponded' ||
  e.type === 'AgreementWithdrawn' ||
  e.type === 'VoteCast' ||
  e.type === 'MissionAuthorised' ||
  e.type === 'MissionLaunchOrdered' ||
  (e.type === 'RoundResolved' && (e.missions.length > 0 || e.agreements.length > 0 || e.resolutions.length > 0));

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

  it('debits what each actor ordered, mission funding only up to what the mission lacked, and the evacuation', () => {
    const { actors, missions } = scriptedPlay().state;
    expect(actors['usa']).toMatchObject({ totalSpentMUsd: 1201, balanceMUsd: 5 * 600 - 1201 });
    expect(actors['japan']).toMatchObject({ totalSpentMUsd: 610, balanceMUsd: 5 * 300 - 610 });
    // Kenya's evacuation (150 M USD) is its only spending.
    expect(actors['kenya']).toMatchObject({ totalSpentMUsd: 150, balanceMUsd: 5 * 50 - 150 });
    expect(actors['bangladesh']).toMatchObject({ totalSpentMUsd: 80, balanceMUsd: 5 * 40 - 80 });
    // Astra pledged 50 to an impactor the USA and Japan had already filled: only its observation is paid.
    expect(actors['astra']).toMatchObject({ totalSpentMUsd: 50, balanceMUsd: 5 * 100 - 50 });
    expect(actors['copuos']).toMatchObject({ totalSpentMUsd: 23, balanceMUsd: 5 * 20 - 23 });
    expect(missions['mission-1']).toMatchObject({ fundedMUsd: 500, contributions: { usa: 300, japan: 200 } });
    expect(missions['mission-2']).toMatchObject({ fundedMUsd: 300, contributions: { japan: 260, bangladesh: 40 } });
  });

  it('credits income and clears last round\'s orders and readiness when a round starts', () => {
    const table = new Table();
    table.playRound({ usa: [100] });
    expect(table.state.actors['usa']).toMatchObject({ balanceMUsd: 500, ready: true, orders: { observeMUsd: 100, missionFunding: {} } });
    table.advance();
    expect(table.state.actors['usa']).toEqual({ balanceMUsd: 1100, orders: null, ready: false, totalSpentMUsd: 100 });
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

  it('records the estimate, the result and the missions\' funding and progress as the event states them', () => {
    const table = new Table();
    table.toPhase('deliberation');
    const id = table.propose('usa', 'ki-single');
    table.playRound({ usa: [0, { [id]: 400 }], japan: [0, { [id]: 300 }] });
    const resolved = table.resolutions()[0]!;
    expect(table.state.phase).toBe('resolution');
    expect(table.state.estimate).toEqual(resolved.estimate);
    expect(table.state.estimateHistory.at(-1)).toEqual({ round: 1, date: '2031-03-10', ...resolved.estimate });
    expect(resolved.spentMUsd['japan']).toEqual({ observeMUsd: 0, missionFunding: { [id]: 100 } });
    expect(resolved.deflectTotalMUsd).toBe(500);
    expect(resolved.missions).toEqual([expect.objectContaining({ missionId: id, change: 'funded', date: '2031-03-10' })]);
    // 18 months of building from the round's date.
    expect(table.state.missions[id]).toMatchObject({ status: 'building', fundedMUsd: 500, readyDate: '2032-09-10' });
    expect(table.state.actors['japan']!.balanceMUsd).toBe(200);
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
  /** A log that exercises every event type: joins, seats, delegation requests, talk and its quota, statements, missions, agreements, votes, orders, readiness, five rounds, leaving and the end. */
  function everyKindOfEvent(): DomainEvent[] {
    const table = new Table();
    table.advance();
    table.do({ type: 'SendMessage', to: 'public', text: 'Welcome to 2031 KX.' });
    table.do({ type: 'SendMessage', to: ['kenya'], text: 'We can help.' }, playerOf('usa'));
    table.do({ type: 'PostStatement', text: 'Kenya asks the world for help.' }, playerOf('kenya'));
    table.do({ type: 'SetTalkQuota', messagesPerPhase: 60 });
    table.do({ type: 'JoinExercise', name: 'Guest', role: 'participant' }, 'p-guest');
    table.do({ type: 'RequestDelegation', actorId: 'kenya' }, 'p-guest');
    table.do({ type: 'AnswerDelegationRequest', requestId: 'delegation-request-1', accept: false }, playerOf('kenya'));
    table.do({ type: 'RequestDelegation', actorId: 'kenya' }, 'p-guest');
    table.do({ type: 'AnswerDelegationRequest', requestId: 'delegation-request-2', accept: true });
    table.do({ type: 'IssueIawnNotification' }, playerOf('copuos'));
    table.do({ type: 'ReleaseSeat' }, playerOf('astra'));
    table.do({ type: 'ClaimSeat', seat: 'actor:astra' }, playerOf('astra'));
    table.advance();
    const impactor = table.propose('usa', 'ki-single');
    const probe = table.propose('astra', 'recon');
    table.do({ type: 'ConveneSmpag' }, playerOf('copuos'));
    table.do({ type: 'ShareTrackingData', share: false }, playerOf('japan'));
    table.do({ type: 'ContributeInKind', missionId: impactor, contribution: 'ground-station' }, playerOf('kenya'));
    const tractor = table.propose('usa', 'tractor');
    table.do({ type: 'BidForContract', missionId: tractor, priceMUsd: 800, buildMonths: 20, reliability: 0.9 }, playerOf('astra'));
    table.do({ type: 'AcceptBid', bidId: 'bid-1' }, playerOf('usa'));
    table.do({ type: 'AuthoriseMission', missionId: probe, granted: true }, playerOf('usa'));
    table.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: impactor, shares: { usa: 300, japan: 200 }, text: 'We share the impactor.' }, playerOf('usa'));
    table.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('japan'));
    table.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Help us evacuate.' }, playerOf('kenya'));
    table.do({ type: 'RespondToAgreement', agreementId: 'agreement-2', accept: false }, playerOf('usa'));
    table.do({ type: 'ProposeAgreement', kind: 'consultation', parties: ['bangladesh'], missionId: impactor, shares: {}, text: 'Consult us.' }, playerOf('usa'));
    table.do({ type: 'WithdrawAgreement', agreementId: 'agreement-3' }, playerOf('usa'));
    table.do({ type: 'ProposeResolution', kind: 'endorse-mission', missionId: impactor }, playerOf('copuos'));
    table.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }, playerOf('kenya'));
    table.do({ type: 'OrderEvacuation' }, playerOf('usa'));
    table.advance();
    table.submit('usa', [10, { [impactor]: 300 }]);
    table.do({ type: 'SetReady', ready: true }, playerOf('usa'));
    table.do({ type: 'SetReady', ready: false }, playerOf('usa'));
    table.submit('japan', [0, { [impactor]: 200 }]);
    table.advance();
    table.playRound();
    table.playRound();
    table.toPhase('orders');
    table.do({ type: 'LaunchMission', missionId: impactor }, playerOf('usa'));
    table.playRound();
    table.playRound();
    table.do({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya'));
    table.advance();
    return table.events;
  }

  it('folds a scripted log containing every event type without throwing', () => {
    const log = everyKindOfEvent();
    const seen = new Set(log.map((e) => e.type));
    expect(allEventTypes.filter((t) => !seen.has(t) && !NOT_YET_PLAYABLE.includes(t))).toEqual([]);
    let final: ExerciseState | undefined;
    expect(() => {
      final = replay(initialState(scenario, SEED), log);
    }).not.toThrow();
    expect(final!.phase).toBe('ended');
  });

  it('applies each event of that log that names no agreement, resolution or mission even out of context, to a fresh state, without throwing', () => {
    for (const event of everyKindOfEvent().filter((e) => !namesAnEntity(e))) {
      expect(() => evolve(initialState(scenario, SEED), event), event.type).not.toThrow();
    }
  });

  // Defect in shared/engine/evolve.ts: its doc says "total", but an answer to an agreement, a vote
  // or mission progress for an entity the state does not hold throws (state.agreements[id]! and
  // friends). Harmless for logs decide produced; turns red once evolve guards them: then merge
  // into the test above.
  it('applies even events naming agreements, resolutions or missions it does not know without throwing', () => {
    for (const event of everyKindOfEvent().filter(namesAnEntity)) evolve(initialState(scenario, SEED), event);
  });

  it('only ever produces events that satisfy the event schema the store validates', () => {
    for (const event of everyKindOfEvent()) expect(eventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
  });

  it('is what replay folds: replaying that log, with events that change nothing but the count mixed in, gives the state folding evolve gives', () => {
    const log = everyKindOfEvent();
    const changeNothing: DomainEvent[] = [
      { type: 'SeatClaimed', participantId: 'p-ghost', seat: 'display' },
      { type: 'AgreementResponded', agreementId: 'agreement-99', actorId: 'usa', accept: true },
      { type: 'VoteCast', resolutionId: 'resolution-99', actorId: 'usa', vote: 'no' },
      { type: 'MissionLaunchOrdered', missionId: 'mission-99', round: 1 },
    ];
    const half = log.length >> 1;
    const mixed = [...changeNothing, ...log.slice(0, half), ...changeNothing, ...log.slice(half), ...changeNothing];
    const start = initialState(scenario, SEED);
    const folded = mixed.reduce(evolve, start);
    const replayed = replay(start, mixed);
    expect(replayed).toEqual(folded);
    expect(stateHash(replayed)).toBe(stateHash(folded));
    expect(replayed.eventCount).toBe(mixed.length);
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
    evolve(state, { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 1, missionFunding: { 'mission-1': 2 } } });
    evolve(state, roundStarted(2)[0]!);
    expect(state).toEqual(snapshot);
  });
});
