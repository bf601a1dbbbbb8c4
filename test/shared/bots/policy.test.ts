// The bots' temperament: drawn per actor and game, it changes what a bot proposes, funds,
// signs and when it evacuates; the default plays as the table's bots always have.
import { describe, expect, it } from 'vitest';
import {
  acceptsAgreement,
  candidateMoves,
  DEFAULT_TEMPERAMENT,
  drawTemperament,
  CONTRARIAN_SHARE,
  nearerExit,
  ordersFor,
  tableDirection,
  type RoundPlan,
  type Temperament,
} from '../../../shared/bots/policy.js';
import { seedFromText, Xorshift32 } from '../../../shared/bots/random.js';
import { legalCommands, playerView, type AgreementState, type PlayerView } from '../../../shared/engine/index.js';
import { Table, playerOf, scenario } from '../engine/given.js';

const PLAN: RoundPlan = { round: 1, speaks: false, channel: 'message', line: 0, observeShare: 0.2, missionShare: 0.4 };
const CTX = { rounds: 5, deflectionTypes: scenario.missionTypes.filter((t) => t.kind !== 'reconnaissance').map((t) => ({ id: t.id, kind: t.kind })) };
const temperament = (changes: Partial<Temperament>): Temperament => ({ ...DEFAULT_TEMPERAMENT, ...changes });

/** An actor's view, with the latest published estimate replaced when asked. */
function viewOf(t: Table, actorId: string, estimate?: { meanKm: number; sigmaKm: number; impactProbability?: number }): PlayerView {
  const view = playerView(t.state, `actor:${actorId}`);
  if (!estimate) return view;
  return { ...view, estimates: [...view.estimates.slice(0, -1), { ...view.estimates.at(-1)!, ...estimate }] };
}

/** The moves of an actor's bot in the current state of a table (facing another estimate when asked). */
function movesOf(t: Table, actorId: string, temper: Temperament = DEFAULT_TEMPERAMENT, estimate?: Parameters<typeof viewOf>[2]) {
  return candidateMoves(viewOf(t, actorId, estimate), legalCommands(t.state, playerOf(actorId)), PLAN, temper);
}

const proposalsOf = (...args: Parameters<typeof movesOf>) => movesOf(...args).filter((m) => m.command.type === 'ProposeMission').map((m) => m.command);

describe('drawing a temperament', () => {
  it('draws the same temperament from the same generator seed', () => {
    expect(drawTemperament(new Xorshift32(9), CTX)).toEqual(drawTemperament(new Xorshift32(9), CTX));
  });

  it('covers every evacuation habit, followers and contrarians of both directions, refusals, late and absent proposers and every deflection type', () => {
    const drawn = Array.from({ length: 300 }, (_, i) => drawTemperament(new Xorshift32(seedFromText(`game ${i}`)), CTX));
    expect(new Set(drawn.map((t) => t.evacuation))).toEqual(new Set(['never', 'early', 'late']));
    expect(new Set(drawn.map((t) => t.direction))).toEqual(new Set([null, 'toward-start', 'toward-end']));
    // Most follow the table; a minority insist on a direction of their own.
    const contrarians = drawn.filter((t) => t.direction !== null).length / drawn.length;
    expect(contrarians).toBeGreaterThan(CONTRARIAN_SHARE / 2);
    expect(contrarians).toBeLessThan(CONTRARIAN_SHARE * 2);
    expect(drawn.filter((t) => t.missionTypeId === null).length).toBeGreaterThan(drawn.length / 2);
    expect(new Set(drawn.map((t) => t.agreeable))).toEqual(new Set([true, false]));
    expect(new Set(drawn.map((t) => t.proposesFromRound))).toEqual(new Set([null, 1, 2, 3]));
    expect(new Set(drawn.map((t) => t.missionTypeId))).toEqual(new Set([null, ...CTX.deflectionTypes.map((t) => t.id)]));
    expect(Math.min(...drawn.map((t) => t.missionScale))).toBeLessThan(0.5);
    expect(Math.max(...drawn.map((t) => t.missionScale))).toBeGreaterThan(1.5);
  });
});

