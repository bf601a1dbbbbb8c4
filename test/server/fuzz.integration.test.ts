import { matchMaker } from '@colyseus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExerciseRoom } from '../../server/room.js';
import { clientCommandSchema, commandTypes } from '../../shared/engine/commands.js';
import { eventSchema } from '../../shared/engine/events.js';
import { initialState, replay, stateHash } from '../../shared/engine/index.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import { TestPlayer, api, createExercise, useTestServer, waitFor } from '../helpers/server.js';
import { join } from 'node:path';

/**
 * Thousands of random and malformed messages from several seated clients, while well-behaved
 * clients stay connected: afterwards the server answers, a legal command is accepted, no
 * well-behaved client was dropped, and everything stored is a valid event that replays to the
 * room's state. The command budget is raised here so the fuzz reaches the rules, not the limiter.
 */

const testServer = useTestServer({ commandsPerSecond: 100_000, commandBurst: 100_000 });

const ids = ['usa', 'japan', 'kenya', 'bangladesh', 'astra', 'copuos', 'nowhere', 'mission-1', 'mission-2', 'agreement-1', 'bid-1', 'resolution-1', ''];
/** Values that look like what commands carry, mixed with anything at all. */
const plausible = fc.oneof(
  fc.constantFrom(...ids),
  fc.constantFrom(...commandTypes),
  fc.double(),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('public', 'delegation', 'toward-start', 'toward-end', 'evacuate', 'yes', 'no', 'cost-sharing', 'assistance', 'facilitator', 'actor:usa', 'display'),
  fc.constant(null),
  fc.constant(undefined),
);
/** Each client command's own fields (from its schema), so most fuzzed commands have the right shape and reach the rules. */
const fieldsByType = new Map(clientCommandSchema.options.map((o) => [o.shape.type.value as string, Object.keys(o.shape).filter((k) => k !== 'type')]));
const fieldValue = fc.oneof(
  plausible,
  fc.array(fc.constantFrom(...ids), { maxLength: 25 }),
  fc.dictionary(fc.constantFrom(...ids), plausible),
  fc.record({ observeMUsd: plausible, missionFunding: fc.dictionary(fc.constantFrom(...ids), plausible) }),
  fc.record({ kind: fc.constantFrom('actor-budget', 'mission-reliability', 'true-encounter', 'x'), actorId: plausible, missionId: plausible, valueMUsd: plausible, value: plausible, valueKm: plausible }),
);
const actorIds = fc.constantFrom('usa', 'japan', 'kenya', 'bangladesh', 'astra', 'copuos');
const money = fc.oneof(fc.integer({ min: 0, max: 800 }), fc.double({ min: -10, max: 2e6, noNaN: true }));
/** Values a real client would put in each field, most of the time. */
const likely: Record<string, fc.Arbitrary<unknown>> = {
  seat: fc.constantFrom('actor:usa', 'actor:japan', 'actor:kenya', 'actor:astra', 'actor:copuos', 'facilitator', 'evaluator', 'display', 'actor:nowhere'),
  actorId: actorIds,
  missionId: fc.constantFrom('mission-1', 'mission-2', 'mission-9'),
  to: fc.oneof(fc.constantFrom('public', 'delegation'), fc.array(actorIds, { minLength: 1, maxLength: 3 })),
  text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }),
  reason: fc.string({ minLength: 1, maxLength: 40 }),
  orders: fc.record({ observeMUsd: money, missionFunding: fc.dictionary(fc.constantFrom('mission-1', 'mission-2'), money) }),
  ready: fc.boolean(),
  granted: fc.boolean(),
  accept: fc.boolean(),
  share: fc.boolean(),
  missionTypeId: fc.constantFrom('ki-single', 'ki-campaign', 'recon', 'gravity-tractor', 'nuclear-standoff'),
  direction: fc.constantFrom('toward-start', 'toward-end'),
  providerId: fc.constantFrom('usa', 'japan', 'astra'),
  parties: fc.array(actorIds, { minLength: 1, maxLength: 3 }),
  shares: fc.dictionary(actorIds, fc.double({ min: 0, max: 300, noNaN: true })),
  vote: fc.constantFrom('yes', 'no', 'abstain'),
  resolutionId: fc.constantFrom('resolution-1', 'resolution-2'),
  agreementId: fc.constantFrom('agreement-1', 'agreement-2'),
  bidId: fc.constantFrom('bid-1', 'bid-2'),
  priceMUsd: money,
  buildMonths: fc.integer({ min: 0, max: 60 }),
  reliability: fc.double({ min: 0, max: 1, noNaN: true }),
  against: fc.array(actorIds, { minLength: 1, maxLength: 2 }),
  contribution: fc.constantFrom('ground-station', 'science'),
  level: fc.constantFrom('evacuate', 'shelter'),
  seconds: fc.integer({ min: 0, max: 600 }),
};
const commandLike = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...fieldsByType.keys()).chain((type) =>
      fc
        .record(Object.fromEntries(fieldsByType.get(type)!.map((k) => [k, fc.oneof({ weight: 5, arbitrary: likely[k] ?? fieldValue }, { weight: 1, arbitrary: fieldValue })])), { requiredKeys: [] })
        .map((fields) => ({ type, ...fields })),
    ),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...commandTypes), seat: plausible, actorId: plausible, text: plausible }, { requiredKeys: ['type'] }) },
);
const message = fc.oneof(
  { weight: 6, arbitrary: fc.record({ commandId: fc.oneof({ weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 64 }) }, { weight: 1, arbitrary: plausible }), command: commandLike }) },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.record({ commandId: fc.string(), command: fc.anything() }) },
);
const messageType = fc.oneof({ weight: 12, arbitrary: fc.constant('command') }, { weight: 1, arbitrary: fc.constantFrom('resync', 'viewAs', 'junk', '', 'rejected', 'update', 7, 0) });

