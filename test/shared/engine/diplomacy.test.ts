import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorldData } from '../../../shared/engine/commands.js';
import { councilKinds, permanentMembersAtTable, tallyResolutions } from '../../../shared/engine/diplomacy.js';
import type { EventOf } from '../../../shared/engine/events.js';
import { stateHash } from '../../../shared/engine/hash.js';
import { replay } from '../../../shared/engine/evolve.js';
import { initialState } from '../../../shared/engine/state.js';
import { eventForSeat, playerView } from '../../../shared/engine/view.js';
import type { SeatId } from '../../../shared/engine/seats.js';
import { loadWorldData } from '../../../server/geo/world.js';
import { isFinding } from '../../../shared/law/finding.js';
import { SEED, Table, expectSentence, playerOf, scenario } from './given.js';

const world: WorldData = loadWorldData();
const playerViewOf = (t: Table, seat: SeatId) => playerView(t.state, seat);

function tableInDeliberation(seed = SEED): Table {
  const t = new Table(seed);
  t.world = world;
  t.toPhase('deliberation');
  return t;
}

const refused = (t: Table, command: Parameters<Table['try']>[0], actorId: string, code: string) => {
  const d = t.try(command, playerOf(actorId));
  expect(d.ok).toBe(false);
  if (!d.ok) {
    expect(d.error.code).toBe(code);
    expectSentence(d.error.message);
  }
};

describe('agreements', () => {
  it('concludes an agreement when every party accepts, and ends it on the first refusal', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-campaign');
    t.do({ type: 'ProposeAgreement', kind: 'consultation', parties: ['kenya', 'bangladesh'], missionId: mission, shares: {}, text: 'OST art. IX consultation on the push direction' }, playerOf('usa'));
    t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('kenya'));
    expect(t.state.agreements['agreement-1']?.status).toBe('proposed');
    t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('bangladesh'));
    expect(t.state.agreements['agreement-1']?.status).toBe('accepted');

    t.do({ type: 'ProposeAgreement', kind: 'consultation', parties: ['japan', 'kenya'], missionId: mission, shares: {}, text: 'again' }, playerOf('usa'));
    t.do({ type: 'RespondToAgreement', agreementId: 'agreement-2', accept: false }, playerOf('japan'));
    expect(t.state.agreements['agreement-2']?.status).toBe('rejected');
    refused(t, { type: 'RespondToAgreement', agreementId: 'agreement-2', accept: true }, 'kenya', 'agreement/closed');
  });

  it('refuses agreements with bad parties or terms, answers from non-parties and withdrawals by others', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-single');
    refused(t, { type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'help' }, 'usa', 'agreement/bad_parties');
    refused(t, { type: 'ProposeAgreement', kind: 'assistance', parties: ['usa', 'japan'], shares: {}, text: 'help' }, 'kenya', 'agreement/bad_parties');
    refused(t, { type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], shares: { usa: 100 }, text: 'split' }, 'usa', 'agreement/bad_terms');
    refused(t, { type: 'ProposeAgreement', kind: 'apportionment', parties: ['japan'], missionId: mission, shares: { usa: 0.6, japan: 0.3 }, text: 'art. V(2)' }, 'usa', 'agreement/bad_terms');
    refused(t, { type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: mission, shares: { kenya: 10 }, text: 'split' }, 'usa', 'agreement/bad_terms');
    t.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Please help us evacuate' }, playerOf('kenya'));
    refused(t, { type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, 'japan', 'agreement/not_party');
    refused(t, { type: 'WithdrawAgreement', agreementId: 'agreement-1' }, 'usa', 'agreement/not_proposer');
    t.do({ type: 'WithdrawAgreement', agreementId: 'agreement-1' }, playerOf('kenya'));
    expect(t.state.agreements['agreement-1']?.status).toBe('withdrawn');
  });

  it('costs the refuser the requester’s trust when assistance is refused', () => {
    const t = tableInDeliberation();
    t.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Please fund our ground station' }, playerOf('kenya'));
    const events = t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: false }, playerOf('usa'));
    expect(events.map((e) => e.type)).toEqual(['AgreementResponded', 'TrustChanged']);
    expect(t.state.trust['kenya>usa']).toBe(40);
  });

  it('records a cost-sharing agreement as kept when the shares are paid, and as broken with lost trust when not', () => {
    const kept = tableInDeliberation();
    const m1 = kept.propose('usa', 'ki-campaign');
    kept.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: m1, shares: { usa: 500, japan: 250 }, text: 'We share the campaign' }, playerOf('usa'));
    kept.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('japan'));
    const r1 = kept.playRound({ usa: [0, { [m1]: 500 }], japan: [0, { [m1]: 250 }] });
    expect(r1.agreements).toEqual([{ agreementId: 'agreement-1', result: 'fulfilled', breachedBy: [] }]);
    expect(kept.state.agreements['agreement-1']?.status).toBe('fulfilled');
    expect(kept.state.trust['japan>usa']).toBe(55);

    const broken = tableInDeliberation();
    const m2 = broken.propose('usa', 'ki-campaign');
    broken.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: m2, shares: { usa: 500, japan: 250 }, text: 'We share the campaign' }, playerOf('usa'));
    broken.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('japan'));
    const r2 = broken.playRound({ usa: [0, { [m2]: 500 }], japan: [0, { [m2]: 100 }] });
    expect(r2.agreements).toEqual([{ agreementId: 'agreement-1', result: 'breached', breachedBy: ['japan'] }]);
    expect(broken.state.trust['usa>japan']).toBe(35);
  });
});

