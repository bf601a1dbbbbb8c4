import { describe, expect, it } from 'vitest';
import { decide, legalCommands, type Command, type DomainEvent, type EventOf, type ParticipantRole, type SeatId } from '../../../shared/engine/index.js';
import {
  ACTOR_IDS,
  AT,
  FACILITATOR,
  Table,
  actorsSeated,
  facilitatorSeated,
  given,
  inOrdersPhase,
  joined,
  playerOf,
  roundStarted,
  scenario,
  seated,
  tableSeated,
  toOrdersPhase,
} from './given.js';

const join = (name: string, role: ParticipantRole = 'participant'): Command => ({ type: 'JoinExercise', name, role });
const claim = (seat: SeatId): Command => ({ type: 'ClaimSeat', seat });
const advance: Command = { type: 'AdvancePhase' };
const say = (to: 'public' | string[], text = 'We propose a joint campaign.'): Command => ({ type: 'SendMessage', to, text });
const submit = (observeMUsd: number, missionFunding: Record<string, number> = {}): Command => ({ type: 'SubmitOrders', orders: { observeMUsd, missionFunding } });
const ready = (value = true): Command => ({ type: 'SetReady', ready: value });

/** Incomes in 2031 KX, written out so a change to the scenario or the engine shows up here. */
const INCOME_2031_KX = { usa: 600, japan: 300, kenya: 50, bangladesh: 40, astra: 100, copuos: 20 };
const NO_SPENDING = Object.fromEntries(Object.keys(INCOME_2031_KX).map((id) => [id, { observeMUsd: 0, missionFunding: {} }]));

describe('JoinExercise', () => {
  it('records a new participant with their name and the role of the key they showed', () => {
    given().when(join('Ada'), 'p-ada').then(joined('p-ada', 'Ada', 'participant'));
    given().when(join('Fran', 'facilitator'), 'p-fran').then(joined('p-fran', 'Fran', 'facilitator'));
    given().when(join('Eve', 'evaluator'), 'p-eve').then(joined('p-eve', 'Eve', 'evaluator'));
  });

  it('rejects joining twice with participant/already_joined', () => {
    given(joined('p-ada', 'Ada')).when(join('Ada again'), 'p-ada').thenRejects('participant/already_joined');
  });

  it('lets a participant leave, which frees the seat they held', () => {
    const { state } = given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:usa'))
      .when({ type: 'LeaveExercise', reason: 'connection-lost' }, 'p-ada')
      .then({ type: 'ParticipantLeft', participantId: 'p-ada', reason: 'connection-lost', mootRequests: [] });
    expect(state.participants['p-ada']).toBeUndefined();
    given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:usa'), { type: 'ParticipantLeft', participantId: 'p-ada', reason: 'left' }, joined('p-bob', 'Bob'))
      .when(claim('actor:usa'), 'p-bob')
      .then(seated('p-bob', 'actor:usa'));
  });
});

describe('commands from someone who has not joined', () => {
  it.each<Command>([claim('actor:usa'), advance, say('public'), submit(0), ready(), { type: 'ReleaseSeat' }])(
    'rejects $type from an unknown participant with participant/unknown',
    (command) => {
      given(...tableSeated()).when(command, 'p-ghost').thenRejects('participant/unknown');
    },
  );
});

describe('ClaimSeat', () => {
  it('gives a free actor seat to the participant who claims it', () => {
    given(joined('p-ada', 'Ada')).when(claim('actor:usa'), 'p-ada').then(seated('p-ada', 'actor:usa'));
  });

  it('rejects a seat someone else holds with seat/taken, naming the holder', () => {
    const error = given(joined('p-ada', 'Ada Lovelace'), seated('p-ada', 'actor:usa'), joined('p-bob', 'Bob'))
      .when(claim('actor:usa'), 'p-bob')
      .thenRejects('seat/taken');
    expect(error.message).toContain('Ada Lovelace');
  });

  it('rejects the seat of an actor the scenario does not have with seat/unknown', () => {
    const error = given(joined('p-ada', 'Ada')).when(claim('actor:mars'), 'p-ada').thenRejects('seat/unknown');
    expect(error.message).toContain('mars');
  });

  it('rejects the facilitator seat for a participant who joined without the key with seat/not_authorised', () => {
    given(joined('p-ada', 'Ada', 'participant')).when(claim('facilitator'), 'p-ada').thenRejects('seat/not_authorised');
  });

  it('gives the facilitator seat to a participant who joined with the key', () => {
    given(joined('p-fran', 'Fran', 'facilitator')).when(claim('facilitator'), 'p-fran').then(seated('p-fran', 'facilitator'));
  });

  it('rejects a second seat with seat/already_seated', () => {
    given(joined('p-ada', 'Ada', 'facilitator'), seated('p-ada', 'actor:usa'))
      .when(claim('actor:japan'), 'p-ada')
      .thenRejects('seat/already_seated');
    given(joined('p-ada', 'Ada', 'facilitator'), seated('p-ada', 'actor:usa'))
      .when(claim('facilitator'), 'p-ada')
      .thenRejects('seat/already_seated');
  });

  it('treats claiming the seat one already holds as a no-op with no events', () => {
    given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:usa')).when(claim('actor:usa'), 'p-ada').then();
  });

  it('lets several participants watch from the display seat', () => {
    given(joined('p-a', 'A'), seated('p-a', 'display'), joined('p-b', 'B')).when(claim('display'), 'p-b').then(seated('p-b', 'display'));
  });
});