describe('a fuzzed room', () => {
  it('survives thousands of random and malformed messages with nothing invalid stored and no well-behaved client dropped', async () => {
    const created = await createExercise(testServer().url, 5);
    const facilitator = await TestPlayer.join(testServer().url, created.joinCode, 'Fran', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const usa = await TestPlayer.join(testServer().url, created.joinCode, 'Uma');
    await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    const kenya = await TestPlayer.join(testServer().url, created.joinCode, 'Kofi');
    await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.do({ type: 'AdvancePhase' }); // deliberation: most commands are in play
    const wellBehaved = [facilitator, usa, kenya];
    const dropped: string[] = [];
    for (const p of wellBehaved) p.room.onLeave((code) => dropped.push(`${p.participantId}: ${code}`));

    const fuzzers: TestPlayer[] = [];
    for (const actor of ['japan', 'bangladesh', 'astra', 'copuos']) {
      const f = await TestPlayer.join(testServer().url, created.joinCode, `Fuzzer ${actor}`);
      await f.do({ type: 'ClaimSeat', seat: `actor:${actor}` });
      fuzzers.push(f);
    }
    const perFuzzer = 1_200;
    let sent = 0;
    let rawSent = 0;
    const samples = fc.sample(fc.tuple(messageType, message), { numRuns: perFuzzer * fuzzers.length, seed: 20261206 });
    const bytes = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 600 }), { numRuns: 400, seed: 7 });
    for (let i = 0; i < samples.length; i++) {
      const f = fuzzers[i % fuzzers.length]!;
      if (!f.room.connection.isOpen) continue; // a raw frame may have been a 'leave room'
      const [type, body] = samples[i]!;
      try {
        f.room.send(type, body);
        sent++;
      } catch {
        // colyseus.js could not encode it (e.g. a BigInt): nothing was sent.
      }
      if (i % 3 === 0 && rawSent < bytes.length) {
        // Raw frames: a room-message code followed by garbage, and garbage with any code.
        const garbage = bytes[rawSent]!;
        const frame = rawSent % 2 === 0 ? Uint8Array.from([13, ...garbage]) : garbage;
        if (frame.length > 0) f.room.connection.send(frame);
        rawSent++;
      }
      // Small pauses keep each fuzzer's lane from filling, so the messages reach the rules rather than the limiter.
      if (i % 8 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    const room = matchMaker.getLocalRoomById(created.exerciseId) as ExerciseRoom;
    await waitFor(() => (room as unknown as { queue: { idle: boolean } }).queue.idle, 'the room to handle every fuzzed message', 60_000);

    const health = await api<{ status: string }>(testServer().url, '/api/health');
    expect(health.status).toBe(200);
    const answer = await usa.send({ type: 'SendMessage', to: 'public', text: 'Still here after the storm.' });
    expect(answer).not.toHaveProperty('code');
    expect(dropped).toEqual([]);
    for (const p of wellBehaved) expect(p.room.connection.isOpen).toBe(true);
    expect(kenya.view.messages.at(-1)?.text).toBe('Still here after the storm.');

    // Everything stored is a valid event, and the log replays to the room's state.
    const store = new SqliteEventStore(join(testServer().dataDir, 'deflect.db'));
    const stored = await store.readEvents(created.exerciseId);
    await store.close();
    const invalid = stored.filter((e) => !eventSchema.safeParse(e.data).success);
    expect(invalid).toEqual([]);
    const session = room.exerciseState;
    const replayed = replay(initialState(session.scenario, 5), stored.map((e) => e.data));
    expect(stateHash(replayed)).toBe(stateHash(room.exerciseState));
    const refusals = fuzzers.reduce((n, f) => n + f.rejected.length, 0);
    const byCode = new Map<string, number>();
    for (const f of fuzzers) for (const r of f.rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
    console.log(`fuzz refusals by code: ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
    const accepted = fuzzers.reduce((n, f) => n + f.accepted.length, 0);
    console.log(`fuzz: ${sent} messages and ${rawSent} raw frames from ${fuzzers.length} clients; ${accepted} accepted, ${refusals} refused, ${stored.length} events stored, 0 invalid; ${dropped.length} well-behaved clients dropped`);
    expect(sent).toBeGreaterThan(4_000);
    for (const p of [...wellBehaved, ...fuzzers]) await p.close();
  }, 120_000);
});
