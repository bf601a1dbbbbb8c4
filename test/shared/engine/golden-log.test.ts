// A log written by rules v1 (the engine before keys per role: joins recorded `controller`, a
// delegation was joined without consent, talk had no quota), stored as the store keeps it. It
// must keep replaying under every later version of the rules: to the same state as before in
// everything v1 knew, with the roles upcast. The fixture was made by the v1 code itself, with
// the state hash v1 gave it (`v1StateHash`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RULES_VERSION,
  eventSchema,
  initialState,
  replay,
  replayStored,
  roleOfJoined,
  stateHash,
  upcastEvent,
  type DomainEvent,
  type ExerciseState,
} from '../../../shared/engine/index.js';
import { parse } from 'yaml';
import { parseScenarioObject } from '../../../shared/scenario/parse.js';
import { FACILITATOR, SEED, playerOf } from './given.js';

interface StoredLog {
  rulesVersion: number;
  events: unknown[];
  v1StateHash: string;
}

const stored = JSON.parse(readFileSync(new URL('./fixtures/rules-v1-log.json', import.meta.url), 'utf8')) as StoredLog;

// The scenario the log was played with, kept beside it as the store keeps a session's scenario:
// the bundled 2031 KX has changed since (its capture radius now follows from its entry speed).
const scenario = (() => {
  const parsed = parseScenarioObject(parse(readFileSync(new URL('./fixtures/rules-v1-scenario.yaml', import.meta.url), 'utf8')), 'rules-v1-scenario.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
})();

/** The log as the store reads it: every event through the event schema. */
function readLog(): DomainEvent[] {
  return stored.events.map((raw, i) => {
    const parsed = eventSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`event ${i + 1} no longer matches the event schema: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The log folded as the server folds a stored log: each event upcast from the rules that wrote it. */
function replayLog(log: readonly DomainEvent[] = readLog()): ExerciseState {
  return replayStored(
    initialState(scenario, SEED),
    log.map((data) => ({ data, rulesVersion: stored.rulesVersion })),
  );
}

/** The state as rules v1 shaped it: participants with `controller` and none of what later rules added. */
function asV1(state: ExerciseState): unknown {
  const { delegationRequests: _requests, delegationRequestCount: _count, talkQuota: _quota, talkUsed: _used, branch: _branch, participants, ...rest } = state;
  return {
    ...rest,
    participants: Object.fromEntries(
      Object.values(participants).map(({ role, ...p }) => [p.id, { ...p, controller: role === 'facilitator' }]),
    ),
  };
}

describe('a log written by rules v1', () => {
  it('was written by an older version of the rules than these', () => {
    expect(stored.rulesVersion).toBe(1);
    expect(RULES_VERSION).toBeGreaterThan(stored.rulesVersion);
  });

  it('still passes the event schema the store reads it with, joins with `controller` and no role included', () => {
    const log = readLog();
    const joins = log.filter((e) => e.type === 'ParticipantJoined');
    expect(joins.length).toBeGreaterThan(0);
    for (const j of joins) {
      expect(j).toHaveProperty('controller');
      expect(j).not.toHaveProperty('role');
    }
  });

  it('replays to the very state v1 replayed it to, in everything v1 knew', () => {
    const state = replayLog();
    expect(stateHash(asV1(state))).toBe(stored.v1StateHash);
  });

  it('upcasts the roles: the facilitator key made a facilitator, no key a participant', () => {
    const state = replayLog();
    expect(state.participants[FACILITATOR]?.role).toBe('facilitator');
    // In v1 the evaluator held the facilitator key: there was no other.
    expect(state.participants['p-eve']).toMatchObject({ role: 'facilitator', seat: 'evaluator' });
    expect(state.participants[playerOf('usa')]?.role).toBe('participant');
    // Joined Kenya's delegation without being asked: v1 let them, and the log keeps them there.
    expect(state.participants['p-kip']).toMatchObject({ role: 'participant', seat: 'actor:kenya' });
    expect(roleOfJoined({ type: 'ParticipantJoined', participantId: 'x', name: 'X', controller: true })).toBe('facilitator');
    expect(roleOfJoined({ type: 'ParticipantJoined', participantId: 'x', name: 'X', controller: false })).toBe('participant');
  });

  it('replays to the same state as the same log written with roles, so the upcast is exact', () => {
    const log = readLog();
    const withRoles = log.map((e): DomainEvent => {
      if (e.type !== 'ParticipantJoined') return e;
      const { controller: _controller, ...rest } = e;
      return { ...rest, role: roleOfJoined(e) };
    });
    expect(stateHash(replay(initialState(scenario, SEED), withRoles))).toBe(stateHash(replayLog(log)));
  });

  it('upcasts a v1 join to a join with a role and no `controller`, and leaves current events as they are', () => {
    const v1Join: DomainEvent = { type: 'ParticipantJoined', participantId: 'x', name: 'X', controller: true };
    expect(upcastEvent(v1Join, 1)).toEqual({ type: 'ParticipantJoined', participantId: 'x', name: 'X', role: 'facilitator' });
    const current: DomainEvent = { type: 'ParticipantJoined', participantId: 'x', name: 'X', role: 'evaluator' };
    expect(upcastEvent(current, 1)).toBe(current);
    expect(upcastEvent(current, RULES_VERSION)).toBe(current);
  });

  it('upcasts idempotently: an event upcast twice (by the store, then the room) is the event upcast once', () => {
    for (const e of readLog()) {
      const once = upcastEvent(e, stored.rulesVersion);
      expect(upcastEvent(once, stored.rulesVersion)).toEqual(once);
      expect(upcastEvent(once, RULES_VERSION)).toBe(once);
    }
  });

  it('replays a log that later rules went on writing: each event by the version that wrote it', () => {
    const v1 = readLog().map((data) => ({ data, rulesVersion: 1 }));
    const later = { data: { type: 'ParticipantJoined', participantId: 'p-new', name: 'New', role: 'evaluator' } as DomainEvent, rulesVersion: RULES_VERSION };
    const state = replayStored(initialState(scenario, SEED), [...v1, later]);
    expect(state.participants[FACILITATOR]?.role).toBe('facilitator');
    expect(state.participants['p-new']?.role).toBe('evaluator');
  });

  it('ends, as v2 folds it, with no delegation request pending and the talk count reset by the last resolution', () => {
    const state = replayLog();
    expect(state.phase).toBe('resolution');
    expect(state.talkUsed).toEqual({});
    expect(state.delegationRequests).toEqual({});
    // Mid-log, the talk of round 1's deliberation was counted per actor (the control cell's was not).
    const log = readLog();
    const endOfDeliberation = log.findIndex((e) => e.type === 'PhaseChanged' && e.round === 1 && e.to === 'orders');
    expect(replayLog(log.slice(0, endOfDeliberation)).talkUsed).toEqual({ usa: 2, kenya: 2 });
  });
});