describe('ReleaseSeat', () => {
  it('frees the seat the participant holds, so another may take it', () => {
    const { state } = given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:kenya'))
      .when({ type: 'ReleaseSeat' }, 'p-ada')
      .then({ type: 'SeatReleased', participantId: 'p-ada', seat: 'actor:kenya', mootRequests: [] });
    expect(state.participants['p-ada']!.seat).toBeNull();
  });

  it('rejects releasing when one holds no seat with seat/none', () => {
    given(joined('p-ada', 'Ada')).when({ type: 'ReleaseSeat' }, 'p-ada').thenRejects('seat/none');
  });
});

describe('AdvancePhase', () => {
  it('starts round 1 from the lobby with its date, each actor\'s income and the round\'s news', () => {
    given(...tableSeated())
      .when(advance)
      .then(
        { type: 'RoundStarted', round: 1, date: '2031-03-10', title: 'Discovery', incomeMUsd: INCOME_2031_KX },
        {
          type: 'NewsPublished',
          newsId: 'n1',
          round: 1,
          headline: 'Survey telescope finds 2031 KX',
          body: expect.stringContaining('Minor Planet Center') as unknown as string,
        },
      );
  });

  it('moves a round from briefing to deliberation, then from deliberation to orders', () => {
    given(...tableSeated(), ...roundStarted(1))
      .when(advance)
      .then({ type: 'PhaseChanged', round: 1, from: 'briefing', to: 'deliberation' });
    given(...tableSeated(), ...roundStarted(1), toOrdersPhase(1)[0]!)
      .when(advance)
      .then({ type: 'PhaseChanged', round: 1, from: 'deliberation', to: 'orders' });
  });

  it('resolves the round from the orders phase, charging nothing to actors who gave no orders', () => {
    given(...inOrdersPhase())
      .when(advance)
      .then(
        expect.objectContaining({
          type: 'RoundResolved',
          round: 1,
          date: '2031-03-10',
          spentMUsd: NO_SPENDING,
          observeTotalMUsd: 0,
          deflectTotalMUsd: 0,
          // 80 000 km shrinks by the scenario's base 50 % with no extra funding.
          estimate: expect.objectContaining({ sigmaKm: expect.closeTo(80000 * (1 - scenario.observation.baseShrink), 6) }),
          missions: [],
          trueEncounterKm: 300,
          outcome: null,
          noiseZ: expect.any(Number),
          rngAfter: expect.any(Array),
        }) as DomainEvent,
      );
  });

  it('starts the next round, with fresh income and news, after a resolution', () => {
    const table = new Table();
    table.playRound();
    expect(table.state.phase).toBe('resolution');
    given(...table.events)
      .when(advance)
      .then(
        { type: 'RoundStarted', round: 2, date: '2031-09-01', title: 'Follow-up observations', incomeMUsd: INCOME_2031_KX },
        expect.objectContaining({ type: 'NewsPublished', newsId: 'n2', round: 2, headline: 'IAWN coordinates follow-up of 2031 KX' }) as DomainEvent,
        // The inject the scenario schedules for round 2 fires with the briefing, controller note and all.
        expect.objectContaining({ type: 'InjectFired', injectId: 'dual-use-worry', round: 2, targets: ['japan', 'bangladesh'], controllerNote: expect.any(String) }) as DomainEvent,
      );
  });

  it('ends the exercise with the drawn outcome after the last round has been resolved', () => {
    const table = new Table(undefined, facilitatorSeated());
    for (let round = 1; round <= 5; round++) table.playRound();
    const last = table.resolutions().at(-1)!;
    expect(last.round).toBe(5);
    expect(last.outcome?.kind).toBe('impact');
    given(...table.events)
      .when(advance)
      .then({ type: 'ExerciseEnded', reason: 'The last round has been played.', outcome: last.outcome });
  });

  it('walks a whole round in the order lobby → briefing → deliberation → orders → resolution', () => {
    const table = new Table();
    const phases: string[] = [table.state.phase];
    for (let i = 0; i < 5; i++) {
      table.advance();
      phases.push(table.state.phase);
    }
    expect(phases).toEqual(['lobby', 'briefing', 'deliberation', 'orders', 'resolution', 'briefing']);
    expect(table.state.round).toBe(2);
  });

  it('rejects an actor or an unseated participant advancing with role/not_facilitator', () => {
    given(...tableSeated()).when(advance, playerOf('usa')).thenRejects('role/not_facilitator');
    given(...tableSeated(), joined('p-new', 'New', 'facilitator')).when(advance, 'p-new').thenRejects('role/not_facilitator');
  });
});