describe('UN resolutions', () => {
  it('lets only the UN body propose and only states vote, and tallies at the resolution: an adopted mandate reaches the mission', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-campaign');
    refused(t, { type: 'ProposeResolution', kind: 'mandate-mission', missionId: mission }, 'usa', 'role/not_un');
    refused(t, { type: 'ProposeResolution', kind: 'mandate-mission' }, 'copuos', 'resolution/bad_terms');
    t.do({ type: 'ProposeResolution', kind: 'mandate-mission', missionId: mission }, playerOf('copuos'));
    refused(t, { type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }, 'astra', 'vote/not_state');
    for (const [actor, vote] of [['usa', 'yes'], ['japan', 'yes'], ['kenya', 'yes'], ['bangladesh', 'no']] as const) {
      t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote }, playerOf(actor));
    }
    const resolved = t.playRound();
    expect(resolved.resolutions).toEqual([{ resolutionId: 'resolution-1', adopted: true, yes: 3, no: 1, abstain: 0, body: 'security-council', vetoedBy: [] }]);
    expect(t.state.resolutions['resolution-1']?.status).toBe('adopted');
    expect(t.state.missions[mission]?.unMandate).toBe('mandated');
  });

  /** A table in deliberation with a resolution of `kind` on a fresh impactor mission and these votes, played to its tally. */
  function voted(kind: 'mandate-mission' | 'endorse-mission' | 'authorise-nuclear', votes: Record<string, 'yes' | 'no' | 'abstain'>, typeId = 'ki-campaign') {
    const t = tableInDeliberation();
    const mission = t.propose('usa', typeId);
    t.do({ type: 'ProposeResolution', kind, missionId: mission }, playerOf('copuos'));
    for (const [actor, vote] of Object.entries(votes)) t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote }, playerOf(actor));
    const [tally] = t.playRound().resolutions;
    return { tally: tally!, unMandate: t.state.missions[mission]!.unMandate };
  }

  it('does not take one yes and three abstentions for a Security Council mandate (UN Charter art. 27(3))', () => {
    const { tally, unMandate } = voted('mandate-mission', { usa: 'yes', japan: 'abstain', kenya: 'abstain', bangladesh: 'abstain' });
    expect(tally).toMatchObject({ adopted: false, yes: 1, abstain: 3, body: 'security-council' });
    expect(unMandate).toBe('none');
  });

  it('does not let one yes and three abstentions authorise a nuclear device either', () => {
    const { tally, unMandate } = voted('authorise-nuclear', { usa: 'yes', japan: 'abstain', kenya: 'abstain', bangladesh: 'abstain' }, 'nuclear');
    expect(tally).toMatchObject({ adopted: false, body: 'security-council' });
    expect(unMandate).toBe('none');
  });

  it('lets a permanent member at the table veto a mandate the others all want, and an abstaining one not', () => {
    const vetoed = voted('mandate-mission', { usa: 'no', japan: 'yes', kenya: 'yes', bangladesh: 'yes' });
    expect(vetoed.tally).toMatchObject({ adopted: false, yes: 3, no: 1, vetoedBy: ['usa'] });
    expect(vetoed.unMandate).toBe('none');
    const abstained = voted('mandate-mission', { usa: 'abstain', japan: 'yes', kenya: 'yes', bangladesh: 'yes' });
    expect(abstained.tally).toMatchObject({ adopted: true, vetoedBy: [] });
    expect(abstained.unMandate).toBe('mandated');
  });

  it('adopts an endorsement by the General Assembly’s simple majority, which endorses but does not mandate', () => {
    const { tally, unMandate } = voted('endorse-mission', { usa: 'yes', japan: 'abstain', kenya: 'abstain', bangladesh: 'abstain' });
    expect(tally).toMatchObject({ adopted: true, body: 'general-assembly' });
    expect(unMandate).toBe('endorsed');
  });

  it('adopts a Council decision exactly when three fifths of the states vote yes and no permanent member votes no, whatever the votes', () => {
    const base = initialState(scenario, SEED);
    const states = ['usa', 'japan', 'kenya', 'bangladesh'];
    const vote = fc.constantFrom('yes', 'no', 'abstain', undefined);
    fc.assert(
      fc.property(fc.tuple(vote, vote, vote, vote), fc.constantFrom(...councilKinds), (cast, kind) => {
        const votes = Object.fromEntries(states.flatMap((id, i) => (cast[i] ? [[id, cast[i]]] : [])));
        const resolutions = { 'resolution-1': { id: 'resolution-1', kind, missionId: null, proposedRound: 1, votes, status: 'open' as const } };
        const [tally] = tallyResolutions({ ...base, resolutions });
        const yes = Object.values(votes).filter((v) => v === 'yes').length;
        expect(tally!.adopted).toBe(yes * 5 >= states.length * 3 && votes.usa !== 'no');
        expect(tally!.vetoedBy).toEqual(votes.usa === 'no' ? ['usa'] : []);
      }),
    );
  });

  it('finds the veto holders among the scenario’s actors by their state (UN Charter art. 23(1))', () => {
    expect(permanentMembersAtTable(initialState(scenario, SEED))).toEqual(['usa']);
  });

  it('applies the scenario’s voting rule: two to one passes by simple majority but fails a consensus', () => {
    const consensus = { ...scenario, un: { votingRule: 'consensus' as const, automaticIawnNotification: false } };
    const t = new Table(SEED, undefined, consensus);
    t.toPhase('deliberation');
    t.do({ type: 'ProposeResolution', kind: 'create-common-fund' }, playerOf('copuos'));
    t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }, playerOf('usa'));
    t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }, playerOf('japan'));
    t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'no' }, playerOf('kenya'));
    expect(t.playRound().resolutions[0]).toMatchObject({ adopted: false, yes: 2, no: 1 });
  });
});

