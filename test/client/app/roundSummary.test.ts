import { describe, expect, it } from 'vitest';
import { baselineOf, roundSummary } from '../../../client/app/roundSummary.js';
import { playerView, type PlayerView, type SeatId } from '../../../shared/engine/index.js';
import { playerOf, Table } from '../../shared/engine/given.js';

// The round summary compares two views a seat really receives, built by the engine from a
// scripted 2031 KX table: the view at the start of a round and the view after its resolution.

const usa: SeatId = 'actor:usa';
const japan: SeatId = 'actor:japan';
const kenya: SeatId = 'actor:kenya';
const seats: SeatId[] = [usa, japan, kenya, 'facilitator', 'evaluator', 'display'];

interface Round1 {
  table: Table;
  /** Each seat's view at the round's briefing and after its resolution. */
  before: Map<SeatId, PlayerView>;
  after: Map<SeatId, PlayerView>;
  impactor: string;
}

/** Round 1: the USA proposes a kinetic impactor and shares its cost with Japan, which then pays nothing; the control cell sends Kenya a note. */
function playRound1(): Round1 {
  const table = new Table();
  table.advance(); // lobby → round 1 briefing
  const before = new Map(seats.map((s) => [s, playerView(table.state, s)]));
  table.advance(); // deliberation
  const impactor = table.propose('usa', 'ki-single');
  table.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: impactor, shares: { usa: 250, japan: 250 }, text: 'Half each.' }, playerOf('usa'));
  table.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('japan'));
  table.do({ type: 'PostInject', targets: ['kenya'], persona: 'Kenyan Space Agency', channel: 'official', headline: 'Nairobi asks for imagery', body: 'Which districts first?' });
  table.playRound({ usa: [100, { [impactor]: 250 }], japan: [20] });
  const after = new Map(seats.map((s) => [s, playerView(table.state, s)]));
  return { table, before, after, impactor };
}

const round1 = playRound1();
const view = (when: 'before' | 'after', seat: SeatId) => round1[when].get(seat)!;