describe('SendMessage', () => {
  const inBriefing = [...tableSeated(), ...roundStarted(1)];

  it('posts a public message from an actor under the actor\'s name', () => {
    given(...inBriefing)
      .when(say('public', 'Japan will match our contribution.'), playerOf('usa'))
      .then({
        type: 'MessagePosted',
        messageId: 'm1',
        round: 1,
        from: 'actor:usa',
        fromName: 'United States',
        to: 'public',
        text: 'Japan will match our contribution.',
        at: AT,
      });
  });

  it('numbers messages in the order they are posted', () => {
    const {
      events: [first],
    } = given(...inBriefing).when(say('public'), playerOf('usa')).then(expect.objectContaining({ messageId: 'm1' }) as DomainEvent);
    given(...inBriefing, first!)
      .when(say('public', 'Second.'), playerOf('japan'))
      .then(expect.objectContaining({ type: 'MessagePosted', messageId: 'm2', from: 'actor:japan' }) as DomainEvent);
  });

  it('sends a private message to its recipients sorted and without duplicates', () => {
    given(...inBriefing)
      .when(say(['kenya', 'bangladesh', 'kenya'], 'Consult us on the deflection direction.'), playerOf('usa'))
      .then(expect.objectContaining({ type: 'MessagePosted', from: 'actor:usa', to: ['bangladesh', 'kenya'] }) as DomainEvent);
  });

  it('rejects a private message addressed to oneself with message/to_self', () => {
    given(...inBriefing).when(say(['usa']), playerOf('usa')).thenRejects('message/to_self');
    given(...inBriefing).when(say(['japan', 'usa']), playerOf('usa')).thenRejects('message/to_self');
  });

  it('rejects a private message to an actor the scenario does not have with message/unknown_recipient', () => {
    const error = given(...inBriefing).when(say(['japan', 'atlantis']), playerOf('usa')).thenRejects('message/unknown_recipient');
    expect(error.message).toContain('atlantis');
  });

  it.each(['display', 'evaluator'] as const)('rejects any message from the %s seat with role/cannot_post', (seat) => {
    const events = [...inBriefing, joined('p-watcher', 'Watcher', 'facilitator'), seated('p-watcher', seat)];
    given(...events).when(say('public'), 'p-watcher').thenRejects('role/cannot_post');
    given(...events).when(say(['usa']), 'p-watcher').thenRejects('role/cannot_post');
  });

  it('rejects a message from a participant without a seat with role/cannot_post', () => {
    given(...inBriefing, joined('p-new', 'New')).when(say('public'), 'p-new').thenRejects('role/cannot_post');
  });

  it('lets the facilitator post publicly as Control', () => {
    given(...inBriefing)
      .when(say('public', 'Inject: a second observatory confirms the orbit.'))
      .then(expect.objectContaining({ type: 'MessagePosted', from: 'facilitator', fromName: 'Control', to: 'public' }) as DomainEvent);
  });

  it('rejects a private message from the facilitator with role/cannot_post', () => {
    given(...inBriefing).when(say(['usa'])).thenRejects('role/cannot_post');
  });
});

describe('SubmitOrders', () => {
  it('records an actor\'s secret orders for the round in the orders phase', () => {
    given(...inOrdersPhase())
      .when(submit(100), playerOf('usa'))
      .then({ type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 100, missionFunding: {} } });
  });

  it('accepts orders that spend exactly the whole budget', () => {
    given(...inOrdersPhase())
      .when(submit(600), playerOf('usa'))
      .then({ type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 600, missionFunding: {} } });
  });

  it('rejects orders outside the orders phase with phase/not_orders, naming the current phase', () => {
    given(...tableSeated()).when(submit(0), playerOf('usa')).thenRejects('phase/not_orders');
    const error = given(...tableSeated(), ...roundStarted(1)).when(submit(0), playerOf('usa')).thenRejects('phase/not_orders');
    expect(error.message).toContain('briefing');
  });

  it('rejects orders that cost more than the budget with orders/over_budget, giving both amounts', () => {
    const error = given(...inOrdersPhase()).when(submit(700), playerOf('usa')).thenRejects('orders/over_budget');
    expect(error.message).toContain('700 M USD');
    expect(error.message).toContain('600 M USD');
  });

  it('rejects new orders from an actor marked ready with orders/already_ready', () => {
    given(
      ...inOrdersPhase(),
      { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 10, missionFunding: {} } },
      { type: 'ReadinessChanged', actorId: 'usa', ready: true },
    )
      .when(submit(20), playerOf('usa'))
      .thenRejects('orders/already_ready');
  });

  it('rejects orders from the facilitator with role/not_actor', () => {
    given(...inOrdersPhase()).when(submit(0)).thenRejects('role/not_actor');
  });
});

