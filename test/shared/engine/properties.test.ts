// Properties of the engine over random play: each step picks a participant and one of the
// commands `legalCommands` offers them, builds a plausible payload and lets `decide` judge
// it (a refusal is skipped). Whatever the table does, money is conserved, no budget goes
// negative, phases follow their order, probabilities stay probabilities, and folding the
// produced events from scratch gives the live state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createViewCache,
  decide,
  evolve,
  initialState,
  playerView,
  legalCommands,
  logLengths,
  replay,
  sameLegality,
  stateHash,
  type Command,
  type DomainEvent,
  type ExerciseState,
  type Phase,
} from '../../../shared/engine/index.js';
import { applyViewPatch, diffView } from '../../../shared/sync.js';
import { ACTOR_IDS, AT, FACILITATOR, playerOf, scenario, tableSeated } from './given.js';

/** One random step: who acts (the facilitator weighs more, so rounds move on), which offered command, and numbers for its payload. */
const stepArb = fc.record({
  who: fc.nat({ max: ACTOR_IDS.length + 3 }),
  pick: fc.nat(),
  option: fc.nat(),
  fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  fraction2: fc.double({ min: 0, max: 1, noNaN: true }),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const PARTICIPANTS = [...ACTOR_IDS.map(playerOf), FACILITATOR, FACILITATOR, FACILITATOR, FACILITATOR];

/** Phases each phase may move to in one event (staying put is always allowed). */
const NEXT: Record<Phase, readonly Phase[]> = {
  lobby: ['briefing', 'ended'],
  briefing: ['deliberation', 'ended'],
  deliberation: ['orders', 'ended'],
  orders: ['resolution', 'ended'],
  resolution: ['briefing', 'ended'],
  ended: [],
};

const pickFrom = <T,>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
const round2 = (x: number) => Math.floor(x * 100) / 100;

/** A plausible command of the chosen type for this participant, or null to skip the step. */
function commandFor(state: ExerciseState, participantId: string, step: Step): Command | null {
  const legal = legalCommands(state, participantId);
  // Ending early would cut most runs short and releasing seats would empty the table, so
  // both are rare; the facilitator mostly moves the exercise on, so runs reach later rounds.
  const offered = legal.commands.filter((t) => t !== 'EndExercise' && (t !== 'ReleaseSeat' || step.fraction2 < 0.05));
  const type = participantId === FACILITATOR && offered.includes('AdvancePhase') && step.fraction2 < 0.8 ? 'AdvancePhase' : pickFrom(offered, step.pick);
  const me = state.participants[participantId]!;
  const actorId = me.seat?.startsWith('actor:') ? me.seat.slice('actor:'.length) : null;
  switch (type) {
    case undefined:
      return null;
    case 'ClaimSeat': {
      const seat = pickFrom(legal.claimableSeats, step.option);
      return seat ? { type, seat } : null;
    }
    case 'SubmitOrders': {
      const balance = state.actors[actorId!]!.balanceMUsd;
      const observeMUsd = round2(balance * step.fraction * step.fraction2);
      const mission = pickFrom(legal.fundableMissions, step.option);
      const missionFunding = mission ? { [mission]: round2((balance - observeMUsd) * step.fraction) } : {};
      return { type, orders: { observeMUsd, missionFunding } };
    }
    case 'SetReady':
      return { type, ready: !state.actors[actorId!]!.ready };
    case 'SendMessage':
      return { type, to: 'public', text: 'A word to the table.' };
    case 'RequestDelegation': {
      const actorId = pickFrom(legal.joinableDelegations, step.option);
      return actorId ? { type, actorId } : null;
    }
    case 'AnswerDelegationRequest': {
      const requestId = pickFrom(legal.answerableDelegationRequests, step.option);
      return requestId ? { type, requestId, accept: step.fraction < 0.5 } : null;
    }
    // Small quotas, so that random play runs into them.
    case 'SetTalkQuota':
      return { type, messagesPerPhase: 1 + (step.option % 4) };
    case 'PostStatement':
      return { type, text: 'Our position is unchanged.' };
    case 'ProposeMission': {
      const providerId = pickFrom(legal.missionProviders, step.option)!;
      const missionTypeId = pickFrom(scenario.missionTypes, step.pick >> 3)!.id;
      return { type, missionTypeId, providerId, direction: step.fraction < 0.5 ? 'toward-start' : 'toward-end' };
    }
    case 'LaunchMission':
      return { type, missionId: pickFrom(legal.launchableMissions, step.option)! };
    case 'AuthoriseMission':
      return { type, missionId: pickFrom(legal.authorisableMissions, step.option)!, granted: step.fraction < 0.7 };
    case 'OrderEvacuation': {
      // Offered when either level is allowed: take a full evacuation when the budget allows it, else shelter.
      const actorId = state.participants[participantId]?.seat?.replace('actor:', '') ?? '';
      const canEvacuate = (state.actors[actorId]?.balanceMUsd ?? 0) >= state.scenario.evacuation.costMUsd && state.evacuations[actorId] === undefined;
      return { type, level: canEvacuate ? 'evacuate' : 'shelter' };
    }
    case 'ReleaseSeat':
    case 'AdvancePhase':
    case 'IssueIawnNotification':
      return { type };
    // Not generated here (yet): each command legalCommands may offer is listed, so a new one
    // is a decision to make here, not silently skipped.
    case 'AcceptBid':
    case 'BidForContract':
    case 'CastVote':
    case 'ContributeInKind':
    case 'ConveneSmpag':
    case 'EndExercise':
    case 'ExpireTimer':
    case 'FileClaim':
    case 'FireInject':
    case 'JoinExercise':
    case 'LeaveExercise':
    case 'MoveParticipant':
    case 'OverrideValue':
    case 'PauseExercise':
    case 'PostInject':
    case 'ProposeAgreement':
    case 'ProposeResolution':
    case 'RecordObservation':
    case 'RespondToAgreement':
    case 'ResumeExercise':
    case 'SetPhaseTimer':
    case 'ShareTrackingData':
    case 'SkipInject':
    case 'WithdrawAgreement':
      return null;
  }
}

/** Income each actor has received from the RoundStarted events of a log. */
function incomeOf(events: readonly DomainEvent[]): Record<string, number> {
  const income: Record<string, number> = Object.fromEntries(ACTOR_IDS.map((id) => [id, 0]));
  for (const e of events) if (e.type === 'RoundStarted') for (const [id, m] of Object.entries(e.incomeMUsd)) income[id] = income[id]! + m;
  return income;
}

function checkInvariants(before: ExerciseState, after: ExerciseState, log: readonly DomainEvent[]): void {
  const income = incomeOf(log);
  for (const id of ACTOR_IDS) {
    const a = after.actors[id]!;
    expect(a.balanceMUsd + a.totalSpentMUsd, `money of ${id}`).toBeCloseTo(income[id]!, 6);
    expect(a.balanceMUsd, `balance of ${id}`).toBeGreaterThanOrEqual(-1e-9);
  }
  if (after.phase !== before.phase) expect(NEXT[before.phase], `${before.phase} → ${after.phase}`).toContain(after.phase);
  expect(after.round).toBeGreaterThanOrEqual(before.round);
  for (const e of after.estimateHistory) {
    expect(e.impactProbability).toBeGreaterThanOrEqual(0);
    expect(e.impactProbability).toBeLessThanOrEqual(1);
  }
  for (const m of Object.values(after.missions)) expect(m.fundedMUsd).toBeLessThanOrEqual(m.costMUsd + 1e-9);
}

describe('random play through legalCommands', () => {
  it('conserves money, keeps budgets non-negative, phases in order, probabilities in [0, 1], and replays to the live state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(stepArb, { minLength: 10, maxLength: 60 }), (seed, steps) => {
        let state = replay(initialState(scenario, seed), tableSeated());
        const log: DomainEvent[] = [...tableSeated()];
        for (const step of steps) {
          const participantId = PARTICIPANTS[step.who % PARTICIPANTS.length]!;
          if (!state.participants[participantId]) continue;
          const command = commandFor(state, participantId, step);
          if (command === null) continue;
          const decision = decide(state, command, { participantId, at: AT });
          if (!decision.ok) continue;
          const before = state;
          for (const e of decision.events) {
            state = evolve(state, e);
            log.push(e);
          }
          checkInvariants(before, state, log);
        }
        expect(stateHash(replay(initialState(scenario, seed), log))).toBe(stateHash(state));
      }),
      { numRuns: 30, seed: 20310310 },
    );
  });

  it('only offers commands that decide accepts, for every participant, along a random play', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 40 }), (steps) => {
        let state = replay(initialState(scenario, 7), tableSeated());
        for (const step of steps) {
          const participantId = PARTICIPANTS[step.who % PARTICIPANTS.length]!;
          const command = commandFor(state, participantId, step);
          if (command === null) continue;
          const decision = decide(state, command, { participantId, at: AT });
          // Payloads stay within the budget and the offered lists, so an offered command is accepted.
          expect(decision.ok ? 'accepted' : `${command.type}: ${decision.error.code}: ${decision.error.message}`).toBe('accepted');
          if (decision.ok) for (const e of decision.events) state = evolve(state, e);
        }
      }),
      { numRuns: 20, seed: 7 },
    );
  });
});