describe('the encounter’s consequences', () => {
  it('splits the harm by country and judges each country’s damage; consulting a state that is not the victim changes nothing', () => {
    const play = (consult: boolean) => {
      const t = tableInDeliberation();
      const mission = t.propose('usa', 'ki-single', 'toward-start');
      if (consult) {
        // Uganda is not at the table; Kenya, under the undeflected point, is consulted.
        t.do({ type: 'ProposeAgreement', kind: 'consultation', parties: ['kenya'], missionId: mission, shares: {}, text: 'OST IX' }, playerOf('usa'));
        t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('kenya'));
      }
      t.playRound({ usa: [0, { [mission]: 500 }] });
      t.playRound();
      t.toPhase('deliberation');
      t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
      for (let r = 3; r <= 5; r++) t.playRound();
      return t.state.outcome!;
    };
    const outcome = play(false);
    expect(outcome.kind).toBe('impact');
    const c = outcome.consequences!;
    expect(c.byCountry.length).toBeGreaterThan(0);
    expect(c.byCountry.reduce((s, x) => s + x.exposedPopulation, 0)).toBe(c.exposedPopulation);
    const findings = c.liability.findings.filter(isFinding);
    expect(findings.map((f) => f.damageId)).toEqual(c.byCountry.filter((x) => x.countryIso3 && x.damageMUsd > 0).map((x) => `impact-${x.countryIso3!.toLowerCase()}`));
    expect(findings.every((f) => f.liable.includes('usa') && f.articles.includes('OST IX'))).toBe(true);
    // The push moved the impact into Uganda, which is not at the table: consulting Kenya does not discharge OST art. IX toward it.
    const consulted = play(true).consequences!.liability.findings.filter(isFinding);
    expect(consulted.map((f) => [f.damageId, f.liable, f.articles.includes('OST IX')])).toEqual(findings.map((f) => [f.damageId, f.liable, true]));
  });

  it('spares people where their state ordered shelter, less than an evacuation would, for a fifth of the cost', () => {
    const run = (order: 'evacuate' | 'shelter' | null) => {
      const t = tableInDeliberation();
      // Kenya's 50 M USD a round must be saved up: it orders in round 4.
      for (let r = 1; r <= 3; r++) t.playRound();
      t.toPhase('deliberation');
      if (order) t.do({ type: 'OrderEvacuation', level: order }, playerOf('kenya'));
      for (let r = 4; r <= 5; r++) t.playRound();
      const kenya = t.state.outcome!.consequences!.byCountry.find((x) => x.countryIso3 === 'KEN')!;
      return { casualties: kenya.casualties, spent: t.state.actors.kenya!.totalSpentMUsd };
    };
    const none = run(null);
    const shelter = run('shelter');
    const evacuate = run('evacuate');
    expect(none.casualties).toBeGreaterThan(shelter.casualties);
    expect(shelter.casualties).toBeGreaterThan(evacuate.casualties);
    expect(shelter.spent).toBe(scenario.evacuation.costMUsd / 5);
    expect(evacuate.spent).toBe(scenario.evacuation.costMUsd);
  });

  it('publishes scores with the outcome, each component within 0–1, and replays to the same state', () => {
    const t = tableInDeliberation();
    for (let r = 1; r <= 5; r++) t.playRound();
    const scores = t.state.scores!;
    expect(Object.keys(scores).sort()).toEqual(scenario.actors.map((a) => a.id).sort());
    for (const s of Object.values(scores)) {
      for (const v of [s.safety, s.budget, s.trust, s.total]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    expect(scores.kenya!.safety).toBeLessThan(1); // the body strikes Kenya in this seed
    expect(stateHash(replay(initialState(scenario, SEED), t.events))).toBe(stateHash(t.state));
  });

  it('lets a state the findings name as claimant present its claim after the impact, once', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-single', 'toward-start');
    t.playRound({ usa: [0, { [mission]: 500 }] });
    t.playRound();
    t.toPhase('deliberation');
    t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
    refused(t, { type: 'FileClaim', against: ['usa'] }, 'kenya', 'claim/no_damage');
    for (let r = 3; r <= 5; r++) t.playRound();
    const claimants = t.state.outcome!.consequences!.liability.findings.filter(isFinding).flatMap((f) => f.claimants);
    const claimant = claimants.find((c) => t.state.actors[c]);
    if (claimant) {
      t.do({ type: 'FileClaim', against: ['usa'] }, playerOf(claimant));
      expect(t.state.claims).toHaveLength(1);
      refused(t, { type: 'FileClaim', against: ['usa'] }, claimant, 'claim/already_filed');
    }
    refused(t, { type: 'FileClaim', against: ['usa'] }, 'japan', 'claim/not_victim');
  });
});