describe('a bot of some temperament', () => {
  it('proposes the kinetic impactor the campaign needs toward the nearer exit, its chosen type and direction if it insists, and not before its round', () => {
    const t = new Table();
    t.toPhase('deliberation');
    // The published estimate lies far toward the corridor's end: the nearer exit is that way.
    expect(nearerExit(viewOf(t, 'usa'))).toBe('toward-end');
    // A single impactor (~0.7 Mm) cannot push a 220 m body off the disc; the eight-impactor campaign is the strongest in time.
    expect(proposalsOf(t, 'usa', DEFAULT_TEMPERAMENT)).toEqual([{ type: 'ProposeMission', missionTypeId: 'ki-campaign', direction: 'toward-end', providerId: 'usa' }]);
    expect(proposalsOf(t, 'usa', temperament({ missionTypeId: 'nuclear', direction: 'toward-start' }))).toEqual([
      { type: 'ProposeMission', missionTypeId: 'nuclear', direction: 'toward-start', providerId: 'usa' },
    ]);
    expect(proposalsOf(t, 'usa', temperament({ proposesFromRound: 2 }))).toEqual([]);
    expect(proposalsOf(t, 'usa', temperament({ proposesFromRound: null }))).toEqual([]);
  });

  it('pushes toward the nearer exit of the capture disc: two bots of the default temperament facing an estimate on one side push the same way', () => {
    const t = new Table();
    t.toPhase('deliberation');
    for (const [meanKm, direction] of [
      [-3000, 'toward-start'],
      [3000, 'toward-end'],
    ] as const) {
      const estimate = { meanKm, sigmaKm: 1500, impactProbability: 0.9 };
      const usa = proposalsOf(t, 'usa', DEFAULT_TEMPERAMENT, estimate);
      const japan = proposalsOf(t, 'japan', DEFAULT_TEMPERAMENT, estimate);
      expect(usa.map((c) => c.type === 'ProposeMission' && c.direction)).toEqual([direction]);
      expect(japan.map((c) => c.type === 'ProposeMission' && c.direction)).toEqual([direction]);
    }
  });

  it('joins and funds the mission another state proposed its way instead of proposing a rival, unless it is a contrarian of the other way', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const missionId = t.propose('usa', 'ki-campaign', 'toward-end');
    expect(proposalsOf(t, 'japan', DEFAULT_TEMPERAMENT)).toEqual([]);
    expect(proposalsOf(t, 'japan', temperament({ direction: 'toward-end' }))).toEqual([]);
    expect(proposalsOf(t, 'japan', temperament({ direction: 'toward-start' }))).toEqual([
      { type: 'ProposeMission', missionTypeId: 'ki-campaign', direction: 'toward-start', providerId: 'japan' },
    ]);
    t.toPhase('orders');
    const orders = ordersFor(viewOf(t, 'japan'), legalCommands(t.state, playerOf('japan')), PLAN);
    expect(Object.keys(orders.missionFunding)).toEqual([missionId]);
    expect(orders.missionFunding[missionId]).toBeGreaterThan(0);
    // A non-space-faring state pays into the lead's mission too.
    expect(ordersFor(viewOf(t, 'kenya'), legalCommands(t.state, playerOf('kenya')), PLAN).missionFunding[missionId]).toBeGreaterThan(0);
  });

  it('keeps to the campaign paid for while the estimate wavers, and turns to the nearer exit once the body clearly strikes on the other side', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const missionId = t.propose('usa', 'ki-campaign', 'toward-end');
    t.playRound({ usa: [0, { [missionId]: 100 }] });
    t.toPhase('deliberation');
    expect(t.state.missions[missionId]!.fundedMUsd).toBe(100);
    // Slightly on the start side but within the spread: the paid-for campaign's direction holds.
    expect(tableDirection(viewOf(t, 'usa', { meanKm: -2000, sigmaKm: 20000 }))).toBe('toward-end');
    // Clearly on the start side: ~2.4 Mm to go that way against ~14 Mm the long way round.
    expect(tableDirection(viewOf(t, 'usa', { meanKm: -6000, sigmaKm: 300 }))).toBe('toward-start');
    expect(proposalsOf(t, 'japan', DEFAULT_TEMPERAMENT, { meanKm: -6000, sigmaKm: 300, impactProbability: 1 }).map((c) => c.type === 'ProposeMission' && c.direction)).toEqual(['toward-start']);
  });

  it('completes one mission before paying into the next, and pays nothing into a mission that pushes against the table', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const first = t.propose('usa', 'ki-single', 'toward-end');
    const second = t.propose('japan', 'ki-campaign', 'toward-end');
    const against = t.propose('usa', 'ki-campaign', 'toward-start');
    t.toPhase('orders');
    const orders = ordersFor(viewOf(t, 'usa'), legalCommands(t.state, playerOf('usa')), PLAN);
    // The nearest to being paid for first: the single impactor (500) takes all it lacks before the campaign gets the rest.
    expect(orders.missionFunding[first]).toBe(500);
    expect(orders.missionFunding[second]).toBeGreaterThan(0);
    expect(orders.missionFunding[second]).toBeLessThan(orders.missionFunding[first]!);
    expect(orders.missionFunding[against]).toBeUndefined();
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

  it('lets the company build the campaign where the law allows: it bids below cost, the lead accepts, the company’s state authorises', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const missionId = t.propose('usa', 'ki-campaign', 'toward-end');
    const cost = t.state.missions[missionId]!.costMUsd;
    const bid = movesOf(t, 'astra').find((m) => m.command.type === 'BidForContract');
    expect(bid?.command).toEqual({ type: 'BidForContract', missionId, priceMUsd: cost * 0.9, buildMonths: 12, reliability: 0.85 });
    // No bid for a mission that pushes against the table.
    const against = t.propose('japan', 'ki-campaign', 'toward-start');
    expect(movesOf(t, 'astra').some((m) => m.command.type === 'BidForContract' && m.command.missionId === against)).toBe(false);
    t.do(bid!.command, playerOf('astra'));
    const accept = movesOf(t, 'usa').find((m) => m.command.type === 'AcceptBid');
    expect(accept?.command).toEqual({ type: 'AcceptBid', bidId: 'bid-1' });
    t.do(accept!.command, playerOf('usa'));
    expect(t.state.missions[missionId]!.provider).toBe('astra');
    expect(movesOf(t, 'usa').map((m) => m.command)).toContainEqual({ type: 'AuthoriseMission', missionId, granted: true });
  });

  it('orders an evacuation by the risk: early once the probability is high, late only in the last round, never when it never does', () => {
    const t = new Table();
    t.toPhase('deliberation');
    // Without the world map the engine cannot tell who is under the corridor, and lets any state evacuate.
    const orders = (temper: Temperament, impactProbability?: number) =>
      movesOf(t, 'usa', temper, impactProbability === undefined ? undefined : { meanKm: 0, sigmaKm: 1000, impactProbability }).filter((m) => m.command.type === 'OrderEvacuation').map((m) => m.command);
    expect(orders(temperament({ evacuation: 'early' }), 0.02)).toEqual([]);
    expect(orders(temperament({ evacuation: 'early' }), 0.6)).toEqual([{ type: 'OrderEvacuation', level: 'evacuate' }]);
    expect(orders(temperament({ evacuation: 'late' }), 0.6)).toEqual([]);
    expect(orders(temperament({ evacuation: 'never' }), 0.6)).toEqual([]);
    for (let round = 1; round < scenario.calendar.rounds.length; round++) t.playRound();
    t.toPhase('deliberation');
    expect(t.state.round).toBe(scenario.calendar.rounds.length);
    expect(orders(DEFAULT_TEMPERAMENT, 0.2)).toEqual([{ type: 'OrderEvacuation', level: 'evacuate' }]);
    expect(orders(DEFAULT_TEMPERAMENT, 0.05)).toEqual([]);
    expect(orders(temperament({ evacuation: 'early' }), 0.05)).toEqual([{ type: 'OrderEvacuation', level: 'evacuate' }]);
    expect(orders(temperament({ evacuation: 'never' }), 0.9)).toEqual([]);
  });

  it('has its people shelter while it cannot pay for an evacuation', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const view = playerView(t.state, 'actor:kenya');
    expect(view.me!.balanceMUsd).toBeLessThan(view.evacuationCostMUsd);
    expect(view.me!.balanceMUsd).toBeGreaterThanOrEqual(view.shelterCostMUsd);
    const orders = movesOf(t, 'kenya', temperament({ evacuation: 'early' }), { meanKm: 0, sigmaKm: 1000, impactProbability: 0.6 }).filter((m) => m.command.type === 'OrderEvacuation');
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
