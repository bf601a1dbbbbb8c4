// Bots against a real server: real colyseus.js clients in actor seats, driven only by the
// legal commands the server sends them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/engine/events.js';
import type { StoredEvent } from '../../server/store/types.js';
import { Bot } from '../../tools/bots/bot.js';
import { whenQuiet } from '../../tools/bots/table.js';
import { TestPlayer, api, createExercise, startTestServer, waitFor } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let server: Server;
let bots: Bot[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(bots.map((b) => b.leave()));
  bots = [];
});
afterAll(async () => {
  await server?.close();
});

const ofType = <T extends DomainEvent['type']>(events: { event: DomainEvent }[], type: T) =>
  events.map((e) => e.event).filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type);

describe('bots at the table', () => {
  it('hold every actor seat, and once the facilitator opens the orders they all submit and mark themselves ready, which resolves the round', async () => {
    const created = await createExercise(server.url, 11);
    const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran (control)', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const actorIds = facilitator.view.actors.map((a) => a.id);
    expect(actorIds.length).toBeGreaterThan(3);

    for (const id of actorIds) {
      const bot = await Bot.join({ url: server.url, code: created.joinCode, name: `Bot ${id}`, delayMs: [1, 5] });
      expect(bot.freeActorSeats()).toContain(id);
      await bot.takeSeat(id);
      bots.push(bot);
    }
    await facilitator.settled();
    for (const [i, id] of actorIds.entries()) {
      const seat = facilitator.view.seats.find((s) => s.seat === `actor:${id}`)!;
      expect(seat.holders.map((h) => ({ participantId: h.participantId, name: h.name }))).toEqual([{ participantId: bots[i]!.participantId, name: `Bot ${id}` }]);
      expect(bots[i]!.seat).toBe(`actor:${id}`);
    }

    for (const bot of bots) bot.play();
    await facilitator.do({ type: 'AdvancePhase' }); // briefing
    await facilitator.do({ type: 'AdvancePhase' }); // deliberation
    await whenQuiet(bots);
    await facilitator.do({ type: 'AdvancePhase' }); // orders
    await waitFor(() => facilitator.view.exercise.phase === 'resolution', 'the bots to resolve round 1');
    await facilitator.settled();

    const submitted = ofType(facilitator.events, 'OrdersSubmitted').filter((e) => e.round === 1);
    expect(submitted.map((e) => e.actorId).sort()).toEqual([...actorIds].sort());
    const ready = ofType(facilitator.events, 'ReadinessChanged').filter((e) => e.ready);
    expect(ready.map((e) => e.actorId).sort()).toEqual([...actorIds].sort());
    // Orders never exceed what an actor holds: round 1's income is the whole balance.
    for (const e of submitted) {
      const total = e.orders.observeMUsd + Object.values(e.orders.missionFunding).reduce((a, b) => a + b, 0);
      const balance = ofType(facilitator.events, 'RoundStarted')[0]!.incomeMUsd[e.actorId]!;
      expect(total).toBeLessThanOrEqual(balance);
      expect(e.orders.observeMUsd).toBeGreaterThan(0);
    }
    expect(ofType(facilitator.events, 'RoundResolved').map((e) => e.round)).toEqual([1]);

    // The round resolved by itself: the last bot's readiness caused the resolution, not the facilitator.
    const log = await api<{ events: StoredEvent[] }>(server.url, `/api/exercises/${created.exerciseId}/events`, { key: created.facilitatorKey });
    const resolved = log.body.events.find((e) => e.type === 'RoundResolved')!;
    expect(bots.map((b) => b.participantId)).toContain(resolved.actor);
    expect(facilitator.accepted).toHaveLength(4); // the seat and three phase changes

    // Deliberation was more than silence: the USA proposed its kinetic impactor.
    expect(ofType(facilitator.events, 'MissionProposed').some((e) => e.lead === 'usa' && e.provider === 'usa' && e.direction === 'toward-end')).toBe(true);
    expect(bots.flatMap((b) => b.rejections)).toEqual([]);
  });

  it('does not take a seat someone else holds, and says who holds it', async () => {
    const created = await createExercise(server.url, 12);
    const human = await TestPlayer.join(server.url, created.joinCode, 'Wanjiru');
    await human.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
    const bot = await Bot.join({ url: server.url, code: created.joinCode, name: 'Bot Kenya', delayMs: [1, 5] });
    bots.push(bot);
    expect(bot.freeActorSeats()).not.toContain('kenya');
    await expect(bot.takeSeat('kenya')).rejects.toThrow(/taken by Wanjiru/);
    await expect(bot.takeSeat('atlantis')).rejects.toThrow(/no actor 'atlantis'/);
    expect(bot.seat).toBeNull();
  });

  it('makes the same choices on every run with the same name and seed', async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const created = await createExercise(server.url, 13);
      const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran (control)', created.facilitatorKey);
      await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
      const table: Bot[] = [];
      for (const id of ['usa', 'kenya', 'copuos']) {
        const bot = await Bot.join({ url: server.url, code: created.joinCode, name: `Bot ${id}`, delayMs: [1, 5] });
        await bot.takeSeat(id);
        table.push(bot);
      }
      bots.push(...table);
      for (const bot of table) bot.play();
      await facilitator.do({ type: 'AdvancePhase' });
      await facilitator.do({ type: 'AdvancePhase' });
      await whenQuiet(table);
      await facilitator.do({ type: 'AdvancePhase' });
      await waitFor(() => facilitator.view.exercise.phase === 'resolution', 'the bots to resolve round 1');
      runs.push(table.flatMap((b) => b.moves.map((m) => `${b.name} ${JSON.stringify(m.command)}`)).sort());
      await Promise.all(table.map((b) => b.leave()));
      await facilitator.room.leave(true);
    }
    expect(runs[0]!.length).toBeGreaterThan(3);
    expect(runs[1]).toEqual(runs[0]);
  });
});
