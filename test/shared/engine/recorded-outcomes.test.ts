// Since rules v5 every event carries its outcome and `evolve` only records it (DESIGN
// principle 1): these tests give `evolve` recorded values that today's rules would not
// compute, and check that the state holds what was recorded; and they give it the same
// events as rules v4 wrote them (the fields absent), and check that it computes what v4 did.
import { describe, expect, it } from 'vitest';
import { RULES_VERSION, upcastEvent, type DomainEvent, type EventOf, type ExerciseState } from '../../../shared/engine/index.js';
import { Table, given, playerOf, roundStarted, tableSeated, toOrdersPhase } from './given.js';

const inDeliberation = (): DomainEvent[] => [...tableSeated(), ...roundStarted(1), toOrdersPhase(1)[0]!];

/** A USA kinetic impactor as rules v4 proposed it: no kind, schedule or reliability. */
const v4Proposal: EventOf<'MissionProposed'> = {
  type: 'MissionProposed',
  missionId: 'mission-1',
  typeId: 'ki-single',
  name: 'Kinetic impactor (United States)',
  lead: 'usa',
  provider: 'usa',
  direction: 'toward-end',
  costMUsd: 500,
  authorisingActor: null,
};

const stateAfter = (...events: DomainEvent[]): ExerciseState => given(...inDeliberation(), ...events).state;

describe('evolve records what the event carries', () => {
  it('takes a proposed mission’s kind, schedule and reliability from the proposal, not from the catalogue', () => {
    const m = stateAfter({ ...v4Proposal, kind: 'kinetic-impactor', buildMonths: 7, flightMonths: 5, reliability: 0.5 }).missions['mission-1'];
    expect(m).toMatchObject({ kind: 'kinetic-impactor', buildMonths: 7, flightMonths: 5, reliability: 0.5 });
  });

  it('takes a mission’s reliability after an accepted bid from the event', () => {
    const bid: DomainEvent = { type: 'BidSubmitted', bidId: 'bid-1', missionId: 'mission-1', company: 'astra', priceMUsd: 450, buildMonths: 20, reliability: 0.8 };
    const state = stateAfter(v4Proposal, bid, { type: 'BidAccepted', bidId: 'bid-1', missionId: 'mission-1', authorisingActor: 'usa', reliability: 0.42 });
    expect(state.missions['mission-1']).toMatchObject({ provider: 'astra', costMUsd: 450, buildMonths: 20, reliability: 0.42 });
  });

  it('takes news texts, an inject’s order, an agreement’s status and the trust left from the events', () => {
    const state = stateAfter(
      { type: 'StatementPosted', newsId: 'n9', round: 1, actorId: 'kenya', actorName: 'Kenya', text: 'We ask for help.', headline: 'Kenya speaks' },
      { type: 'SmpagOptionsPublished', newsId: 'n10', round: 1, options: [], headline: 'SMPAG: no options', body: 'None arrives in time.' },
      { type: 'InjectFired', injectId: 'adhoc-1', round: 1, targets: 'all', persona: 'Press', channel: 'news', headline: 'H', body: 'B', controllerNote: null, trigger: 'ad-hoc', seq: 7 },
      { type: 'AgreementProposed', agreementId: 'agreement-1', kind: 'assistance', proposer: 'kenya', parties: ['usa', 'japan'], missionId: null, shares: {}, text: 'Help.', dueRound: null },
      { type: 'AgreementResponded', agreementId: 'agreement-1', actorId: 'usa', accept: true, status: 'accepted' },
      { type: 'TrustChanged', changes: [{ from: 'kenya', to: 'usa', delta: -10, reason: 'test', after: 12 }] },
    );
    expect(state.news.slice(-2).map((n) => [n.headline, n.body])).toEqual([
      ['Kenya speaks', 'We ask for help.'],
      ['SMPAG: no options', 'None arrives in time.'],
    ]);
    expect(state.injects.at(-1)?.seq).toBe(7);
    // Japan has not answered: v4 would have kept it proposed; the event says accepted.
    expect(state.agreements['agreement-1']?.status).toBe('accepted');
    expect(state.trust['kenya>usa']).toBe(12);
  });

  it('takes a resolution’s mandates and a funded mission’s ready date and a launched one’s arrival date from the resolution', () => {
    const table = new Table();
    table.toPhase('deliberation');
    const mission = table.propose('usa', 'ki-single');
    const resolved = table.playRound({ usa: [0, { [mission]: 500 }] });
    const funded = resolved.missions.find((p) => p.change === 'funded');
    expect(funded?.readyDate).toBe(table.state.missions[mission]?.readyDate);
    const before = given(...table.events.slice(0, table.events.indexOf(resolved))).state;
    const recorded: EventOf<'RoundResolved'> = {
      ...resolved,
      mandates: [{ missionId: mission, unMandate: 'mandated' }],
      missions: resolved.missions.map((p) => (p.change === 'funded' ? { ...p, readyDate: '2040-01-01' } : p)),
    };
    const after = given(...table.events.slice(0, table.events.indexOf(resolved)), recorded).state;
    expect(before.missions[mission]?.unMandate).toBe('none');
    expect(after.missions[mission]).toMatchObject({ unMandate: 'mandated', readyDate: '2040-01-01' });
  });
});