describe('IAWN and SMPAG', () => {
  it('notifies automatically once the threshold is crossed when the scenario says so', () => {
    const automatic = { ...scenario, un: { votingRule: 'simple-majority' as const, automaticIawnNotification: true } };
    const t = new Table(SEED, undefined, automatic);
    t.playRound();
    const notified = t.events.filter((e) => e.type === 'IawnNotificationIssued');
    const r1 = t.resolutions()[0]!;
    expect(notified.length).toBe(r1.hazard.iawnThresholdCrossed ? 1 : 0);
    expect(t.state.iawnNotified).toBe(r1.hazard.iawnThresholdCrossed);
  });

  it('publishes SMPAG’s options with their earliest arrival and nominal shift, once, for the UN body only', () => {
    const t = tableInDeliberation();
    refused(t, { type: 'ConveneSmpag' }, 'usa', 'role/not_un');
    const [event] = t.do({ type: 'ConveneSmpag' }, playerOf('copuos')) as [EventOf<'SmpagOptionsPublished'>];
    expect(event.options.map((o) => o.missionTypeId)).toEqual(scenario.missionTypes.map((m) => m.id));
    const campaign = event.options.find((o) => o.missionTypeId === 'ki-campaign')!;
    expect(campaign.arrivesBeforeEncounter).toBe(true);
    expect(campaign.nominalShiftKm!).toBeGreaterThan(event.options.find((o) => o.missionTypeId === 'ki-single')!.nominalShiftKm!);
    expect(t.state.news.at(-1)?.headline).toBe('SMPAG publishes mission options');
    refused(t, { type: 'ConveneSmpag' }, 'copuos', 'smpag/already_convened');
  });
});

