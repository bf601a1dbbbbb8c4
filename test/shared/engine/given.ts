// Given/when/then for the exercise engine, after Emmett's DeciderSpecification:
//   given(...events).when(command, participantId?).then(...expectedEvents)
//   given(...events).when(command, participantId?).thenRejects('seat/taken')
// plus builders for the event prefixes most tests start from, and a scripted table that
// plays whole rounds through `decide` for tests that need a longer history.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import {
  decide,
  evolve,
  initialState,
  replay,
  type Command,
  type Decision,
  type DomainEvent,
  type EventOf,
  type ExerciseState,
  type Orders,
  type ParticipantRole,
  type RuleError,
  type RuleErrorCode,
  type SeatId,
  type WorldData,
} from '../../../shared/engine/index.js';

/** Where the bundled scenario lives, relative to this file. */
export const SCENARIO_FILE = new URL('../../../scenarios/2031-kx.yaml', import.meta.url);

/** Reads and parses the bundled scenario 2031 KX, failing loudly if it does not parse. */
export function loadScenario(): Scenario {
  const result = parseScenarioYaml(readFileSync(SCENARIO_FILE, 'utf8'), 'scenarios/2031-kx.yaml');
  if (!result.ok) throw new Error(`the bundled scenario does not parse:\n${result.errors.join('\n')}`);
  return result.scenario;
}

export const scenario: Scenario = loadScenario();
export const ACTOR_IDS: readonly string[] = scenario.actors.map((a) => a.id);

/** The seed used unless a test says otherwise. */
export const SEED = 2031;
/** The server clock for every command in these tests. */
export const AT = '2031-03-10T09:00:00.000Z';

/** The participant who joined with the facilitator key and sits in the control cell. */
export const FACILITATOR = 'p-control';
export const FACILITATOR_NAME = 'Fran (control)';
/** The participant playing an actor in the standard table. */
export const playerOf = (actorId: string): string => `p-${actorId}`;
export const playerName = (actorId: string): string => `Player for ${actorId}`;
export const actorSeat = (actorId: string): SeatId => `actor:${actorId}`;

// ---------------------------------------------------------------- event builders

/** A participant joined with the key of `role` (none: a participant). */
export const joined = (participantId: string, name: string, role: ParticipantRole = 'participant'): EventOf<'ParticipantJoined'> => ({
  type: 'ParticipantJoined',
  participantId,
  name,
  role,
});

/** A participant's join as rules v1 recorded it: whether the facilitator key was shown, no role. */
export const joinedV1 = (participantId: string, name: string, controller: boolean): EventOf<'ParticipantJoined'> => ({
  type: 'ParticipantJoined',
  participantId,
  name,
  controller,
});

/** A participant took a seat; `mootRequests`, the delegation requests that ended with it (none unless told). */
export const seated = (participantId: string, seat: SeatId, mootRequests: string[] = []): EventOf<'SeatClaimed'> => ({ type: 'SeatClaimed', participantId, seat, mootRequests });

/** The facilitator joined with the key and took the facilitator seat. */
export function facilitatorSeated(): DomainEvent[] {
  return [joined(FACILITATOR, FACILITATOR_NAME, 'facilitator'), seated(FACILITATOR, 'facilitator')];
}

/** One participant per listed actor joined and took that actor's seat (all actors by default). */
export function actorsSeated(actorIds: readonly string[] = ACTOR_IDS): DomainEvent[] {
  return actorIds.flatMap((id) => [joined(playerOf(id), playerName(id)), seated(playerOf(id), actorSeat(id))]);
}

/** The facilitator and the listed actors (all by default) are at the table. */
export function tableSeated(actorIds: readonly string[] = ACTOR_IDS): DomainEvent[] {
  return [...facilitatorSeated(), ...actorsSeated(actorIds)];
}

/** The per-actor income of a round as the scenario defines it. */
export function roundIncome(): Record<string, number> {
  return Object.fromEntries(scenario.actors.map((a) => [a.id, a.budgetPerRoundMUsd]));
}

