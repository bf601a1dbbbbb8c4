// The golden logs of rules v5 and later: a whole exercise each, written once by the rules of
// its version (fixtures/make-golden-log.ts, from fixtures/golden-exercise.ts) with its own
// copy of the scenario, and the hash of the state it replayed to. Every later build must
// replay each of them, as the store reads a log (the event schema, then `replayStored`), to
// that very state: a log stored today replays the same after any rule change (DESIGN 1).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_VERSION, eventSchema, initialState, replayStored, stateHash, type DomainEvent, type EventType } from '../../../shared/engine/index.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';

interface GoldenLog {
  rulesVersion: number;
  seed: number;
  stateHash: string;
  events: unknown[];
}

/**
 * The state hash of each golden log, pinned here as well as in its file, so that writing a
 * log again cannot pass unnoticed. Never change one: a log of a version is history.
 */
const PINNED: Readonly<Record<number, string>> = {
  5: '1cf105a031f9836a',
  // The same exercise under rules v6: its seat events record the delegation requests they end; the state is the same.
  6: '1cf105a031f9836a',
};

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** What to do when a golden log stops replaying: said in every failure. */
const ADVICE =
  'A stored log must replay to the same state under every later version of the rules. Do not write the golden log or its hash again: ' +
  'give the events whose shape or meaning changed an upcast in shared/engine/version.ts (and bump RULES_VERSION), or, where the old ' +
  'outcome needs the state, keep its old computation in shared/engine/legacy.ts for events without the new field.';

const versions = readdirSync(FIXTURES)
  .map((f) => /^rules-v(\d+)-log\.json$/.exec(f)?.[1])
  .filter((v): v is string => v !== undefined)
  .map(Number)
  .filter((v) => v >= 5)
  .sort((a, b) => a - b);

function readGolden(version: number): { log: GoldenLog; events: DomainEvent[]; replayed: ReturnType<typeof replayStored> } {
  const log = JSON.parse(readFileSync(new URL(`rules-v${version}-log.json`, FIXTURES), 'utf8')) as GoldenLog;
  const parsed = parseScenarioYaml(readFileSync(new URL(`rules-v${version}-scenario.yaml`, FIXTURES), 'utf8'), `rules-v${version}-scenario.yaml`);
  if (!parsed.ok) throw new Error(`the scenario stored with the rules v${version} golden log no longer parses: ${parsed.errors.join('; ')}. ${ADVICE}`);
  const events = log.events.map((raw, i) => {
    const event = eventSchema.safeParse(raw);
    if (!event.success) throw new Error(`event ${i + 1} of the rules v${version} golden log no longer matches the event schema: ${event.error.message}. ${ADVICE}`);
    return event.data;
  });
  const replayed = replayStored(initialState(parsed.scenario, log.seed), events.map((data) => ({ data, rulesVersion: log.rulesVersion })));
  return { log, events, replayed };
}

describe('the golden logs of the current rules', () => {
  it('include one written by the rules of this build, pinned here', () => {
    expect(versions, `there is no golden log of rules v${RULES_VERSION}: write one with test/shared/engine/fixtures/make-golden-log.ts and pin its hash here`).toContain(RULES_VERSION);
    for (const v of versions) expect(PINNED[v], `the rules v${v} golden log's hash is not pinned in this test`).toBeDefined();
  });

  for (const version of versions) {
    it(`replay the rules v${version} log, as the store reads it, to the state it was written with`, () => {
      const { log, replayed } = readGolden(version);
      expect(log.rulesVersion).toBe(version);
      expect(log.stateHash, `the hash in rules-v${version}-log.json is not the one pinned here. ${ADVICE}`).toBe(PINNED[version]);
      expect(stateHash(replayed), `the rules v${version} golden log no longer replays to the state it was written with. ${ADVICE}`).toBe(PINNED[version]);
    });

    it(`hold, in the rules v${version} log, a whole exercise: to its end, through an impact judged under the law`, () => {
      const { events, replayed } = readGolden(version);
      const types = new Set<EventType>(events.map((e) => e.type));
      const expected: EventType[] = [
        'ParticipantJoined', 'DelegationRequested', 'DelegationRequestAnswered', 'TalkQuotaSet', 'MessagePosted', 'StatementPosted',
        'IawnNotificationIssued', 'SmpagOptionsPublished', 'MissionProposed', 'MissionAuthorised', 'BidSubmitted', 'BidAccepted',
        'InKindContributed', 'AgreementProposed', 'AgreementResponded', 'TrustChanged', 'ResolutionProposed', 'VoteCast',
        'TrackingDataPolicySet', 'ObservationRecorded', 'ExercisePaused', 'ExerciseResumed', 'PhaseTimerSet', 'InjectFired',
        'InjectSkipped', 'ValueOverridden', 'MissionLaunchOrdered', 'EvacuationOrdered', 'RoundResolved', 'ClaimFiled',
        'ParticipantLeft', 'ExerciseEnded',
      ];
      expect(expected.filter((t) => !types.has(t))).toEqual([]);
      expect(replayed.phase).toBe('ended');
      expect(replayed.outcome?.kind).toBe('impact');
      expect(replayed.outcome?.consequences?.liability.findings.length).toBeGreaterThan(0);
      expect(replayed.observations.some((o) => o.rating !== undefined)).toBe(true);
    });
  }
});