describe('company bids and contributions in kind', () => {
  it('lets a company bid for a mission still being funded and the lead hire it: provider, price, schedule and reliability change, and the company’s state must authorise it', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-single');
    refused(t, { type: 'BidForContract', missionId: mission, priceMUsd: 400, buildMonths: 12, reliability: 0.92 }, 'japan', 'bid/not_company');
    t.do({ type: 'BidForContract', missionId: mission, priceMUsd: 400, buildMonths: 12, reliability: 0.92 }, playerOf('astra'));
    refused(t, { type: 'AcceptBid', bidId: 'bid-1' }, 'japan', 'mission/not_lead');
    t.do({ type: 'AcceptBid', bidId: 'bid-1' }, playerOf('usa'));
    expect(t.state.missions[mission]).toMatchObject({ provider: 'astra', costMUsd: 400, buildMonths: 12, reliability: 0.92, authorisingActor: 'usa', authorised: null });
    expect(t.state.bids['bid-1']?.status).toBe('accepted');
    t.do({ type: 'AuthoriseMission', missionId: mission, granted: true }, playerOf('usa'));
    const r1 = t.playRound({ usa: [0, { [mission]: 500 }] });
    // Only the 400 the contract costs is taken; the rest stays in the budget.
    expect(r1.spentMUsd.usa?.missionFunding[mission]).toBe(400);
    expect(t.state.missions[mission]?.readyDate).toBe('2032-03-10');
  });

  it('adds a ground station’s and science’s reliability to a mission, once each, from actors who have them', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'ki-single');
    refused(t, { type: 'ContributeInKind', missionId: mission, contribution: 'ground-station' }, 'bangladesh', 'inkind/not_capable');
    t.do({ type: 'ContributeInKind', missionId: mission, contribution: 'ground-station' }, playerOf('kenya'));
    t.do({ type: 'ContributeInKind', missionId: mission, contribution: 'science' }, playerOf('kenya'));
    refused(t, { type: 'ContributeInKind', missionId: mission, contribution: 'science' }, 'kenya', 'inkind/already');
    expect(t.state.missions[mission]?.reliability).toBeCloseTo(0.95, 10);
    expect(t.state.missions[mission]?.inKind).toEqual([
      { actorId: 'kenya', contribution: 'ground-station' },
      { actorId: 'kenya', contribution: 'science' },
    ]);
  });
});

