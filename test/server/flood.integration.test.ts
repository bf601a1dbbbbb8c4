import { describe, expect, it } from 'vitest';
import { ClientMessage, ServerMessage, type RejectedMessage } from '../../shared/protocol.js';
import { TestPlayer, createExercise, useTestServer } from '../helpers/server.js';

/**
 * One seat floods at 1 000 messages a second while another plays on: the flooder is told
 * `rate/limited` and keeps its connection, the bystander's commands keep a p99 we state, and
 * the HTTP API keeps answering. The server runs with its default budget (8 a second, 40 at once).
 */

const testServer = useTestServer();

/** The bystander's p99 from command to answer under the flood, stated: a table must not notice the flooder. */
const BYSTANDER_P99_MS = 500;
const HEALTH_MAX_MS = 1_000;

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

describe('a seat that floods', () => {
  it('is refused with rate/limited, keeps its connection, and does not delay the others', async () => {
    const created = await createExercise(testServer().url, 9);
    const facilitator = await TestPlayer.join(testServer().url, created.joinCode, 'Fran', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const flooder = await TestPlayer.join(testServer().url, created.joinCode, 'Flo');
    await flooder.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    const bystander = await TestPlayer.join(testServer().url, created.joinCode, 'Kofi');
    await bystander.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
    for (let i = 0; i < 3; i++) await facilitator.do({ type: 'AdvancePhase' }); // round 1, orders

    const answers = { accepted: 0, limited: 0, quota: 0, other: 0 };
    flooder.room.onMessage(ServerMessage.accepted, () => answers.accepted++);
    flooder.room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
      if (m.code === 'rate/limited') answers.limited++;
      else if (m.code === 'talk/quota') answers.quota++;
      else answers.other++;
    });
    let flooderClosed = false;
    flooder.room.onLeave(() => (flooderClosed = true));

    const seconds = 5;
    let floodSent = 0;
    const flood = setInterval(() => {
      for (let i = 0; i < 10; i++) {
        flooder.room.send(ClientMessage.command, { commandId: `f${floodSent}`, command: { type: 'SendMessage', to: 'public', text: `spam ${floodSent}` } });
        floodSent++;
      }
    }, 10);
    const latencies: number[] = [];
    const healthMs: number[] = [];
    const started = Date.now();
    let n = 0;
    while (Date.now() - started < seconds * 1000) {
      const t0 = performance.now();
      const answer = await bystander.fire({ type: 'SubmitOrders', orders: { observeMUsd: n++ % 50, missionFunding: {} } });
      latencies.push(performance.now() - t0);
      expect(answer).not.toHaveProperty('code');
      if (n % 5 === 0) {
        const h0 = performance.now();
        const res = await fetch(`${testServer().url}/api/health`);
        expect(res.status).toBe(200);
        healthMs.push(performance.now() - h0);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(flood);
    await flooder.until('answers to the flood', () => answers.accepted + answers.limited + answers.quota + answers.other > 0 && !flooderClosed, 5_000);
    await flooder.settled(500);

    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `flood: ${floodSent} messages in ${seconds} s from one seat → ${answers.accepted} accepted, ${answers.quota} over the talk quota, ${answers.limited} rate/limited answers (the rest dropped unanswered); ` +
        `bystander ${latencies.length} commands p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms; /api/health max ${Math.max(...healthMs).toFixed(1)} ms`,
    );
    expect(floodSent).toBeGreaterThanOrEqual(seconds * 600); // about 1 000 a second, as fast as this process can send them
    expect(flooderClosed).toBe(false);
    expect(answers.limited).toBeGreaterThan(0);
    // The budget: at most the burst plus the rate over the run went through to the rules.
    expect(answers.accepted + answers.quota + answers.other).toBeLessThanOrEqual(40 + 8 * (seconds + 2));
    expect(p99).toBeLessThan(BYSTANDER_P99_MS);
    expect(Math.max(...healthMs)).toBeLessThan(HEALTH_MAX_MS);
    // The flooder can still play once it slows down.
    await flooder.settled(1_500);
    const after = await flooder.send({ type: 'SubmitOrders', orders: { observeMUsd: 1, missionFunding: {} } });
    expect(after).not.toHaveProperty('code');
    for (const p of [facilitator, flooder, bystander]) await p.close();
  }, 60_000);
});
