import { describe, expect, it } from 'vitest';
import type { Command, DomainEvent, EventOf, SeatId } from '../../../shared/engine/index.js';
import {
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
  seated,
  tableSeated,
  toOrdersPhase,
} from './given.js';

const join = (name: string, controller = false): Command => ({ type: 'JoinExercise', name, controller });
const claim = (seat: SeatId): Command => ({ type: 'ClaimSeat', seat });
const advance: Command = { type: 'AdvancePhase' };
const say = (to: 'public' | string[], text = 'We propose a joint campaign.'): Command => ({ type: 'SendMessage', to, text });
const submit = (observeMUsd: number, deflectMUsd: number): Command => ({ type: 'SubmitOrders', orders: { observeMUsd, deflectMUsd } });
const ready = (value = true): Command => ({ type: 'SetReady', ready: value });

/** Incomes in 2031 KX, written out so a change to the scenario or the engine shows up here. */
const INCOME_2031_KX = { usa: 600, japan: 300, kenya: 50, bangladesh: 40, astra: 100, copuos: 20 };
const NO_SPENDING = Object.fromEntries(Object.keys(INCOME_2031_KX).map((id) => [id, { observeMUsd: 0, deflectMUsd: 0 }]));

describe('JoinExercise', () => {
  it('records a new participant with their name and whether they showed the facilitator key', () => {
    given().when(join('Ada'), 'p-ada').then(joined('p-ada', 'Ada', false));
    given().when(join('Fran', true), 'p-fran').then(joined('p-fran', 'Fran', true));
  });

  it('rejects joining twice with participant/already_joined', () => {
    given(joined('p-ada', 'Ada')).when(join('Ada again'), 'p-ada').thenRejects('participant/already_joined');
  });

  it('lets a participant leave, which frees the seat they held', () => {
    const { state } = given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:usa'))
      .when({ type: 'LeaveExercise', reason: 'connection-lost' }, 'p-ada')
      .then({ type: 'ParticipantLeft', participantId: 'p-ada', reason: 'connection-lost' });
    expect(state.participants['p-ada']).toBeUndefined();
    given(joined('p-ada', 'Ada'), seated('p-ada', 'actor:usa'), { type: 'ParticipantLeft', participantId: 'p-ada', reason: 'left' }, joined('p-bob', 'Bob'))
      .when(claim('actor:usa'), 'p-bob')
      .then(seated('p-bob', 'actor:usa'));
  });
});

describe('commands from someone who has not joined', () => {
  it.each<Command>([claim('actor:usa'), advance, say('public'), submit(0, 0), ready(), { type: 'ReleaseSeat' }])(
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
    given(joined('p-ada', 'Ada', false)).when(claim('facilitator'), 'p-ada').thenRejects('seat/not_authorised');
  });

  it('gives the facilitator seat to a participant who joined with the key', () => {
    given(joined('p-fran', 'Fran', true)).when(claim('facilitator'), 'p-fran').then(seated('p-fran', 'facilitator'));
  });

  it('rejects a second seat with seat/already_seated', () => {
    given(joined('p-ada', 'Ada', true), seated('p-ada', 'actor:usa'))
      .when(claim('actor:japan'), 'p-ada')
      .thenRejects('seat/already_seated');
    given(joined('p-ada', 'Ada', true), seated('p-ada', 'actor:usa'))
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
      .then({ type: 'SeatReleased', participantId: 'p-ada', seat: 'actor:kenya' });
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
          // 80 000 km shrinks by the base 40 % with no extra funding.
          estimate: expect.objectContaining({ sigmaKm: expect.closeTo(48000, 6) }),
          campaignPooledMUsd: 0,
          campaignLaunched: false,
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
    given(...tableSeated(), joined('p-new', 'New', true)).when(advance, 'p-new').thenRejects('role/not_facilitator');
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
    const events = [...inBriefing, joined('p-watcher', 'Watcher', true), seated('p-watcher', seat)];
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
      .when(submit(100, 250), playerOf('usa'))
      .then({ type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 100, deflectMUsd: 250 } });
  });

  it('accepts orders that spend exactly the whole budget', () => {
    given(...inOrdersPhase())
      .when(submit(0, 600), playerOf('usa'))
      .then({ type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 0, deflectMUsd: 600 } });
  });

  it('rejects orders outside the orders phase with phase/not_orders, naming the current phase', () => {
    given(...tableSeated()).when(submit(0, 0), playerOf('usa')).thenRejects('phase/not_orders');
    const error = given(...tableSeated(), ...roundStarted(1)).when(submit(0, 0), playerOf('usa')).thenRejects('phase/not_orders');
    expect(error.message).toContain('briefing');
  });

  it('rejects orders that cost more than the budget with orders/over_budget, giving both amounts', () => {
    const error = given(...inOrdersPhase()).when(submit(400, 300), playerOf('usa')).thenRejects('orders/over_budget');
    expect(error.message).toContain('700 M USD');
    expect(error.message).toContain('600 M USD');
  });

  it('rejects new orders from an actor marked ready with orders/already_ready', () => {
    given(
      ...inOrdersPhase(),
      { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 10, deflectMUsd: 0 } },
      { type: 'ReadinessChanged', actorId: 'usa', ready: true },
    )
      .when(submit(20, 0), playerOf('usa'))
      .thenRejects('orders/already_ready');
  });

  it('rejects orders from the facilitator with role/not_actor', () => {
    given(...inOrdersPhase()).when(submit(0, 0)).thenRejects('role/not_actor');
  });
});

