// The bots' temperament: drawn per actor and game, it changes what a bot proposes, funds,
// signs and when it evacuates; the default plays as the table's bots always have.
import { describe, expect, it } from 'vitest';
import {
  acceptsAgreement,
  candidateMoves,
  DEFAULT_TEMPERAMENT,
  drawTemperament,
  ordersFor,
  type RoundPlan,
  type Temperament,
} from '../../../shared/bots/policy.js';
import { seedFromText, Xorshift32 } from '../../../shared/bots/random.js';
import { legalCommands, playerView, type AgreementState } from '../../../shared/engine/index.js';
import { Table, playerOf, scenario } from '../engine/given.js';

const PLAN: RoundPlan = { round: 1, speaks: false, channel: 'message', line: 0, observeShare: 0.2, missionShare: 0.4 };
const CTX = { rounds: 5, deflectionTypes: scenario.missionTypes.filter((t) => t.kind !== 'reconnaissance').map((t) => ({ id: t.id, kind: t.kind })) };
const temperament = (changes: Partial<Temperament>): Temperament => ({ ...DEFAULT_TEMPERAMENT, ...changes });

/** The moves of an actor's bot in the current state of a table. */
function movesOf(t: Table, actorId: string, temper: Temperament = DEFAULT_TEMPERAMENT) {
  return candidateMoves(playerView(t.state, `actor:${actorId}`), legalCommands(t.state, playerOf(actorId)), PLAN, temper);
}

describe('drawing a temperament', () => {
  it('draws the same temperament from the same generator seed', () => {
    expect(drawTemperament(new Xorshift32(9), CTX)).toEqual(drawTemperament(new Xorshift32(9), CTX));
  });

  it('covers every evacuation habit, both directions, refusals, late and absent proposers and every deflection type', () => {
    const drawn = Array.from({ length: 300 }, (_, i) => drawTemperament(new Xorshift32(seedFromText(`game ${i}`)), CTX));
    expect(new Set(drawn.map((t) => t.evacuation))).toEqual(new Set(['never', 'early', 'late']));
    expect(new Set(drawn.map((t) => t.direction))).toEqual(new Set(['toward-start', 'toward-end']));
    expect(new Set(drawn.map((t) => t.agreeable))).toEqual(new Set([true, false]));
    expect(new Set(drawn.map((t) => t.proposesFromRound))).toEqual(new Set([null, 1, 2, 3]));
    expect(new Set(drawn.map((t) => t.missionTypeId))).toEqual(new Set(CTX.deflectionTypes.map((t) => t.id)));
    expect(Math.min(...drawn.map((t) => t.missionScale))).toBeLessThan(0.5);
    expect(Math.max(...drawn.map((t) => t.missionScale))).toBeGreaterThan(1.5);
  });
});

describe('a bot of some temperament', () => {
  it('proposes its chosen mission type in its chosen direction, and not before its round', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const proposals = (temper: Temperament) => movesOf(t, 'usa', temper).filter((m) => m.command.type === 'ProposeMission').map((m) => m.command);
    expect(proposals(DEFAULT_TEMPERAMENT)).toEqual([{ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-end', providerId: 'usa' }]);
    expect(proposals(temperament({ missionTypeId: 'nuclear', direction: 'toward-start' }))).toEqual([
      { type: 'ProposeMission', missionTypeId: 'nuclear', direction: 'toward-start', providerId: 'usa' },
    ]);
    expect(proposals(temperament({ proposesFromRound: 2 }))).toEqual([]);
    expect(proposals(temperament({ proposesFromRound: null }))).toEqual([]);
  });

  it('funds missions in proportion to its eagerness and observes by its own share', () => {
    const t = new Table();
    t.toPhase('deliberation');
    t.propose('usa', 'ki-campaign');
    t.toPhase('orders');
    const orders = (temper: Temperament) => ordersFor(playerView(t.state, 'actor:usa'), legalCommands(t.state, playerOf('usa')), PLAN, temper);
    const base = orders(DEFAULT_TEMPERAMENT);
    const keen = orders(temperament({ missionScale: 1.9, observeScale: 0.5 }));
    const reluctant = orders(temperament({ missionScale: 0.1 }));
    expect(base.missionFunding['mission-1']).toBeGreaterThan(0);
    expect(keen.missionFunding['mission-1']).toBeGreaterThan(base.missionFunding['mission-1']!);
    expect(reluctant.missionFunding['mission-1']).toBeLessThan(base.missionFunding['mission-1']!);
    expect(keen.observeMUsd).toBeLessThan(base.observeMUsd);
  });

  it('signs only consultations when it is not agreeable', () => {
    const agreement = (kind: AgreementState['kind']): AgreementState => ({
      id: 'agreement-1',
      kind,
      proposer: 'usa',
      parties: ['japan'],
      missionId: null,
      shares: { japan: 1 },
      text: 'terms',
      dueRound: 2,
      responses: {},
      status: 'proposed',
      breachedBy: [],
    });
    const stubborn = temperament({ agreeable: false });
    expect(acceptsAgreement(agreement('cost-sharing'), 'japan', 1000)).toBe(true);
    expect(acceptsAgreement(agreement('cost-sharing'), 'japan', 1000, stubborn)).toBe(false);
    expect(acceptsAgreement(agreement('assistance'), 'japan', 1000, stubborn)).toBe(false);
    expect(acceptsAgreement(agreement('consultation'), 'japan', 1000, stubborn)).toBe(true);
  });

  it('orders an evacuation early once the published probability reaches 1 %, late only in the last round, and never by default', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const published = () => playerView(t.state, 'actor:usa').estimates.at(-1)!.impactProbability;
    expect(published()).toBeGreaterThanOrEqual(0.01);
    // Without the world map the engine cannot tell who is under the corridor, and lets any state evacuate.
    const orders = (temper: Temperament) => movesOf(t, 'usa', temper).filter((m) => m.command.type === 'OrderEvacuation').map((m) => m.command);
    expect(orders(DEFAULT_TEMPERAMENT)).toEqual([]);
    expect(orders(temperament({ evacuation: 'early' }))).toEqual([{ type: 'OrderEvacuation', level: 'evacuate' }]);
    expect(orders(temperament({ evacuation: 'late' }))).toEqual([]);
    for (let round = 1; round < scenario.calendar.rounds.length; round++) t.playRound();
    t.toPhase('deliberation');
    expect(t.state.round).toBe(scenario.calendar.rounds.length);
    expect(orders(temperament({ evacuation: 'late' }))).toHaveLength(published() >= 0.1 ? 1 : 0);
  });

  it('has its people shelter while it cannot pay for an evacuation', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const view = playerView(t.state, 'actor:kenya');
    expect(view.me!.balanceMUsd).toBeLessThan(view.evacuationCostMUsd);
    expect(view.me!.balanceMUsd).toBeGreaterThanOrEqual(view.shelterCostMUsd);
    const orders = movesOf(t, 'kenya', temperament({ evacuation: 'early' })).filter((m) => m.command.type === 'OrderEvacuation');
    expect(orders.map((m) => m.command)).toEqual([{ type: 'OrderEvacuation', level: 'shelter' }]);
  });

  it('keeps quiet when it does not talk, though its plan says speak', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const speaking = { ...PLAN, speaks: true };
    const intents = (temper: Temperament) => candidateMoves(playerView(t.state, 'actor:kenya'), legalCommands(t.state, playerOf('kenya')), speaking, temper).map((m) => m.intent);
    expect(intents(DEFAULT_TEMPERAMENT)).toContain('speak:1');
    expect(intents(temperament({ talks: false }))).not.toContain('speak:1');
  });
});