describe('SetReady', () => {
  const usaOrders: EventOf<'OrdersSubmitted'> = { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 100, missionFunding: {} } };

  it('rejects readiness before any orders with orders/none_submitted', () => {
    given(...inOrdersPhase()).when(ready(), playerOf('usa')).thenRejects('orders/none_submitted');
  });

  it('marks an actor ready without resolving while other seated actors are not', () => {
    given(...inOrdersPhase(['usa', 'japan']), usaOrders)
      .when(ready(), playerOf('usa'))
      .then({ type: 'ReadinessChanged', actorId: 'usa', ready: true });
  });

  it('resolves the round when the last seated actor marks itself ready', () => {
    given(
      ...inOrdersPhase(['usa', 'japan']),
      usaOrders,
      { type: 'ReadinessChanged', actorId: 'usa', ready: true },
      { type: 'OrdersSubmitted', actorId: 'japan', round: 1, orders: { observeMUsd: 50, missionFunding: {} } },
    )
      .when(ready(), playerOf('japan'))
      .then(
        { type: 'ReadinessChanged', actorId: 'japan', ready: true },
        expect.objectContaining({
          type: 'RoundResolved',
          round: 1,
          spentMUsd: { ...NO_SPENDING, usa: { observeMUsd: 100, missionFunding: {} }, japan: { observeMUsd: 50, missionFunding: {} } },
          observeTotalMUsd: 150,
          deflectTotalMUsd: 0,
        }) as DomainEvent,
      );
  });

  it('does not wait for actors whose seat nobody holds', () => {
    // Only the United States is seated: its readiness alone resolves the round.
    const { events } = given(...inOrdersPhase(['usa']), usaOrders).when(ready(), playerOf('usa')).then(
      { type: 'ReadinessChanged', actorId: 'usa', ready: true },
      expect.objectContaining({ type: 'RoundResolved', round: 1 }) as DomainEvent,
    );
    expect(events).toHaveLength(2);
  });

  it('withdraws readiness, and setting the readiness one already has changes nothing', () => {
    const isReady = [...inOrdersPhase(['usa', 'japan']), usaOrders, { type: 'ReadinessChanged', actorId: 'usa', ready: true } as DomainEvent];
    given(...isReady).when(ready(false), playerOf('usa')).then({ type: 'ReadinessChanged', actorId: 'usa', ready: false });
    given(...isReady).when(ready(true), playerOf('usa')).then();
  });

  it('rejects readiness outside the orders phase with phase/not_orders', () => {
    given(...tableSeated(), ...roundStarted(1)).when(ready(), playerOf('usa')).thenRejects('phase/not_orders');
  });
});

describe('EndExercise', () => {
  it('lets the facilitator end the exercise early, with no outcome', () => {
    const { state } = given(...tableSeated(), ...roundStarted(1))
      .when({ type: 'EndExercise', reason: 'Time is up.' })
      .then({ type: 'ExerciseEnded', reason: 'Time is up.', outcome: null });
    expect(state.phase).toBe('ended');
    expect(state.endReason).toBe('Time is up.');
  });

  it('rejects ending the exercise by an actor with role/not_facilitator', () => {
    given(...tableSeated()).when({ type: 'EndExercise', reason: 'We give up.' }, playerOf('kenya')).thenRejects('role/not_facilitator');
  });
});

describe('after the exercise has ended', () => {
  const ended: DomainEvent[] = [
    ...facilitatorSeated(),
    ...actorsSeated(['usa']),
    joined('p-free', 'Free', 'facilitator'),
    ...roundStarted(1),
    ...toOrdersPhase(1),
    { type: 'ExerciseEnded', reason: 'Time is up.', outcome: null },
  ];
  const cases: [string, Command, string][] = [
    ['ClaimSeat', claim('actor:kenya'), 'p-free'],
    ['ReleaseSeat', { type: 'ReleaseSeat' }, playerOf('usa')],
    ['AdvancePhase', advance, FACILITATOR],
    ['SendMessage', say('public'), playerOf('usa')],
    ['SubmitOrders', submit(0), playerOf('usa')],
    ['SetReady', ready(), playerOf('usa')],
    ['EndExercise', { type: 'EndExercise', reason: 'Again.' }, FACILITATOR],
  ];
  it.each(cases)('rejects %s with exercise/ended', (_name, command, participantId) => {
    given(...ended).when(command, participantId).thenRejects('exercise/ended');
  });

  it('still lets a participant leave', () => {
    given(...ended)
      .when({ type: 'LeaveExercise', reason: 'left' }, playerOf('usa'))
      .then({ type: 'ParticipantLeft', participantId: playerOf('usa'), reason: 'left', mootRequests: [] });
  });
});