describe('SetReady', () => {
  const usaOrders: EventOf<'OrdersSubmitted'> = { type: 'OrdersSubmitted', actorId: 'usa', round: 1, orders: { observeMUsd: 100, deflectMUsd: 200 } };

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
      { type: 'OrdersSubmitted', actorId: 'japan', round: 1, orders: { observeMUsd: 50, deflectMUsd: 0 } },
    )
      .when(ready(), playerOf('japan'))
      .then(
        { type: 'ReadinessChanged', actorId: 'japan', ready: true },
        expect.objectContaining({
          type: 'RoundResolved',
          round: 1,
          spentMUsd: { ...NO_SPENDING, usa: { observeMUsd: 100, deflectMUsd: 200 }, japan: { observeMUsd: 50, deflectMUsd: 0 } },
          observeTotalMUsd: 150,
          deflectTotalMUsd: 200,
          campaignPooledMUsd: 200,
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
    joined('p-free', 'Free', true),
    ...roundStarted(1),
    ...toOrdersPhase(1),
    { type: 'ExerciseEnded', reason: 'Time is up.', outcome: null },
  ];
  const cases: [string, Command, string][] = [
    ['ClaimSeat', claim('actor:kenya'), 'p-free'],
    ['ReleaseSeat', { type: 'ReleaseSeat' }, playerOf('usa')],
    ['AdvancePhase', advance, FACILITATOR],
    ['SendMessage', say('public'), playerOf('usa')],
    ['SubmitOrders', submit(0, 0), playerOf('usa')],
    ['SetReady', ready(), playerOf('usa')],
    ['EndExercise', { type: 'EndExercise', reason: 'Again.' }, FACILITATOR],
  ];
  it.each(cases)('rejects %s with exercise/ended', (_name, command, participantId) => {
    given(...ended).when(command, participantId).thenRejects('exercise/ended');
  });

  it('still lets a participant leave', () => {
    given(...ended)
      .when({ type: 'LeaveExercise', reason: 'left' }, playerOf('usa'))
      .then({ type: 'ParticipantLeft', participantId: playerOf('usa'), reason: 'left' });
  });
});

// A defect found in shared/engine while writing these tests. `it.fails` keeps the suite
// green while it stands and turns red once it is fixed: then make it a plain `it`.
describe('fixed defects, kept as regression tests', () => {
  it('rejects the evaluator seat, which sees the hidden truth and every secret, for a participant without the key', () => {
    // claimSeat guards only 'facilitator', yet isControlSeat gives 'evaluator' the whole control view.
    given(joined('p-ada', 'Ada', false)).when(claim('evaluator'), 'p-ada').thenRejects('seat/not_authorised');
  });
});