describe('tracking data', () => {
  it('keeps a withholder’s observation out of the published estimate and gives it a sharper one of its own', () => {
    const sharing = tableInDeliberation();
    sharing.playRound({ usa: [400] });
    const withholding = tableInDeliberation();
    refused(withholding, { type: 'ShareTrackingData', share: false }, 'bangladesh', 'tracking/no_observatories');
    withholding.do({ type: 'ShareTrackingData', share: false }, playerOf('usa'));
    const r = withholding.playRound({ usa: [400] });
    const published = withholding.state.estimate;
    const own = withholding.state.withheldTracking.usa!;
    expect(own.sigmaKm).toBeLessThan(published.sigmaKm);
    expect(own).toEqual(r.privateEstimates.usa);
    expect(sharing.state.estimate.sigmaKm).toBeCloseTo(own.sigmaKm, 6);
    // Only the withholder sees it.
    expect(playerViewOf(withholding, 'actor:usa').me?.privateEstimate).toEqual(own);
    expect(playerViewOf(withholding, 'actor:japan').me?.privateEstimate).toBeNull();
    expect(eventForSeat(r, 'actor:japan')).toMatchObject({ privateEstimates: {} });
  });
});

describe('nuclear stand-off and gravity tractor', () => {
  it('flies a nuclear device: a large push, every other actor’s trust lost without UN authorisation, none lost with it', () => {
    const fly = (authorise: boolean) => {
      const t = tableInDeliberation();
      const mission = t.propose('usa', 'nuclear', 'toward-end');
      if (authorise) {
        t.do({ type: 'ProposeResolution', kind: 'authorise-nuclear', missionId: mission }, playerOf('copuos'));
        for (const a of ['usa', 'japan', 'kenya']) t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }, playerOf(a));
      }
      t.playRound({ usa: [0, { [mission]: 600 }], japan: [0, { [mission]: 300 }] });
      t.playRound({ usa: [0, { [mission]: 300 }] });
      t.toPhase('deliberation');
      while (t.state.missions[mission]?.status !== 'ready') {
      t.playRound();
      t.toPhase('deliberation');
    }
      t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
      while (t.state.round < 5 || t.state.phase !== 'resolution') t.playRound();
      return t;
    };
    const unauthorised = fly(false);
    const arrived = unauthorised.resolutions().flatMap((r) => r.missions).find((p) => p.change === 'arrived');
    const launched = unauthorised.resolutions().flatMap((r) => r.missions).find((p) => p.change === 'launched' || p.change === 'launch-failed');
    expect(launched).toBeDefined();
    if (arrived) expect(Math.abs(arrived.shiftKm!)).toBeGreaterThan(1000);
    if (launched!.change === 'launched') expect(unauthorised.state.trust['japan>usa']).toBeLessThan(50);
    const authorised = fly(true);
    expect(Object.values(authorised.state.missions)[0]?.unMandate).toBe('mandated');
    expect(authorised.state.trust['japan>usa'] ?? 50).toBeGreaterThanOrEqual(50);
  });

  it('tows with a gravity tractor: a small, certain push in the chosen direction', () => {
    const t = tableInDeliberation();
    const mission = t.propose('usa', 'tractor', 'toward-start');
    t.playRound({ usa: [0, { [mission]: 600 }], japan: [0, { [mission]: 300 }] });
    t.playRound();
    t.toPhase('deliberation');
    while (t.state.missions[mission]?.status !== 'ready') {
      t.playRound();
      t.toPhase('deliberation');
    }
    t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
    while (t.state.round < 5 || t.state.phase !== 'resolution') t.playRound();
    const arrival = t.resolutions().flatMap((r) => r.missions).find((p) => p.change === 'arrived');
    if (arrival) {
      expect(arrival.shiftKm!).toBeLessThan(0);
      expect(Math.abs(arrival.shiftKm!)).toBeLessThan(500);
    } else {
      expect(t.resolutions().flatMap((r) => r.missions).some((p) => p.change === 'launch-failed' || p.change === 'arrives-too-late')).toBe(true);
    }
  });
});