describe('once the encounter has been played (the last round resolved, the exercise not yet ended)', () => {
  // A table that watched the asteroid arrive: the threshold-driven UN moves are still open at the
  // last resolution (no one issued them), and the states still have the money to evacuate.
  const table = new Table();
  for (let round = 1; round <= 5; round++) table.playRound();
  const cases: [string, Command, string][] = [
    ['an evacuation', { type: 'OrderEvacuation', level: 'evacuate' }, playerOf('kenya')],
    ['sheltering in place', { type: 'OrderEvacuation', level: 'shelter' }, playerOf('bangladesh')],
    ['withholding tracking data', { type: 'ShareTrackingData', share: false }, playerOf('usa')],
    ['the IAWN notification', { type: 'IssueIawnNotification' }, playerOf('copuos')],
    ['convening SMPAG', { type: 'ConveneSmpag' }, playerOf('copuos')],
  ];
  it.each(cases)('refuses %s with encounter/played, which could no longer change anything', (_name, command, participantId) => {
    expect(table.state.outcome).not.toBeNull();
    given(...table.events).when(command, participantId).thenRejects('encounter/played');
  });

  it('no longer offers those moves to any seat, so no button invites them', () => {
    for (const actorId of ['usa', 'kenya', 'bangladesh', 'copuos']) {
      expect(legalCommands(table.state, playerOf(actorId)).commands).toEqual(['ReleaseSeat', 'SendMessage', 'PostStatement']);
    }
  });

  it('still lets the table talk and the facilitator end the exercise', () => {
    given(...table.events).when(say('public', 'What now?'), playerOf('kenya')).then(expect.objectContaining({ type: 'MessagePosted' }) as never);
    given(...table.events).when(advance).then(expect.objectContaining({ type: 'ExerciseEnded' }) as never);
  });
});

// A defect found in shared/engine while writing these tests. These were `it.fails` until fixed; they keep the suite
// green while it stands and turns red once it is fixed: then make it a plain `it`.
describe('fixed defects, kept as regression tests', () => {
  it('rejects the evaluator seat, which sees the hidden truth and every secret, for a participant without the key', () => {
    // claimSeat guards only 'facilitator', yet isControlSeat gives 'evaluator' the whole control view.
    given(joined('p-ada', 'Ada', 'participant')).when(claim('evaluator'), 'p-ada').thenRejects('seat/not_authorised');
  });
});

// ---------------------------------------------------------------- engine v2: missions, evacuation, notification, statements

/** The table is seated and round 1 is in its deliberation phase. */
const inDeliberation = (): DomainEvent[] => [...tableSeated(), ...roundStarted(1), toOrdersPhase(1)[0]!];
const proposeMission = (missionTypeId: string, providerId: string, direction: 'toward-start' | 'toward-end' = 'toward-end'): Command => ({
  type: 'ProposeMission',
  missionTypeId,
  direction,
  providerId,
});
/** The USA's own impactor, proposed in round 1. */
const usaImpactor: EventOf<'MissionProposed'> = {
  type: 'MissionProposed',
  missionId: 'mission-1',
  typeId: 'ki-single',
  name: 'Kinetic impactor (United States)',
  lead: 'usa',
  provider: 'usa',
  direction: 'toward-end',
  costMUsd: 500,
  authorisingActor: null,
  kind: 'kinetic-impactor',
  buildMonths: 18,
  flightMonths: 12,
  reliability: 0.9,
};
/** Astra's own reconnaissance probe, which needs the USA's authorisation (OST art. VI). */
const astraProbe: EventOf<'MissionProposed'> = {
  type: 'MissionProposed',
  missionId: 'mission-1',
  typeId: 'recon',
  name: 'Reconnaissance flyby (Astra Dynamics)',
  lead: 'astra',
  provider: 'astra',
  direction: 'toward-end',
  costMUsd: 300,
  authorisingActor: 'usa',
  kind: 'reconnaissance',
  buildMonths: 18,
  flightMonths: 10,
  reliability: 0.95,
};

describe('ProposeMission', () => {
  it('lets a space-faring state lead a mission its own agency flies', () => {
    given(...inDeliberation()).when(proposeMission('ki-single', 'usa'), playerOf('usa')).then(usaImpactor);
  });

  it('lets a space-faring state hire a company, whose state must then authorise it', () => {
    given(...inDeliberation())
      .when(proposeMission('ki-single', 'astra', 'toward-start'), playerOf('japan'))
      .then({ ...usaImpactor, name: 'Kinetic impactor (Japan)', lead: 'japan', provider: 'astra', direction: 'toward-start', authorisingActor: 'usa' });
  });

  it('lets a company propose a mission it flies itself, naming the state that must authorise it', () => {
    given(...inDeliberation()).when(proposeMission('recon', 'astra'), playerOf('astra')).then(astraProbe);
  });

  it('numbers missions in the order they are proposed', () => {
    given(...inDeliberation(), usaImpactor)
      .when(proposeMission('recon', 'japan'), playerOf('japan'))
      .then(expect.objectContaining({ type: 'MissionProposed', missionId: 'mission-2', lead: 'japan' }) as DomainEvent);
  });

  it('rejects a non-space-faring state, the UN body, the facilitator and an unseated participant with the right codes', () => {
    given(...inDeliberation()).when(proposeMission('ki-single', 'astra'), playerOf('kenya')).thenRejects('mission/not_capable');
    given(...inDeliberation()).when(proposeMission('ki-single', 'astra'), playerOf('copuos')).thenRejects('mission/not_capable');
    given(...inDeliberation()).when(proposeMission('ki-single', 'usa')).thenRejects('role/not_actor');
    given(...inDeliberation(), joined('p-new', 'New')).when(proposeMission('ki-single', 'usa'), 'p-new').thenRejects('role/not_actor');
  });

  it('rejects a provider that is another state, or a company flying for someone else\'s proposal, with mission/bad_provider', () => {
    // Japan can launch, but the USA cannot make Japan's agency fly its mission.
    given(...inDeliberation()).when(proposeMission('ki-single', 'japan'), playerOf('usa')).thenRejects('mission/bad_provider');
    given(...inDeliberation()).when(proposeMission('ki-single', 'kenya'), playerOf('usa')).thenRejects('mission/bad_provider');
    // A company proposes only missions it flies itself.
    given(...inDeliberation()).when(proposeMission('ki-single', 'usa'), playerOf('astra')).thenRejects('mission/bad_provider');
  });

  it('rejects a provider the scenario does not have with mission/unknown_provider', () => {
    given(...inDeliberation()).when(proposeMission('ki-single', 'spacey'), playerOf('usa')).thenRejects('mission/unknown_provider');
  });

  it('rejects an unknown mission type with mission/unknown_type, listing the catalogue', () => {
    const error = given(...inDeliberation()).when(proposeMission('death-star', 'usa'), playerOf('usa')).thenRejects('mission/unknown_type');
    expect(error.message).toContain('recon, ki-single, ki-campaign');
  });

  it('rejects a proposal in the briefing with phase/closed', () => {
    given(...tableSeated(), ...roundStarted(1)).when(proposeMission('ki-single', 'usa'), playerOf('usa')).thenRejects('phase/closed');
  });
});