/** RoundStarted, the round's news and the injects scheduled for it, numbered as if the earlier rounds were played in order. */
export function roundStarted(round: number): DomainEvent[] {
  const spec = scenario.calendar.rounds[round - 1];
  if (!spec) throw new Error(`the scenario has no round ${round}`);
  const newsBefore = scenario.calendar.rounds.slice(0, round - 1).reduce((n, r) => n + r.news.length, 0);
  const injectsBefore = scenario.injects.filter((inj) => inj.round !== undefined && inj.round < round).length;
  return [
    { type: 'RoundStarted', round, date: spec.date, title: spec.title, incomeMUsd: roundIncome() },
    ...spec.news.map(
      (n, i): DomainEvent => ({ type: 'NewsPublished', newsId: `n${newsBefore + i + 1}`, round, headline: n.headline, body: n.body }),
    ),
    ...scenario.injects
      .filter((inj) => inj.round === round)
      .map(
        (inj, i): DomainEvent => ({
          type: 'InjectFired',
          injectId: inj.id,
          round,
          targets: inj.targets === 'all' ? 'all' : [...inj.targets],
          persona: inj.persona,
          channel: inj.channel,
          headline: inj.headline,
          body: inj.body,
          trigger: 'round',
          controllerNote: inj.controllerNote ?? null,
          seq: injectsBefore + i + 1,
        }),
      ),
  ];
}

/** The facilitator moved a round from briefing through deliberation to orders. */
export function toOrdersPhase(round: number): DomainEvent[] {
  return [
    { type: 'PhaseChanged', round, from: 'briefing', to: 'deliberation' },
    { type: 'PhaseChanged', round, from: 'deliberation', to: 'orders' },
  ];
}

/** The table is seated (all actors by default) and round 1 is in its orders phase. */
export function inOrdersPhase(actorIds: readonly string[] = ACTOR_IDS): DomainEvent[] {
  return [...tableSeated(actorIds), ...roundStarted(1), ...toOrdersPhase(1)];
}

// ---------------------------------------------------------------- given / when / then

export interface Then {
  /** The decision itself, for assertions the helpers do not cover. */
  readonly decision: Decision;
  /** Asserts the command was accepted with exactly these events (asymmetric matchers allowed); returns them and the state after them. */
  then(...expected: DomainEvent[]): { events: DomainEvent[]; state: ExerciseState };
  /** Asserts the command broke the rule `code` with a message that is a sentence; returns the error. */
  thenRejects(code: RuleErrorCode): RuleError;
}

export interface Given {
  /** The state the events fold to. */
  readonly state: ExerciseState;
  /** Decides `command` issued by `participantId` (the facilitator unless told), with the world data if given. */
  when(command: Command, participantId?: string, world?: WorldData): Then;
}

/** Asserts that a rule error's message is a sentence a person can read. */
export function expectSentence(message: string): void {
  // Non-empty, starts with a printing character, ends with a full stop.
  expect(message, 'a rule error message must be a sentence').toMatch(/^\S[\s\S]*\.$/);
}

/** Starts a specification from an exercise with these events in its log (seed `SEED`). */
export function given(...events: DomainEvent[]): Given {
  return givenWithSeed(SEED, ...events);
}

/** As `given`, with another generator seed. */
export function givenWithSeed(seed: number, ...events: DomainEvent[]): Given {
  const state = replay(initialState(scenario, seed), events);
  return {
    state,
    when(command, participantId = FACILITATOR, world) {
      const decision = decide(state, command, { participantId, at: AT, ...(world ? { world } : {}) });
      return {
        decision,
        then(...expected) {
          expect(decision).toEqual({ ok: true, events: expected });
          const events = decision.ok ? decision.events : [];
          return { events, state: replay(state, events) };
        },
        thenRejects(code) {
          if (decision.ok) {
            expect.fail(`expected ${command.type} to be rejected with ${code}, but it was accepted with ${JSON.stringify(decision.events)}`);
          }
          expect(decision.error.code).toBe(code);
          expectSentence(decision.error.message);
          return decision.error;
        },
      };
    },
  };
}

// ---------------------------------------------------------------- scripted play

/** Orders as `[observeMUsd, missionFunding]` (no mission funding when left out). */
export type OrdersTuple = readonly [number, Readonly<Record<string, number>>?];

/**
 * An exercise driven command by command through `decide` and `evolve`, the way the server
 * does it; any rejection throws, so a script that breaks a rule fails the test that runs it.
 */
