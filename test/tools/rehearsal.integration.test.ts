// A facilitator rehearsing alone: bots in every actor seat, the facilitator advancing the
// phases, every bundled scenario played from the lobby to ExerciseEnded on a real server.
// The seed is fixed and the bots' choices are seeded by their names, so each run is the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExerciseState } from '../../shared/engine/index.js';
import type { CreateExerciseResponse, ScenarioListResponse } from '../../shared/protocol.js';
import type { Bot, BotEnd, BotRejection } from '../../tools/bots/bot.js';
import { seatBots, whenQuiet } from '../../tools/bots/table.js';
import { TestPlayer, api, startTestServer, waitFor } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const SEED = 2031;
/**
 * Rule errors a bot may meet without being at fault. None: the facilitator here waits for
 * the bots to fall quiet before each phase change, so no move races a change of phase.
 * (With a person at the console who advances while bots are mid-move, `phase/closed`
 * and `phase/not_orders` would be the expected ones.)
 */
const TOLERATED_RULE_ERRORS: readonly string[] = [];

let server: Server;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Rehearsal {
  state: ExerciseState;
  bots: Bot[];
  ends: BotEnd[];
  rejections: BotRejection[];
  /** The events the facilitator was told of, by type (bots leaving after the end come last). */
  eventTypes: string[];
}

/** Plays one scenario to its end: the facilitator advances whenever the round is not waiting for orders. */
async function rehearse(scenarioId: string): Promise<Rehearsal> {
  const { status, body: created } = await api<CreateExerciseResponse>(server.url, '/api/exercises', { method: 'POST', body: { scenarioId, seed: SEED } });
  expect(status).toBe(201);
  const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran (control)', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const bots = await seatBots({ url: server.url, code: created.joinCode, seats: 'all', namePrefix: 'Bot', delayMs: [1, 4] });
  await facilitator.settled();
  const actors = facilitator.view.actors;
  expect(bots).toHaveLength(actors.length);
  for (const a of actors) {
    expect(facilitator.view.seats.find((s) => s.seat === `actor:${a.id}`)!.holders.map((h) => h.name)).toEqual([`Bot ${a.name}`]);
  }

  try {
    for (const bot of bots) bot.play();
    for (let step = 0; facilitator.view.exercise.phase !== 'ended'; step++) {
      if (step > 60) throw new Error(`${scenarioId}: still not ended after ${step} steps, in ${facilitator.view.exercise.phase}`);
      await whenQuiet(bots);
      const { phase, round } = facilitator.view.exercise;
      if (phase === 'orders') {
        // The bots' readiness resolves the round; the facilitator does not force it.
        await waitFor(() => facilitator.view.exercise.phase !== 'orders', `the bots to resolve round ${round}`);
        continue;
      }
      await facilitator.do({ type: 'AdvancePhase' });
    }
    const ends = await Promise.all(bots.map((b) => b.finished));
    const r = await api<{ state: ExerciseState }>(server.url, `/api/exercises/${created.exerciseId}/state`, { key: created.facilitatorKey });
    expect(r.status, `${scenarioId}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
    return { state: r.body.state, bots, ends, rejections: bots.flatMap((b) => b.rejections), eventTypes: facilitator.events.map((e) => e.event.type) };
  } finally {
    await Promise.all(bots.map((b) => b.leave()));
    await facilitator.room.leave(true);
  }
}

describe('rehearsal', () => {
  it('a facilitator with bots in every seat plays each bundled scenario to its end', { timeout: 240_000 }, async () => {
    const { body } = await api<ScenarioListResponse>(server.url, '/api/scenarios');
    const scenarioIds = body.scenarios.map((s) => s.id);
    expect(scenarioIds).toEqual(expect.arrayContaining(['2031-kx', 'pdc-2021', 'interagency-2022', 'interagency-2024-ttx5', 'yr4-like', 'teaching-45min']));

    for (const scenarioId of scenarioIds) {
      const { state, bots, ends, rejections, eventTypes } = await rehearse(scenarioId);
      const rounds = state.scenario.calendar.rounds.length;
      expect(state.phase, scenarioId).toBe('ended');
      expect(eventTypes.filter((t) => t === 'ExerciseEnded'), scenarioId).toHaveLength(1);
      expect(eventTypes.slice(eventTypes.indexOf('ExerciseEnded') + 1).every((t) => t === 'ParticipantLeft'), scenarioId).toBe(true);
      expect(state.outcome, scenarioId).not.toBeNull();
      expect(state.scores, scenarioId).not.toBeNull();
      expect(state.results.map((x) => x.round), scenarioId).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
      expect(ends.every((e) => e === 'ended'), scenarioId).toBe(true);

      // Nothing a bot did broke a rule (beyond the tolerated list), and nothing was malformed.
      expect(rejections.filter((x) => x.kind !== 'rule' || !TOLERATED_RULE_ERRORS.includes(x.code)), scenarioId).toEqual([]);

      // And they played: every actor spent on something, a kinetic impactor was proposed, the states voted.
      for (const a of state.scenario.actors) expect(state.actors[a.id]!.totalSpentMUsd, `${scenarioId} ${a.id}`).toBeGreaterThan(0);
      expect(Object.values(state.missions).some((m) => m.kind === 'kinetic-impactor'), scenarioId).toBe(true);
      expect(bots.every((b) => b.moves.some((m) => m.command.type === 'SetReady')), scenarioId).toBe(true);
    }
  });
});