describe('AuthoriseMission', () => {
  it('lets the company\'s state of nationality grant or refuse the authorisation', () => {
    const { state } = given(...inDeliberation(), astraProbe)
      .when({ type: 'AuthoriseMission', missionId: 'mission-1', granted: true }, playerOf('usa'))
      .then({ type: 'MissionAuthorised', missionId: 'mission-1', by: 'usa', granted: true });
    expect(state.missions['mission-1']!.authorised).toBe(true);
    given(...inDeliberation(), astraProbe)
      .when({ type: 'AuthoriseMission', missionId: 'mission-1', granted: false }, playerOf('usa'))
      .then({ type: 'MissionAuthorised', missionId: 'mission-1', by: 'usa', granted: false });
  });

  it('rejects authorisation by any other actor, the company itself included, with mission/not_authoriser', () => {
    for (const actorId of ['japan', 'kenya', 'astra', 'copuos']) {
      given(...inDeliberation(), astraProbe).when({ type: 'AuthoriseMission', missionId: 'mission-1', granted: true }, playerOf(actorId)).thenRejects('mission/not_authoriser');
    }
  });

  it('rejects authorising a state\'s own mission, which needs none, with mission/not_authoriser', () => {
    given(...inDeliberation(), usaImpactor).when({ type: 'AuthoriseMission', missionId: 'mission-1', granted: true }, playerOf('usa')).thenRejects('mission/not_authoriser');
  });

  it('rejects an unknown mission with mission/unknown', () => {
    given(...inDeliberation()).when({ type: 'AuthoriseMission', missionId: 'mission-9', granted: true }, playerOf('usa')).thenRejects('mission/unknown');
  });
});