/** A command of the control cell (or an actor's tracking-data policy), so random logs also grow the lists only the facilitator writes. */
function controlCommandFor(state: ExerciseState, step: Step): { participantId: string; command: Command } | null {
  const actorId = pickFrom(ACTOR_IDS, step.pick)!;
  const injectId = pickFrom(scenario.injects, step.pick)?.id;
  const missionId = pickFrom(Object.keys(state.missions), step.pick);
  const reason = 'Keeps the exercise on its learning objectives.';
  const facilitator = (command: Command) => ({ participantId: FACILITATOR, command });
  // A paused table does almost nothing, so the next control step resumes it.
  if (state.paused) return facilitator({ type: 'ResumeExercise' });
  const options = [
    facilitator({ type: 'RecordObservation', actorId, capability: 'coordination', text: 'Shared tracking data before being asked.' }),
    facilitator({ type: 'OverrideValue', target: { kind: 'true-encounter', valueKm: round2(step.fraction * 2000 - 1000) }, reason }),
    facilitator({ type: 'OverrideValue', target: { kind: 'actor-budget', actorId, valueMUsd: round2(step.fraction * 1000) }, reason }),
    facilitator({ type: 'PostInject', targets: step.fraction < 0.5 ? 'all' : [actorId], persona: 'Wire service', channel: 'news', headline: 'Rumours', body: 'A leak.' }),
    facilitator({ type: 'PauseExercise' }),
    facilitator({ type: 'SetPhaseTimer', seconds: step.fraction < 0.3 ? 0 : 600 }),
    // Quotas small enough that public talk uses them up, and large enough to lift that again.
    facilitator({ type: 'SetTalkQuota', messagesPerPhase: step.fraction < 0.7 ? 1 + (step.pick % 3) : 40 }),
    { participantId: playerOf(actorId), command: { type: 'ShareTrackingData', share: step.fraction < 0.5 } as Command },
    ...(injectId ? [facilitator({ type: 'FireInject', injectId }), facilitator({ type: 'SkipInject', injectId })] : []),
    ...(missionId ? [facilitator({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId, value: step.fraction }, reason })] : []),
  ];
  return pickFrom(options, step.option) ?? null;
}

