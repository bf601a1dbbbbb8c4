import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TestPlayer, createExercise } from '../helpers/server.js';
import { exitOf, freePort, startServerProcess, stopAllServerProcesses } from '../helpers/process.js';

const dirs: string[] = [];
afterAll(async () => {
  await stopAllServerProcesses();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('stopping the server', () => {
  it('completes a graceful shutdown on SIGTERM with exercises in play and clients connected, and keeps every accepted command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-shutdown-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = await startServerProcess(port, dataDir);
    const players: TestPlayer[] = [];
    const tables: { exerciseId: string; facilitatorKey: string; lastSeq: number }[] = [];
    for (let table = 0; table < 3; table++) {
      const created = await createExercise(server.url, table);
      const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
      await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
      const usa = await TestPlayer.join(server.url, created.joinCode, 'Uma');
      await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
      await facilitator.do({ type: 'AdvancePhase' });
      await facilitator.do({ type: 'AdvancePhase' });
      tables.push({ exerciseId: created.exerciseId, facilitatorKey: created.facilitatorKey, lastSeq: facilitator.accepted.at(-1)!.lastSeq });
      players.push(facilitator, usa);
    }
    // Commands still arriving while the signal lands.
    for (const p of players) void p.fire({ type: 'SendMessage', to: 'public', text: 'last words' });
    server.child.kill('SIGTERM');
    const sentAt = Date.now();
    expect(await exitOf(server.child, 15_000), `the process exits on SIGTERM\n${server.output()}`).toBe(true);
    expect(server.child.exitCode).toBe(0);
    console.log(`shutdown: SIGTERM to exit in ${Date.now() - sentAt} ms with ${tables.length} exercises and ${players.length} clients`);

    // Started again on the same data, every exercise is there with its seats held for their people.
    const again = await startServerProcess(port, dataDir);
    for (const t of tables) {
      const res = await fetch(`${again.url}/api/exercises/${t.exerciseId}/events`, { headers: { 'x-facilitator-key': t.facilitatorKey } });
      expect(res.status).toBe(200);
      const { events } = (await res.json()) as { events: { seq: number }[] };
      expect(events.length).toBeGreaterThanOrEqual(t.lastSeq);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    }
    for (const p of players) await p.close().catch(() => undefined);
  }, 90_000);

  it('tells clients to reconnect rather than that the exercise is over, and they find their seats when the server is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-shutdown-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = await startServerProcess(port, dataDir);
    const created = await createExercise(server.url, 5);
    const fran = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey, undefined, { reconnect: true });
    await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma', undefined, undefined, { reconnect: true });
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    const closeCodes: number[] = [];
    uma.room.onLeave((code) => closeCodes.push(code));

    server.child.kill('SIGTERM');
    expect(await exitOf(server.child, 15_000), `the process exits on SIGTERM\n${server.output()}`).toBe(true);
    await uma.until('its connection to close', () => closeCodes.length > 0);
    expect(closeCodes).toEqual([1012]);

    // Alone, the clients keep trying until the server is back, and get their seats back by themselves.
    const again = await startServerProcess(port, dataDir);
    await uma.until('Uma to be back', () => uma.reconnections === 1, 20_000);
    await fran.until('Fran to be back', () => fran.reconnections === 1, 20_000);
    await uma.until('Uma’s seat', () => uma.seat === 'actor:usa');
    await uma.do({ type: 'SendMessage', to: 'public', text: 'back after the restart' });
    expect(again.child.exitCode).toBeNull();
    await uma.close();
    await fran.close();
  }, 90_000);

  it('pauses with the rooms playing after SIGTERM, and a second SIGTERM cuts the pause short', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-shutdown-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = await startServerProcess(port, dataDir, { env: { SHUTDOWN_DRAIN_SECONDS: '600' } });
    const created = await createExercise(server.url, 6);
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    const closeCodes: number[] = [];
    uma.room.onLeave((code) => closeCodes.push(code));

    server.child.kill('SIGTERM');
    let ready = await fetch(`${server.url}/api/ready`);
    for (const deadline = Date.now() + 5_000; ready.status !== 503 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      ready = await fetch(`${server.url}/api/ready`);
    }
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');
    expect((await fetch(`${server.url}/api/join/${created.joinCode}`)).status).toBe(503);
    await uma.do({ type: 'SendMessage', to: 'public', text: 'still playing while the server drains' });
    expect(closeCodes).toEqual([]);
    expect(server.child.exitCode).toBeNull();

    const secondAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await exitOf(server.child, 15_000), `the process exits on the second SIGTERM\n${server.output()}`).toBe(true);
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - secondAt).toBeLessThan(15_000);
    await uma.until('its connection to close', () => closeCodes.length > 0);
    expect(closeCodes).toEqual([1012]);
  }, 60_000);
});