describe('decide writes the outcomes evolve records', () => {
  it('records the reliability of an accepted bid: the bid’s, plus the in-kind gain, at most 0.99', () => {
    const proposed = { ...v4Proposal, kind: 'kinetic-impactor' as const, buildMonths: 18, flightMonths: 12, reliability: 0.9 };
    const groundStation: DomainEvent = { type: 'InKindContributed', missionId: 'mission-1', actorId: 'kenya', contribution: 'ground-station', reliabilityGain: 0.03 };
    const bid = (reliability: number): DomainEvent => ({ type: 'BidSubmitted', bidId: 'bid-1', missionId: 'mission-1', company: 'astra', priceMUsd: 450, buildMonths: 20, reliability });
    const accept = { type: 'AcceptBid', bidId: 'bid-1' } as const;
    const reliabilityOf = (t: ReturnType<ReturnType<typeof given>['when']>) => (t.decision.ok ? (t.decision.events[0] as EventOf<'BidAccepted'>).reliability : undefined);
    expect(reliabilityOf(given(...inDeliberation(), proposed, groundStation, bid(0.8)).when(accept, playerOf('usa')))).toBeCloseTo(0.83, 10);
    expect(reliabilityOf(given(...inDeliberation(), proposed, groundStation, bid(0.98)).when(accept, playerOf('usa')))).toBe(0.99);
    expect(reliabilityOf(given(...inDeliberation(), proposed, bid(0.8)).when(accept, playerOf('usa')))).toBe(0.8);
  });

  it('records the agreement status an answer leaves and the trust a refusal of assistance leaves', () => {
    const proposal: DomainEvent = { type: 'AgreementProposed', agreementId: 'agreement-1', kind: 'assistance', proposer: 'kenya', parties: ['usa', 'japan'], missionId: null, shares: {}, text: 'Help.', dueRound: null };
    given(...inDeliberation(), proposal)
      .when({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('usa'))
      .then({ type: 'AgreementResponded', agreementId: 'agreement-1', actorId: 'usa', accept: true, status: 'proposed' });
    given(...inDeliberation(), proposal)
      .when({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: false }, playerOf('usa'))
      .then(
        { type: 'AgreementResponded', agreementId: 'agreement-1', actorId: 'usa', accept: false, status: 'rejected' },
        { type: 'TrustChanged', changes: [{ from: 'kenya', to: 'usa', delta: -10, reason: 'refused assistance (agreement-1)', after: 40 }] },
      );
  });

  it('numbers fired injects in the order they fire', () => {
    given(...inDeliberation())
      .when({ type: 'PostInject', targets: 'all', persona: 'Press', channel: 'news', headline: 'Leak', body: 'A leak.' })
      .then({ type: 'InjectFired', injectId: 'adhoc-1', round: 1, targets: 'all', persona: 'Press', channel: 'news', headline: 'Leak', body: 'A leak.', controllerNote: null, trigger: 'ad-hoc', seq: 1 });
  });
});

describe('an event as rules v4 wrote it', () => {
  it('gets the catalogue’s kind, schedule and reliability, as v4 read them in evolve', () => {
    expect(stateAfter(v4Proposal).missions['mission-1']).toMatchObject({ kind: 'kinetic-impactor', buildMonths: 18, flightMonths: 12, reliability: 0.9 });
  });

  it('gets the bid’s reliability plus the in-kind gain, capped at 0.99, as v4 computed it in evolve', () => {
    const groundStation: DomainEvent = { type: 'InKindContributed', missionId: 'mission-1', actorId: 'kenya', contribution: 'ground-station', reliabilityGain: 0.03 };
    const bid: DomainEvent = { type: 'BidSubmitted', bidId: 'bid-1', missionId: 'mission-1', company: 'astra', priceMUsd: 450, buildMonths: 20, reliability: 0.98 };
    const state = stateAfter(v4Proposal, groundStation, bid, { type: 'BidAccepted', bidId: 'bid-1', missionId: 'mission-1', authorisingActor: 'usa' });
    expect(state.missions['mission-1']?.reliability).toBe(0.99);
  });

  it('gets its news texts, inject order, agreement status and trust as v4 computed them', () => {
    const state = stateAfter(
      { type: 'StatementPosted', newsId: 'n9', round: 1, actorId: 'kenya', actorName: 'Kenya', text: 'We ask for help.' },
      { type: 'InjectFired', injectId: 'adhoc-1', round: 1, targets: 'all', persona: 'Press', channel: 'news', headline: 'H', body: 'B', controllerNote: null, trigger: 'ad-hoc' },
      { type: 'AgreementProposed', agreementId: 'agreement-1', kind: 'assistance', proposer: 'kenya', parties: ['usa', 'japan'], missionId: null, shares: {}, text: 'Help.', dueRound: null },
      { type: 'AgreementResponded', agreementId: 'agreement-1', actorId: 'usa', accept: true },
      { type: 'TrustChanged', changes: [{ from: 'kenya', to: 'usa', delta: -60, reason: 'test' }] },
    );
    expect(state.news.at(-1)).toMatchObject({ headline: 'Statement by Kenya', body: 'We ask for help.' });
    expect(state.injects.at(-1)?.seq).toBe(state.injects.length);
    expect(state.agreements['agreement-1']?.status).toBe('proposed');
    expect(state.trust['kenya>usa']).toBe(0);
  });

  it('is upcast to carry its news texts when it was stored by rules before v5, and left alone when current', () => {
    const statement: DomainEvent = { type: 'StatementPosted', newsId: 'n9', round: 1, actorId: 'kenya', actorName: 'Kenya', text: 'We ask for help.' };
    expect(upcastEvent(statement, 4)).toEqual({ ...statement, headline: 'Statement by Kenya' });
    expect(upcastEvent(statement, RULES_VERSION)).toBe(statement);
    const smpag: DomainEvent = {
      type: 'SmpagOptionsPublished',
      newsId: 'n10',
      round: 1,
      options: [{ missionTypeId: 'ki-single', name: 'Kinetic impactor', costMUsd: 500, earliestArrival: '2034-01-01', nominalShiftKm: 1234.4, arrivesBeforeEncounter: true }],
    };
    expect(upcastEvent(smpag, 3)).toEqual({
      ...smpag,
      headline: 'SMPAG publishes mission options',
      body: 'Kinetic impactor (500 M USD): earliest arrival 2034-01-01, nominal shift 1234 km.',
    });
  });
});