describe('LaunchMission', () => {
  /** The USA's impactor, funded in round 1, is ready after round 2 (18 months of building); round 3 is in deliberation. */
  function readyImpactor(): Table {
    const table = new Table();
    table.toPhase('deliberation');
    const id = table.propose('usa', 'ki-single');
    table.playRound({ usa: [0, { [id]: 500 }] });
    table.playRound();
    table.toPhase('deliberation');
    return table;
  }

  it('lets the lead order the launch of a ready mission, which flies at the resolution', () => {
    const table = readyImpactor();
    expect(table.state.missions['mission-1']!.status).toBe('ready');
    given(...table.events)
      .when({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa'))
      .then({ type: 'MissionLaunchOrdered', missionId: 'mission-1', round: 3 });
    table.do({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa'));
    expect(table.state.missions['mission-1']!.status).toBe('launch-ordered');
    const launch = table.playRound().missions[0]!;
    expect(launch.change).toMatch(/^launch(ed|-failed)$/);
  });

  it('rejects a launch by anyone but the lead, contributors included, with mission/not_lead', () => {
    given(...readyImpactor().events).when({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('japan')).thenRejects('mission/not_lead');
  });

  it('rejects the launch of a mission still being funded or built with mission/not_ready, saying where it stands', () => {
    const error = given(...inDeliberation(), usaImpactor).when({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa')).thenRejects('mission/not_ready');
    expect(error.message).toContain('0 of 500 M USD funded');
    const table = new Table();
    table.toPhase('deliberation');
    table.propose('usa', 'ki-single');
    table.playRound({ usa: [0, { 'mission-1': 500 }] });
    table.toPhase('deliberation');
    expect(table.state.missions['mission-1']!.status).toBe('building');
    expect(table.try({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa'))).toMatchObject({ ok: false, error: { code: 'mission/not_ready' } });
  });

  it('rejects launching twice with mission/not_ready', () => {
    const table = readyImpactor();
    table.do({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa'));
    expect(table.try({ type: 'LaunchMission', missionId: 'mission-1' }, playerOf('usa'))).toMatchObject({ ok: false, error: { code: 'mission/not_ready' } });
  });
});

describe('mission funding', () => {
  it('accepts a pledge to a mission still being funded, counted against the budget with observation', () => {
    given(...inOrdersPhase(), usaImpactor)
      .when(submit(100, { 'mission-1': 500 }), playerOf('usa'))
      .then({ type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 100, missionFunding: { 'mission-1': 500 } } });
  });

  it('rejects orders whose observation and mission funding together exceed the budget with orders/over_budget', () => {
    const error = given(...inOrdersPhase(), usaImpactor).when(submit(200, { 'mission-1': 450 }), playerOf('usa')).thenRejects('orders/over_budget');
    expect(error.message).toContain('650 M USD');
    expect(error.message).toContain('600 M USD');
  });

  it('rejects funding for a mission that does not exist with mission/unknown', () => {
    given(...inOrdersPhase()).when(submit(0, { 'mission-4': 10 }), playerOf('usa')).thenRejects('mission/unknown');
  });

  it('pays a mission only what it still lacks, in actor order, and leaves the rest of each pledge in the budget', () => {
    const table = new Table();
    table.toPhase('deliberation');
    const id = table.propose('usa', 'ki-single');
    // 400 + 290 pledged to a 500 M USD mission: the USA (first in the scenario) pays 400, Japan only the 100 still lacking.
    const resolved = table.playRound({ usa: [0, { [id]: 400 }], japan: [10, { [id]: 290 }], kenya: [0, { [id]: 50 }] });
    expect(resolved.spentMUsd['usa']).toEqual({ observeMUsd: 0, missionFunding: { [id]: 400 } });
    expect(resolved.spentMUsd['japan']).toEqual({ observeMUsd: 10, missionFunding: { [id]: 100 } });
    expect(resolved.spentMUsd['kenya']).toEqual({ observeMUsd: 0, missionFunding: {} });
    expect(resolved.deflectTotalMUsd).toBe(500);
    expect(table.state.actors['japan']).toMatchObject({ balanceMUsd: 190, totalSpentMUsd: 110 });
    expect(table.state.actors['kenya']).toMatchObject({ balanceMUsd: 50, totalSpentMUsd: 0 });
    expect(table.state.missions[id]).toMatchObject({ status: 'building', fundedMUsd: 500, contributions: { usa: 400, japan: 100 } });
  });

  it('keeps a mission proposed across rounds until its funding is complete', () => {
    const table = new Table();
    table.toPhase('deliberation');
    const id = table.propose('usa', 'ki-single');
    table.playRound({ usa: [0, { [id]: 300 }] });
    expect(table.state.missions[id]).toMatchObject({ status: 'proposed', fundedMUsd: 300 });
    table.playRound({ japan: [0, { [id]: 300 }] });
    expect(table.state.missions[id]).toMatchObject({ status: 'building', fundedMUsd: 500, contributions: { usa: 300, japan: 200 } });
  });

  it('rejects funding for a mission already fully funded with mission/fully_funded', () => {
    const table = new Table();
    table.toPhase('deliberation');
    const id = table.propose('usa', 'ki-single');
    table.playRound({ usa: [0, { [id]: 500 }] });
    table.toPhase('orders');
    expect(table.try(submit(0, { [id]: 10 }), playerOf('japan'))).toMatchObject({ ok: false, error: { code: 'mission/fully_funded' } });
  });
});

describe('OrderEvacuation', () => {
  it('lets a state order the evacuation of its territory at risk, charging its cost at once', () => {
    const { state } = given(...inDeliberation())
      .when({ type: 'OrderEvacuation' }, playerOf('usa'))
      .then({ type: 'EvacuationOrdered', actorId: 'usa', round: 1, costMUsd: 150 });
    expect(state.evacuations).toEqual({ usa: 1 });
    expect(state.actors['usa']).toMatchObject({ balanceMUsd: 450, totalSpentMUsd: 150 });
  });

  it('lets a non-space-faring state evacuate too, in any phase of a round', () => {
    const table = new Table();
    table.playRound();
    table.playRound();
    table.advance(); // round 3 briefing: Kenya has received 150 M USD
    given(...table.events).when({ type: 'OrderEvacuation' }, playerOf('kenya')).then({ type: 'EvacuationOrdered', actorId: 'kenya', round: 3, costMUsd: 150 });
  });

  it('rejects an evacuation the state cannot pay for with orders/over_budget', () => {
    given(...inDeliberation()).when({ type: 'OrderEvacuation' }, playerOf('kenya')).thenRejects('orders/over_budget');
  });

  it('rejects a second order with evacuation/already_ordered', () => {
    given(...inDeliberation(), { type: 'EvacuationOrdered', actorId: 'usa', round: 1, costMUsd: 150 })
      .when({ type: 'OrderEvacuation' }, playerOf('usa'))
      .thenRejects('evacuation/already_ordered');
  });

  it('rejects a company, the UN body and the facilitator with role/not_state', () => {
    for (const p of [playerOf('astra'), playerOf('copuos'), FACILITATOR]) given(...inDeliberation()).when({ type: 'OrderEvacuation' }, p).thenRejects('role/not_state');
  });

  it('rejects an evacuation before the exercise has begun with exercise/not_started', () => {
    given(...tableSeated()).when({ type: 'OrderEvacuation' }, playerOf('usa')).thenRejects('exercise/not_started');
  });
});

describe('IssueIawnNotification', () => {
  it('lets the UN body issue the notification above 1%, as news with the probability', () => {
    const g = given(...inDeliberation());
    const p = g.state.estimate.impactProbability;
    expect(p).toBeGreaterThan(0.01);
    const { state } = g.when({ type: 'IssueIawnNotification' }, playerOf('copuos')).then({
      type: 'IawnNotificationIssued',
      newsId: 'n2',
      round: 1,
      impactProbability: p,
      headline: 'IAWN issues an impact notification for 2031 KX',
      body: expect.stringContaining(`${(p * 100).toFixed(1)}% probability of striking the Earth on 2038-09-21`) as unknown as string,
    });
    expect(state.iawnNotified).toBe(true);
    expect(state.news.at(-1)!.headline).toBe('IAWN issues an impact notification for 2031 KX');
  });

  it('rejects the notification when the probability is not above 1% with iawn/below_threshold', () => {
    const { state } = given(...inDeliberation());
    const low = { ...state, estimate: { ...state.estimate, impactProbability: 0.01 } };
    const decision = decide(low, { type: 'IssueIawnNotification' }, { participantId: playerOf('copuos'), at: AT });
    expect(decision).toMatchObject({ ok: false, error: { code: 'iawn/below_threshold' } });
    if (!decision.ok) expect(decision.error.message).toContain('1.00%');
  });

  it('rejects a second notification with iawn/already_issued', () => {
    const { events } = given(...inDeliberation()).when({ type: 'IssueIawnNotification' }, playerOf('copuos')).then(expect.anything() as DomainEvent);
    given(...inDeliberation(), ...events).when({ type: 'IssueIawnNotification' }, playerOf('copuos')).thenRejects('iawn/already_issued');
  });

  it('rejects the notification from a state or a company with role/not_un', () => {
    for (const id of ['usa', 'kenya', 'astra']) given(...inDeliberation()).when({ type: 'IssueIawnNotification' }, playerOf(id)).thenRejects('role/not_un');
  });
});

describe('PostStatement', () => {
  it('publishes an actor\'s statement as news under its name', () => {
    const { state } = given(...inDeliberation())
      .when({ type: 'PostStatement', text: 'Kenya will not be moved around like a chess piece.' }, playerOf('kenya'))
      .then({
        type: 'StatementPosted',
        newsId: 'n2',
        round: 1,
        actorId: 'kenya',
        actorName: 'Kenya',
        text: 'Kenya will not be moved around like a chess piece.',
        headline: 'Statement by Kenya',
      });
    expect(state.news.at(-1)).toEqual({ id: 'n2', round: 1, headline: 'Statement by Kenya', body: 'Kenya will not be moved around like a chess piece.' });
  });

  it('rejects a statement from the facilitator or a participant without a seat with role/not_actor', () => {
    given(...inDeliberation()).when({ type: 'PostStatement', text: 'Hello.' }).thenRejects('role/not_actor');
  });

  it('rejects a statement in the lobby with exercise/not_started', () => {
    given(...tableSeated()).when({ type: 'PostStatement', text: 'Too early.' }, playerOf('usa')).thenRejects('exercise/not_started');
  });
});

describe('a participant leaving while the round waits in the orders phase', () => {
  const othersReady = (except: string) =>
    ACTOR_IDS.filter((id) => id !== except).flatMap((actorId): DomainEvent[] => [
      { type: 'OrdersSubmitted', actorId, round: 1, orders: { observeMUsd: 0, missionFunding: {} } },
      { type: 'ReadinessChanged', actorId, ready: true },
    ]);

  it('resolves the round when the seat it waited for is released and everyone still seated is ready', () => {
    const { decision } = given(...inOrdersPhase(), ...othersReady('kenya')).when({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya'));
    if (!decision.ok) throw new Error(decision.error.message);
    expect(decision.events[0]).toEqual({ type: 'ParticipantLeft', participantId: playerOf('kenya'), reason: 'connection-lost', mootRequests: [] });
    expect(decision.events.map((e) => e.type)).toContain('RoundResolved');
  });

  it('keeps waiting when someone still seated is not ready, or while play is paused', () => {
    const notAllReady = othersReady('kenya').filter((e) => !(e.type === 'ReadinessChanged' && e.actorId === 'usa'));
    given(...inOrdersPhase(), ...notAllReady)
      .when({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya'))
      .then({ type: 'ParticipantLeft', participantId: playerOf('kenya'), reason: 'connection-lost', mootRequests: [] });
    given(...inOrdersPhase(), ...othersReady('kenya'), { type: 'ExercisePaused' })
      .when({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya'))
      .then({ type: 'ParticipantLeft', participantId: playerOf('kenya'), reason: 'connection-lost', mootRequests: [] });
  });
});
