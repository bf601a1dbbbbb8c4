import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerMessage } from '../../shared/protocol.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { TestPlayer, createExercise, startTestServer } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the control cell through the room', () => {
  it('resolves the round by itself when the phase timer runs out, counting missing orders as none', async () => {
    const created = await createExercise(server.url);
    const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const usa = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    for (let i = 0; i < 3; i++) await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 50, missionFunding: {} } });
    await facilitator.do({ type: 'SetPhaseTimer', seconds: 1 });
    expect(usa.view.phaseDeadline).not.toBeNull();
    await usa.until('the timer to resolve the round', () => usa.view.exercise.phase === 'resolution');
    expect(usa.view.results[0]).toMatchObject({ observeTotalMUsd: 50 });
    expect(usa.events.some((e) => e.event.type === 'PhaseTimerExpired')).toBe(true);
  });

  it('shows the facilitator the exercise as any seat sees it, and refuses that to participants', async () => {
    const created = await createExercise(server.url);
    const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const kenya = await TestPlayer.join(server.url, created.joinCode, 'Kofi');
    await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
    const answer = new Promise<{ seat: string; view: PlayerView }>((resolve) => facilitator.room.onMessage(ServerMessage.viewAs, resolve));
    facilitator.room.send('viewAs', 'actor:kenya');
    const { seat, view } = await answer;
    expect(seat).toBe('actor:kenya');
    expect(view.me?.actorId).toBe('kenya');
    expect(view.control).toBeNull();
    kenya.room.send('viewAs', 'facilitator');
    await kenya.until('the view-as request to be refused', () => kenya.rejected.length > 0);
    expect(kenya.rejected.at(-1)).toMatchObject({ code: 'role/not_control' });
  });
});