/** A legal log from random play mixed with control-cell commands, and the starting state it applies to. */
function randomLog(seed: number, steps: readonly { control: boolean; step: Step }[]): { start: ExerciseState; log: DomainEvent[] } {
  const start = initialState(scenario, seed);
  const log: DomainEvent[] = [...tableSeated()];
  let state = replay(start, log);
  for (const { control, step } of steps) {
    let move: { participantId: string; command: Command } | null;
    if (control) move = controlCommandFor(state, step);
    else {
      const participantId = PARTICIPANTS[step.who % PARTICIPANTS.length]!;
      const command = state.participants[participantId] ? commandFor(state, participantId, step) : null;
      move = command && { participantId, command };
    }
    if (move === null) continue;
    const decision = decide(state, move.command, { participantId: move.participantId, at: AT });
    if (!decision.ok) continue;
    for (const e of decision.events) {
      state = evolve(state, e);
      log.push(e);
    }
  }
  return { start, log };
}

/** Freezes a value and everything it holds, so that any write to it throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const logArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  // One step in four is the control cell's, so play still moves through the rounds.
  steps: fc.array(fc.record({ control: fc.nat(3).map((n) => n === 0), step: stepArb }), { minLength: 10, maxLength: 80 }),
  split: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('replay over random logs', () => {
  it('reaches the state that folding evolve one event at a time reaches, deep-equal and with the same stateHash, from the start or from any point of the log', () => {
    fc.assert(
      fc.property(logArb, ({ seed, steps, split }) => {
        const { start, log } = randomLog(seed, steps);
        const folded = log.reduce(evolve, start);
        const replayed = replay(start, log);
        expect(replayed).toEqual(folded);
        expect(stateHash(replayed)).toBe(stateHash(folded));
        // From a state a caller already holds, whose lists are not empty.
        const k = Math.floor(split * log.length);
        const fromMiddle = replay(log.slice(0, k).reduce(evolve, start), log.slice(k));
        expect(fromMiddle).toEqual(folded);
        expect(stateHash(fromMiddle)).toBe(stateHash(folded));
      }),
      { numRuns: 40, seed: 20310311 },
    );
  });

  it('changes neither the state it starts from nor the events it folds, and what it returns stays put as evolve goes on from it', () => {
    fc.assert(
      fc.property(logArb, ({ seed, steps, split }) => {
        const { start, log } = randomLog(seed, steps);
        const k = Math.floor(split * log.length);
        // A clone, so that freezing it below leaves the scenario the other tests share alone.
        const held = structuredClone(log.slice(0, k).reduce(evolve, start));
        const tail = log.slice(k);
        const heldBefore = structuredClone(held);
        const tailBefore = structuredClone(tail);
        // Frozen, so that a write anywhere in them throws rather than slipping by.
        const result = replay(deepFreeze(held), deepFreeze(tail));
        expect(held).toEqual(heldBefore);
        expect(tail).toEqual(tailBefore);
        // And what replay returns is the caller's: evolving on from it leaves it as it was.
        const resultBefore = structuredClone(result);
        tail.reduce(evolve, result);
        expect(result).toEqual(resultBefore);
      }),
      { numRuns: 30, seed: 20310312 },
    );
  });
});

describe('per-seat views with a view cache, over random logs', () => {
  const seats = [null, 'facilitator', 'display', ...ACTOR_IDS.map((id) => `actor:${id}` as const)] as const;

  it('equal the uncached view after every event, and the patches between them rebuild it on the client side', () => {
    fc.assert(
      fc.property(logArb, ({ seed, steps }) => {
        const { start, log } = randomLog(seed, steps);
        for (const seat of seats) {
          const cache = createViewCache();
          let state = start;
          let sent = playerView(state, seat, cache);
          let lengths = logLengths(cache);
          let client = structuredClone(sent);
          for (const [i, event] of log.entries()) {
            state = evolve(state, event);
            const view = playerView(state, seat, cache);
            expect(view).toEqual(playerView(state, seat));
            client = applyViewPatch(client, diffView(sent, view, (list) => lengths.get(list)));
            if (i % 10 === 0) expect(client).toEqual(view);
            sent = view;
            lengths = logLengths(cache);
          }
          expect(client).toEqual(playerView(state, seat));
        }
      }),
      { numRuns: 25, seed: 20310313 },
    );
  });

  it('keep every part an event did not touch as the same object, so a public message costs one small patch (and its sender one more for its talk count)', () => {
    const { start, log } = randomLog(7, []);
    const state = log.reduce(evolve, start);
    const decision = decide(state, { type: 'SendMessage', to: 'public', text: 'We will fund observation.' }, { participantId: playerOf('usa'), at: AT });
    if (!decision.ok) throw new Error(decision.error.message);
    const next = decision.events.reduce(evolve, state);
    for (const seat of ['actor:usa', 'actor:japan'] as const) {
      const cache = createViewCache();
      const before = playerView(state, seat, cache);
      const lengths = logLengths(cache);
      const after = playerView(next, seat, cache);
      const sender = seat === 'actor:usa';
      for (const key of Object.keys(before) as (keyof typeof before)[]) if (!(sender && key === 'talk')) expect(after[key], `${seat}: ${key}`).toBe(before[key]);
      // The message list grew in place: the diff learns from the lengths what the receiver already has.
      expect(lengths.get(after.messages)).toBe(after.messages.length - 1);
      expect(diffView(before, after, (list) => lengths.get(list))).toEqual([
        { op: 'add', path: '/messages/-', value: after.messages.at(-1) },
        ...(sender ? [{ op: 'replace', path: '/talk/used', value: 1 }] : []),
      ]);
    }
  });
});

describe('a probe (legalCommands asking) over random logs', () => {
  it('accepts and refuses exactly as the full decision, with the same refusal, while leaving the round’s resolution out', () => {
    let resolutionsLeftOut = 0;
    fc.assert(
      fc.property(logArb, ({ seed, steps }) => {
        const { start, log } = randomLog(seed, steps);
        let state = start;
        for (const event of log) {
          state = evolve(state, event);
          for (const participantId of Object.keys(state.participants)) {
            for (const command of [{ type: 'AdvancePhase' }, { type: 'SetReady', ready: true }, { type: 'SetReady', ready: false }] as Command[]) {
              const full = decide(state, command, { participantId, at: AT });
              const probe = decide(state, command, { participantId, at: AT, probe: true });
              expect(probe.ok ? 'accepted' : probe.error).toEqual(full.ok ? 'accepted' : full.error);
              if (full.ok && probe.ok && full.events.some((e) => e.type === 'RoundResolved')) {
                expect(probe.events.some((e) => e.type === 'RoundResolved')).toBe(false);
                resolutionsLeftOut++;
              }
            }
          }
        }
      }),
      { numRuns: 15, seed: 20310315 },
    );
    // The random logs reach the end of the orders phase, where the probe leaves work out.
    expect(resolutionsLeftOut).toBeGreaterThan(0);
  });
});

describe('sameLegality over random logs', () => {
  it('says two states allow the same only when legalCommands agrees for every participant, and says so after public talk', () => {
    fc.assert(
      fc.property(logArb, ({ seed, steps }) => {
        const { start, log } = randomLog(seed, steps);
        let state = log.slice(0, -40).reduce(evolve, start);
        for (const event of log.slice(-40)) {
          const before = state;
          state = evolve(state, event);
          if (!sameLegality(before, state)) continue;
          for (const participantId of Object.keys(state.participants)) expect(legalCommands(state, participantId)).toEqual(legalCommands(before, participantId));
        }
        // A public message changes nothing anyone may do, unless it is the last its actor may post this phase.
        const speaker = Object.values(state.participants).find((p) => p.seat?.startsWith('actor:'));
        if (speaker) {
          const actorId = speaker.seat!.slice('actor:'.length);
          const decision = decide(state, { type: 'SendMessage', to: 'public', text: 'Anyone there?' }, { participantId: speaker.id, at: AT });
          if (decision.ok) {
            const after = decision.events.reduce(evolve, state);
            const usesUpQuota = (state.talkUsed[actorId] ?? 0) + 1 >= state.talkQuota;
            expect(sameLegality(state, after)).toBe(!usesUpQuota);
            if (usesUpQuota) expect(legalCommands(after, speaker.id).commands).not.toContain('SendMessage');
          }
        }
      }),
      { numRuns: 25, seed: 20310314 },
    );
  });
});