export class Table {
  state: ExerciseState;
  readonly events: DomainEvent[] = [];
  /** The world data handed to every command (the encounter needs it for countries and people); none unless set. */
  world: WorldData | undefined;

  constructor(
    readonly seed: number = SEED,
    prefix: readonly DomainEvent[] = tableSeated(),
    readonly scenarioOfTable: Scenario = scenario,
  ) {
    this.state = initialState(scenarioOfTable, seed);
    this.apply(prefix);
  }

  /** Decides a command without applying it (for commands a test expects to be refused). */
  try(command: Command, participantId: string = FACILITATOR): Decision {
    return decide(this.state, command, { participantId, at: AT, ...(this.world ? { world: this.world } : {}) });
  }

  /** Issues a command that must be accepted, and returns its events. */
  do(command: Command, participantId: string = FACILITATOR): DomainEvent[] {
    const decision = this.try(command, participantId);
    if (!decision.ok) {
      throw new Error(`${command.type} by ${participantId} was rejected: ${decision.error.code}: ${decision.error.message}`);
    }
    this.apply(decision.events);
    return decision.events;
  }

  /** The facilitator advances the phase `times` times; returns all the events. */
  advance(times = 1): DomainEvent[] {
    const out: DomainEvent[] = [];
    for (let i = 0; i < times; i++) out.push(...this.do({ type: 'AdvancePhase' }));
    return out;
  }

  /** An actor's player submits orders. */
  submit(actorId: string, [observeMUsd, missionFunding = {}]: OrdersTuple): DomainEvent[] {
    const orders: Orders = { observeMUsd, missionFunding: { ...missionFunding } };
    return this.do({ type: 'SubmitOrders', orders }, playerOf(actorId));
  }

  /** Advances (from the lobby or a resolution, into the next round) until the round is in `phase`. */
  toPhase(phase: 'deliberation' | 'orders'): void {
    if (this.state.phase === 'lobby' || this.state.phase === 'resolution') this.advance();
    while (this.state.phase !== phase) {
      if (this.state.phase !== 'briefing' && this.state.phase !== 'deliberation') throw new Error(`cannot reach ${phase} from ${this.state.phase}`);
      this.advance();
    }
  }

  /** An actor's player proposes a mission (its own agency as provider unless told) and returns the new mission's id. */
  propose(actorId: string, missionTypeId: string, direction: 'toward-start' | 'toward-end' = 'toward-end', providerId = actorId): string {
    const [event] = this.do({ type: 'ProposeMission', missionTypeId, direction, providerId }, playerOf(actorId));
    if (event?.type !== 'MissionProposed') throw new Error('no MissionProposed event');
    return event.missionId;
  }

  /**
   * Plays the current (or, from a resolution, the next) round to its resolution: every seated actor submits
   * its orders (zero unless listed) and marks itself ready, which resolves the round.
   * Returns the round's RoundResolved event.
   */
  playRound(orders: Readonly<Record<string, OrdersTuple>> = {}): EventOf<'RoundResolved'> {
    if (this.state.phase === 'lobby' || this.state.phase === 'resolution') this.advance();
    while (this.state.phase === 'briefing' || this.state.phase === 'deliberation') this.advance();
    const before = this.events.length;
    const seatedActors = this.scenarioOfTable.actors.map((a) => a.id).filter((id) => this.state.participants[playerOf(id)]?.seat === actorSeat(id));
    if (seatedActors.length === 0) {
      this.advance();
    } else {
      for (const id of seatedActors) this.submit(id, orders[id] ?? [0]);
      for (const id of seatedActors) this.do({ type: 'SetReady', ready: true }, playerOf(id));
    }
    const resolved = this.events.slice(before).find((e): e is EventOf<'RoundResolved'> => e.type === 'RoundResolved');
    if (!resolved) throw new Error(`round ${this.state.round} did not resolve`);
    return resolved;
  }

  /** The RoundResolved events so far, in order. */
  resolutions(): EventOf<'RoundResolved'>[] {
    return this.events.filter((e): e is EventOf<'RoundResolved'> => e.type === 'RoundResolved');
  }

  private apply(events: readonly DomainEvent[]): void {
    for (const e of events) {
      this.state = evolve(this.state, e);
      this.events.push(e);
    }
  }
}
