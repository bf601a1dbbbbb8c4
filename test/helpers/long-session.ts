// The table of a long conference session, played through real clients: the control cell, an
// evaluator, the projector and actors in their seats, rounds full of public talk, injects and
// agreements. Shared by the long-session integration test and the wire benchmark.
import type { SeatId } from '../../shared/engine/index.js';
import type { AcceptedMessage, CreateExerciseResponse, RejectedMessage } from '../../shared/protocol.js';
import { TestPlayer } from './server.js';

export interface LongTable {
  facilitator: TestPlayer;
  evaluator: TestPlayer;
  display: TestPlayer;
  actors: Map<string, TestPlayer>;
  /** Every client with the seat it holds. */
  seats: Map<TestPlayer, SeatId>;
}

/** How much happens over the rounds played (spread evenly over them). */
export interface SessionSize {
  rounds: number;
  messages: number;
  injects: number;
  agreements: number;
  /** Public messages in flight at once, as a busy table sends them. */
  inFlight: number;
}

export const CONFERENCE_SESSION: SessionSize = { rounds: 5, messages: 600, injects: 40, agreements: 20, inFlight: 12 };

/** Seats the control cell (facilitator and evaluator, with the key), the projector and one client per actor. */
export async function seatLongTable(
  base: string,
  created: CreateExerciseResponse,
  actorIds: readonly string[],
  options: { reconnect?: boolean; joined?: (p: TestPlayer) => void } = {},
): Promise<LongTable> {
  const joinAs = async (name: string, seat: SeatId, key?: string) => {
    const p = await TestPlayer.join(base, created.joinCode, name, key, undefined, { reconnect: options.reconnect ?? false });
    options.joined?.(p);
    await p.do({ type: 'ClaimSeat', seat });
    return p;
  };
  const facilitator = await joinAs('Fran (control)', 'facilitator', created.facilitatorKey);
  const evaluator = await joinAs('Eve (evaluator)', 'evaluator', created.facilitatorKey);
  const display = await joinAs('Projector', 'display');
  const actors = new Map<string, TestPlayer>();
  for (const id of actorIds) actors.set(id, await joinAs(`Player for ${id}`, `actor:${id}`));
  const seats = new Map<TestPlayer, SeatId>([
    [facilitator, 'facilitator'],
    [evaluator, 'evaluator'],
    [display, 'display'],
    ...[...actors].map(([id, p]) => [p, `actor:${id}`] as [TestPlayer, SeatId]),
  ]);
  return { facilitator, evaluator, display, actors, seats };
}

/** 300 characters of talk, different for every message (and not only ASCII). */
export function talk(i: number, from: string): string {
  const head = `#${i} ${from}: we propose to fund observation this round — données partagées, 観測データ. `;
  return (head + 'The corridor crosses our territory and we need the tracking data now. '.repeat(5)).slice(0, 300);
}

/** Fails with the server's reason when a command was refused. */
export async function accepted(answer: Promise<AcceptedMessage | RejectedMessage>): Promise<AcceptedMessage> {
  const r = await answer;
  if ('code' in r) throw new Error(`refused: ${r.code}: ${r.message}`);
  return r;
}

/** Sends `count` public messages from the actors in turn, `inFlight` at a time; `first` numbers them. */
export async function publicTalk(table: LongTable, first: number, count: number, inFlight: number): Promise<void> {
  const speakers = [...table.actors];
  for (let sent = 0; sent < count; ) {
    const batch: Promise<AcceptedMessage>[] = [];
    for (let k = 0; k < inFlight && sent < count; k++, sent++) {
      const [from, player] = speakers[(first + sent) % speakers.length]!;
      batch.push(accepted(player.fire({ type: 'SendMessage', to: 'public', text: talk(first + sent, from) })));
    }
    await Promise.all(batch);
  }
}

/**
 * Plays `size.rounds` rounds from where the exercise stands: each opens, moves to deliberation,
 * gets its share of talk, injects (half to all, half to one actor, with a controller note) and
 * agreements (each actor offering assistance to the next), then orders; every actor submits and
 * readies, which resolves the round.
 */
export async function playLongRounds(table: LongTable, size: SessionSize): Promise<void> {
  const { facilitator, actors } = table;
  const ids = [...actors.keys()];
  let talked = 0;
  for (let round = 1; round <= size.rounds; round++) {
    await facilitator.do({ type: 'AdvancePhase' }); // briefing
    await facilitator.do({ type: 'AdvancePhase' }); // deliberation
    const quota = Math.round((size.messages * round) / size.rounds);
    await publicTalk(table, talked, quota - talked, size.inFlight);
    talked = quota;
    for (let k = 0; k < size.injects / size.rounds; k++) {
      await accepted(
        facilitator.fire({
          type: 'PostInject',
          targets: k % 2 === 0 ? 'all' : [ids[k % ids.length]!],
          persona: 'Reuters',
          channel: k % 3 === 0 ? 'intelligence' : 'news',
          headline: `Inject ${round}.${k}: markets react to the asteroid`,
          body: 'Insurers along the risk corridor suspend new policies. '.repeat(10),
          controllerNote: 'Expect the state at risk to ask for assistance.',
        }),
      );
    }
    for (let k = 0; k < size.agreements / size.rounds; k++) {
      const proposer = actors.get(ids[k % ids.length]!)!;
      const party = ids[(k + 1) % ids.length]!;
      await accepted(proposer.fire({ type: 'ProposeAgreement', kind: 'assistance', parties: [party], shares: {}, text: `Assistance ${round}.${k}: share ground stations and tracking.` }));
    }
    await facilitator.do({ type: 'AdvancePhase' }); // orders
    for (const p of actors.values()) await accepted(p.fire({ type: 'SubmitOrders', orders: { observeMUsd: 5, missionFunding: {} } }));
    for (const p of actors.values()) await accepted(p.fire({ type: 'SetReady', ready: true }));
    await facilitator.until(`round ${round} to resolve`, () => facilitator.view.results.length === round);
  }
}
