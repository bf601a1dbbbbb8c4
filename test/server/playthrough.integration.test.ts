// Whole exercises played through the room by real colyseus.js clients, from the lobby to
// ExerciseEnded, then read back from the server's replayed state. The seeds are fixed, so
// every launch draw and deflection sample is the same on every run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLASS_INJURY_RATE } from '../../shared/engine/consequences.js';
import type { ExerciseState } from '../../shared/engine/index.js';
import { isFinding } from '../../shared/law/finding.js';
import type { CreateExerciseResponse, ScenarioListResponse } from '../../shared/protocol.js';
import { TestPlayer, api, startTestServer } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let server: Server;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Creates an exercise of any bundled scenario with a fixed seed. */
async function createExerciseOf(scenarioId: string, seed: number): Promise<CreateExerciseResponse> {
  const { status, body } = await api<CreateExerciseResponse>(server.url, '/api/exercises', { method: 'POST', body: { scenarioId, seed } });
  if (status !== 201) throw new Error(`create failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

/** The facilitator and one real client per listed actor, each in its seat. */
async function seatTable(created: CreateExerciseResponse, actorIds: readonly string[]) {
  const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran (control)', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const players: Record<string, TestPlayer> = {};
  for (const id of actorIds) {
    players[id] = await TestPlayer.join(server.url, created.joinCode, `Player for ${id}`);
    await players[id].do({ type: 'ClaimSeat', seat: `actor:${id}` });
  }
  return { facilitator, players };
}

type Table = Awaited<ReturnType<typeof seatTable>>;

/**
 * Plays one round through the room: the facilitator opens it (from the lobby or the last
 * resolution) and moves it to deliberation, `deliberate` runs there, the facilitator opens
 * the orders, every seated actor submits (zero unless `orders` says otherwise) and marks
 * itself ready, which resolves the round.
 */
async function playRound(
  { facilitator, players }: Table,
  deliberate: () => Promise<void> = async () => undefined,
  orders: Record<string, { observeMUsd: number; missionFunding: Record<string, number> }> = {},
): Promise<void> {
  await facilitator.do({ type: 'AdvancePhase' }); // briefing
  await facilitator.do({ type: 'AdvancePhase' }); // deliberation
  await deliberate();
  await facilitator.do({ type: 'AdvancePhase' }); // orders
  for (const [id, p] of Object.entries(players)) await p.do({ type: 'SubmitOrders', orders: orders[id] ?? { observeMUsd: 0, missionFunding: {} } });
  for (const p of Object.values(players)) await p.do({ type: 'SetReady', ready: true });
  expect(facilitator.view.exercise.phase).toBe('resolution');
}

/** The server's state of the exercise, replayed from its stored log (facilitator key required). */
async function finalState(created: CreateExerciseResponse): Promise<ExerciseState> {
  const r = await api<{ state: ExerciseState }>(server.url, `/api/exercises/${created.exerciseId}/state`, { key: created.facilitatorKey });
  expect(r.status).toBe(200);
  return r.body.state;
}

describe('2031 KX played to the end: a partial deflection moves the impact into another country', () => {
  // Seed 2031: the USA's own kinetic impactor, proposed and funded in full in round 1, ready
  // after round 2, launched in round 3 (draw 0.75 < 0.9) and pushing toward the corridor's
  // start, arrives in October 2033 and shifts the encounter ≈ 587 km: Kenya → Uganda.
  const SEED = 2031;

  it('ends in an impact in Uganda instead of Kenya, with the USA responsible for not consulting Uganda', async () => {
    const created = await createExerciseOf('2031-kx', SEED);
    const table = await seatTable(created, ['usa', 'kenya']);
    const { facilitator, players } = table;
    const usa = players['usa']!;

    await playRound(
      table,
      async () => {
        await usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-start', providerId: 'usa' });
      },
      { usa: { observeMUsd: 0, missionFunding: { 'mission-1': 500 } } },
    );
    await playRound(table);
    await playRound(table, async () => {
      expect(usa.legal.launchableMissions).toEqual(['mission-1']);
      expect(players['kenya']!.legal.launchableMissions).toEqual([]);
      await usa.do({ type: 'LaunchMission', missionId: 'mission-1' });
    });
    await playRound(table);
    await playRound(table);
    await facilitator.do({ type: 'AdvancePhase' });
    expect(facilitator.view.exercise.phase).toBe('ended');
    expect(facilitator.events.at(-1)?.event.type).toBe('ExerciseEnded');

    const state = await finalState(created);
    expect(state.phase).toBe('ended');
    expect(state.missions['mission-1']).toMatchObject({ status: 'arrived', lead: 'usa', direction: 'toward-start', contributions: { usa: 500 } });
    expect(state.missions['mission-1']!.shiftKm).toBeLessThan(0);
    const outcome = state.outcome!;
    expect(outcome.kind).toBe('impact');
    const consequences = outcome.consequences!;
    expect(consequences.undeflectedPoint).not.toBeNull();
    expect(consequences.undeflectedPoint!.countryIso3).not.toBe(outcome.impactPoint!.countryIso3);
    expect(consequences.undeflectedPoint!.countryIso3).toBe('KEN');
    expect(outcome.impactPoint!.countryIso3).toBe('UGA');
    expect(consequences.liability.regime).toBe('liability-convention');
    const findings = consequences.liability.findings.filter(isFinding);
    // One finding per country harmed (the glass ring reaches Uganda's neighbours too); Uganda's names the USA.
    expect(findings).toHaveLength(consequences.byCountry.filter((h) => h.countryIso3 !== null && h.damageMUsd > 0).length);
    const uganda = findings.find((f) => f.damageId === 'impact-uga')!;
    expect(uganda.liable).toEqual(['usa']);
    expect(uganda.articles).toContain('OST IX');
    // Every client was told the same outcome.
    expect(players['kenya']!.view.outcome).toBeTruthy();
    expect(players['kenya']!.view.outcome).toEqual(facilitator.view.outcome);
  });
});

describe('PDC 2021 played to the end: no mission can help, evacuation is the game', () => {
  const SEED = 7;
  const SCENARIO = 'pdc-2021';

  it('is listed among the server\'s scenarios', async () => {
    const { body } = await api<ScenarioListResponse>(server.url, '/api/scenarios');
    expect(body.invalid).toEqual([]);
    expect(body.scenarios.map((s) => s.id)).toContain(SCENARIO);
  });

  it('strikes Czechia, where the evacuation Czechia ordered spares most of the people, while the flyby arrives after the encounter', async () => {
    const created = await createExerciseOf(SCENARIO, SEED);
    const table = await seatTable(created, ['usa', 'czechia', 'germany', 'copuos']);
    const { facilitator, players } = table;
    const usa = players['usa']!;
    const czechia = players['czechia']!;

    // Round 1 (26 April): IAWN notifies (about 5%), the USA proposes and pays for its spare flyby.
    await playRound(
      table,
      async () => {
        await players['copuos']!.do({ type: 'IssueIawnNotification' });
        await usa.do({ type: 'ProposeMission', missionTypeId: 'recon-rapid', direction: 'toward-end', providerId: 'usa' });
        await czechia.do({ type: 'PostStatement', text: 'Czechia asks its neighbours to share the cost of any evacuation.' });
      },
      { usa: { observeMUsd: 50, missionFunding: { 'mission-1': 250 } }, germany: { observeMUsd: 20, missionFunding: {} } },
    );
    expect(czechia.view.news.some((n) => n.headline === 'Statement by Czechia')).toBe(true);
    // Round 2 (2 May): the impact is certain; the flyby is built in two months.
    await playRound(table);
    // Round 3 (30 June): it launches, but cannot arrive before October; Czechia orders the evacuation of South Bohemia.
    await playRound(table, async () => {
      await usa.do({ type: 'LaunchMission', missionId: 'mission-1' });
      await czechia.do({ type: 'OrderEvacuation' });
      const refused = await czechia.send({ type: 'OrderEvacuation' });
      expect(refused).toMatchObject({ code: 'evacuation/already_ordered' });
    });
    // Round 4 (14 October): six days out.
    await playRound(table);
    await facilitator.do({ type: 'AdvancePhase' });
    expect(facilitator.view.exercise.phase).toBe('ended');

    const state = await finalState(created);
    const impactDate = state.scenario.asteroid.potentialImpactDate;
    const flyby = state.missions['mission-1']!;
    expect(flyby.arrivalDate! > impactDate).toBe(true);
    expect(flyby.status).toBe('too-late');
    // Nothing reached the body: it strikes where the truth says.
    expect(state.trueEncounterKm).toBe(state.scenario.asteroid.truth.encounterKm);
    expect(state.evacuations).toEqual({ czechia: 3 });
    expect(state.actors['czechia']!.totalSpentMUsd).toBe(200);

    const outcome = state.outcome!;
    expect(outcome.kind).toBe('impact');
    expect(outcome.impactPoint!.countryIso3).toBe('CZE');
    const c = outcome.consequences!;
    expect(c.undeflectedPoint).toBeNull();
    expect(c.liability.findings).toEqual([]);
    expect(c.evacuated).toBe(true);
    expect(c.exposedPopulation).toBeGreaterThan(0);
    // Czechia evacuated; its neighbours, reached by the blast and the glass ring, did not.
    const rates = state.scenario.consequences;
    const cze = c.byCountry.find((h) => h.countryIso3 === 'CZE')!;
    expect(cze.evacuated).toBe(true);
    const unevacuated =
      cze.severePopulation * rates.fatalityRateSevere +
      (cze.exposedPopulation - cze.severePopulation) * rates.fatalityRateExposed +
      (cze.glassRingPopulation ?? 0) * GLASS_INJURY_RATE;
    expect(cze.casualties).toBe(Math.round(unevacuated * (1 - state.scenario.evacuation.effectiveness)));
    expect(cze.casualties).toBeLessThan(unevacuated / 10);
    expect(c.byCountry.filter((h) => h.countryIso3 !== 'CZE').every((h) => !h.evacuated)).toBe(true);
    expect(outcome.summary).toContain('the evacuation spared most of them');
  });
});
