// The WebSocket heartbeat spread over its interval (server/heartbeat.ts).
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_SLICES, SpreadHeartbeat, type HeartbeatClient } from '../../server/heartbeat.js';

class FakeClient implements HeartbeatClient {
  pingCount = 0;
  readyState = 1;
  pings = 0;
  terminated = false;
  /** Whether it answers pings (Colyseus resets pingCount on each pong). */
  constructor(private readonly answers = true) {}
  ping(): void {
    this.pings++;
    if (this.answers) this.pingCount = 0;
  }
  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
  }
}

describe('SpreadHeartbeat', () => {
  it('pings every connection once per interval, a slice per tick, never all at once', () => {
    const clients = Array.from({ length: 3200 }, () => new FakeClient());
    const heartbeat = new SpreadHeartbeat(2);
    const perTick: number[] = [];
    for (let tick = 0; tick < HEARTBEAT_SLICES * 3; tick++) {
      const before = clients.reduce((n, c) => n + c.pings, 0);
      heartbeat.tick(clients);
      perTick.push(clients.reduce((n, c) => n + c.pings, 0) - before);
    }
    expect(clients.every((c) => c.pings === 3)).toBe(true);
    expect(Math.max(...perTick)).toBe(Math.ceil(3200 / HEARTBEAT_SLICES));
  });

  it('terminates a connection that missed as many pings as allowed, at its next turn, and keeps the ones that answer', () => {
    const silent = new FakeClient(false);
    const alive = new FakeClient(true);
    const heartbeat = new SpreadHeartbeat(2);
    const interval = () => {
      for (let t = 0; t < HEARTBEAT_SLICES; t++) heartbeat.tick([silent, alive]);
    };
    interval();
    interval();
    expect(silent.terminated).toBe(false);
    expect(silent.pings).toBe(2);
    interval();
    expect(silent.terminated).toBe(true);
    expect(alive.terminated).toBe(false);
    expect(alive.pings).toBe(3);
  });

  it('takes connections opened during a round into the next one, and skips those closed meanwhile', () => {
    const first = [new FakeClient(), new FakeClient()];
    const heartbeat = new SpreadHeartbeat(2, 2);
    const all: FakeClient[] = [...first];
    heartbeat.tick(all); // the round is the first two; one pinged
    const late = new FakeClient();
    all.push(late);
    first[1]!.readyState = 3;
    heartbeat.tick(all); // the second of the round: closed, not pinged
    expect(first.map((c) => c.pings)).toEqual([1, 0]);
    expect(late.pings).toBe(0);
    heartbeat.tick(all);
    heartbeat.tick(all);
    expect(late.pings).toBe(1);
  });

  it('pings a lone connection once per interval, not once per tick', () => {
    const lone = new FakeClient();
    const heartbeat = new SpreadHeartbeat(2);
    for (let t = 0; t < HEARTBEAT_SLICES * 4; t++) heartbeat.tick([lone]);
    expect(lone.pings).toBe(4);
  });
});