describe('roundSummary', () => {
  it('has nothing to say before the first round resolves', () => {
    expect(roundSummary(null, view('before', usa))).toBeNull();
  });

  it('gives the impact probability before and after the resolution, and no Torino rating before the first one', () => {
    const summary = roundSummary(view('before', usa), view('after', usa))!;
    const after = view('after', usa);
    expect(summary.round).toBe(1);
    expect(summary.impactProbabilityBefore).toBe(after.estimates[0]!.impactProbability);
    expect(summary.impactProbabilityNow).toBe(after.results[0]!.impactProbability);
    expect(summary.impactProbabilityNow).not.toBe(summary.impactProbabilityBefore);
    expect(summary.torinoBefore).toBeNull();
    expect(summary.torinoNow).toBe(after.results[0]!.torino);
  });

  it('tells an actor what it paid this round and what it has left', () => {
    const summary = roundSummary(view('before', usa), view('after', usa))!;
    expect(summary.money).toEqual({ spentMUsd: 350, leftMUsd: round1.table.state.actors.usa!.balanceMUsd });
    expect(roundSummary(view('before', japan), view('after', japan))!.money).toEqual({ spentMUsd: 20, leftMUsd: round1.table.state.actors.japan!.balanceMUsd });
  });

  it('gives the seats that are not actors no money line', () => {
    for (const seat of ['facilitator', 'evaluator', 'display'] as const) expect(roundSummary(view('before', seat), view('after', seat))!.money).toBeNull();
  });

  it('lists a mission proposed during the round with the money it received', () => {
    const { missions } = roundSummary(view('before', kenya), view('after', kenya))!;
    expect(missions).toEqual([expect.objectContaining({ missionId: round1.impactor, change: 'funding', from: null, addedMUsd: 250, fundedMUsd: 250, costMUsd: 500, lead: 'usa' })]);
  });

  it('names the party that broke a cost-sharing agreement, to its parties only', () => {
    const expected = [{ agreementId: 'agreement-1', kind: 'cost-sharing', missionId: round1.impactor, parties: ['usa', 'japan'], kept: false, breachedBy: ['japan'] }];
    expect(roundSummary(view('before', usa), view('after', usa))!.agreements).toEqual(expected);
    expect(roundSummary(view('before', 'facilitator'), view('after', 'facilitator'))!.agreements).toEqual(expected);
    expect(roundSummary(view('before', kenya), view('after', kenya))!.agreements).toEqual([]);
  });

  it("lists the round's news for everyone and an inject only for the seats it reached", () => {
    const headlines = (seat: SeatId) => roundSummary(view('before', seat), view('after', seat))!.news.map((n) => n.headline);
    const roundNews = view('after', usa).news.filter((n) => n.round === 1).map((n) => n.headline);
    expect(roundNews.length).toBeGreaterThan(0);
    expect(headlines(kenya)).toEqual([...roundNews, 'Nairobi asks for imagery']);
    expect(headlines(usa)).toEqual(roundNews);
    expect(headlines('display')).toEqual(roundNews);
    expect(headlines('facilitator')).toContain('Nairobi asks for imagery');
  });

  it('without a view from before the resolution, still gives probabilities and due agreements but does not guess missions or spending', () => {
    const summary = roundSummary(null, view('after', usa))!;
    expect(summary.compared).toBe(false);
    expect(summary.missions).toEqual([]);
    expect(summary.money).toEqual({ spentMUsd: null, leftMUsd: round1.table.state.actors.usa!.balanceMUsd });
    expect(summary.agreements.map((a) => a.breachedBy)).toEqual([['japan']]);
    expect(summary.impactProbabilityBefore).toBe(view('after', usa).estimates[0]!.impactProbability);
  });

  it('ignores an earlier view that already holds the resolution (as after a reload), rather than report that nothing moved', () => {
    const summary = roundSummary(view('after', usa), view('after', usa))!;
    expect(summary.compared).toBe(false);
    expect(summary.money!.spentMUsd).toBeNull();
  });

  it('compares equally with the slice kept in storage as with the whole view', () => {
    const kept = JSON.parse(JSON.stringify(baselineOf(view('before', usa)))) as ReturnType<typeof baselineOf>;
    expect(roundSummary(kept, view('after', usa))).toEqual(roundSummary(view('before', usa), view('after', usa)));
  });

  it('in later rounds, gives the Torino rating then and now, and missions that were funded in full, built and launched', () => {
    const table = new Table();
    table.advance();
    let before = playerView(table.state, usa);
    table.advance();
    const recon = table.propose('usa', 'recon');
    table.playRound({ usa: [0, { [recon]: 300 }] });
    let summary = roundSummary(before, playerView(table.state, usa))!;
    expect(summary.missions).toEqual([expect.objectContaining({ missionId: recon, change: 'building', from: null, addedMUsd: 300, fundedMUsd: 300 })]);
    // Round 2: funded in full in round 1, the flyby is being built.
    table.advance();
    before = playerView(table.state, usa);
    table.playRound();
    summary = roundSummary(before, playerView(table.state, usa))!;
    const results = table.state.results;
    expect(summary.round).toBe(2);
    expect(summary.torinoBefore).toBe(results[0]!.torino);
    expect(summary.impactProbabilityBefore).toBe(results[0]!.estimate.impactProbability);
    expect(summary.impactProbabilityNow).toBe(results[1]!.estimate.impactProbability);
    // Round 3: it is ready (18 months' build) or becomes so; launched as soon as it is.
    table.advance();
    before = playerView(table.state, usa);
    table.advance();
    if (table.state.missions[recon]!.status === 'ready') table.do({ type: 'LaunchMission', missionId: recon }, playerOf('usa'));
    table.playRound();
    summary = roundSummary(before, playerView(table.state, usa))!;
    const status = table.state.missions[recon]!.status;
    expect(before.missions.find((m) => m.id === recon)!.status).not.toBe(status);
    expect(summary.missions).toEqual([expect.objectContaining({ missionId: recon, change: status, from: before.missions.find((m) => m.id === recon)!.status })]);
  });
});
