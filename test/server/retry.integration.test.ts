// A command sent again after its connection dropped before the answer came. The browser client
// (client/net/outbox.ts) sends such commands again, marked `retry`, once it is back in its seat;
// the server must apply each once, whether the first copy was applied, lost on the way, or applied
// by a process that died before it could answer — and a client that reuses ids without `retry`
// must not find its new commands swallowed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoggedEvent } from '../../shared/debrief/api.js';
import type { AcceptedMessage, CreateExerciseResponse, RejectedMessage } from '../../shared/protocol.js';
import { crash, freePort, startServerProcess, stopAllServerProcesses } from '../helpers/process.js';
import { TestPlayer, createExercise, useTestServer } from '../helpers/server.js';

const server = useTestServer();
const players: TestPlayer[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(players.map((p) => p.close().catch(() => undefined)));
  await stopAllServerProcesses();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 20_000);

const say = (text: string) => ({ type: 'SendMessage' as const, to: 'public' as const, text });

function accepted(answer: AcceptedMessage | RejectedMessage): AcceptedMessage {
  if ('code' in answer) throw new Error(`refused: ${answer.code}: ${answer.message}`);
  return answer;
}

async function enter(base: string, code: string, name: string, key?: string, rejoinKey?: string): Promise<TestPlayer> {
  const player = await TestPlayer.join(base, code, name, key, rejoinKey);
  players.push(player);
  return player;
}

/** A table in deliberation: the facilitator and the USA seated. */
async function table(base: string, seed: number): Promise<{ created: CreateExerciseResponse; fran: TestPlayer; uma: TestPlayer }> {
  const created = await createExercise(base, seed);
  const fran = await enter(base, created.joinCode, 'Fran', created.facilitatorKey);
  await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const uma = await enter(base, created.joinCode, 'Uma');
  await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
  await fran.do({ type: 'AdvancePhase' });
  await fran.do({ type: 'AdvancePhase' });
  return { created, fran, uma };
}

/** The exercise's log as the facilitator reads it over HTTP. */
async function log(base: string, created: CreateExerciseResponse): Promise<LoggedEvent[]> {
  const res = await fetch(`${base}/api/exercises/${created.exerciseId}/events`, { headers: { 'x-facilitator-key': created.facilitatorKey } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: LoggedEvent[] }).events;
}

/** How many public messages with `text` the log holds. */
const posted = (events: LoggedEvent[], text: string) => events.filter((e) => e.data.type === 'MessagePosted' && e.data.text === text).length;

describe('a command sent again after a lost connection', () => {
  it('is answered with what it stored the first time and applied once; one never applied is applied; ids are each participant’s own', async () => {
    const { url } = server();
    const { created, fran, uma } = await table(url, 11);
    const first = { commandId: 'pg7k2mdx0qa1.1', command: say('The United States will fund a kinetic impactor.') };
    const firstAnswer = accepted(await uma.sendEnvelope(first));
    expect(firstAnswer.lastSeq).toBeGreaterThanOrEqual(firstAnswer.firstSeq);

    // The connection drops before the answer is read; the tab gets back in with its rejoin key and sends it again.
    const back = await enter(url, created.joinCode, 'Uma', undefined, uma.welcome!.rejoinKey);
    expect(back.participantId).toBe(uma.participantId);
    const again = accepted(await back.sendEnvelope({ ...first, retry: true }));
    expect(again).toEqual(firstAnswer);
    expect(posted(await log(url, created), first.command.text)).toBe(1);

    // A command the server never got (lost on the way) is applied when it comes as a retry.
    const lost = { commandId: 'pg7k2mdx0qa1.2', command: say('Kenya will host the ground station.') };
    const lostAnswer = accepted(await back.sendEnvelope({ ...lost, retry: true }));
    expect(lostAnswer.firstSeq).toBeGreaterThan(firstAnswer.lastSeq);
    expect(posted(await log(url, created), lost.command.text)).toBe(1);
    // ...and only once, however often it comes again.
    expect(accepted(await back.sendEnvelope({ ...lost, retry: true }))).toEqual(lostAnswer);

    // The same id from another participant is another command.
    const fromFran = accepted(await fran.sendEnvelope({ ...first, retry: true }));
    expect(fromFran.firstSeq).toBeGreaterThan(lostAnswer.lastSeq);
    expect(posted(await log(url, created), first.command.text)).toBe(2);

    // A client that reuses an id without saying it is a retry gets its new command applied.
    const reused = accepted(await back.sendEnvelope({ commandId: first.commandId, command: say('A second, different message.') }));
    expect(reused.firstSeq).toBeGreaterThan(fromFran.lastSeq);
    expect(posted(await log(url, created), 'A second, different message.')).toBe(1);

    // A retry is still a command: one the rules refuse now is refused, with the rule's reason.
    const refused = await back.sendEnvelope({ commandId: 'pg7k2mdx0qa1.3', command: { type: 'AdvancePhase' }, retry: true });
    expect(refused).toMatchObject({ commandId: 'pg7k2mdx0qa1.3', kind: 'rule' });
  });

  it('is recognised by the process that restores the exercise after the one that applied it was killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-retry-'));
    dirs.push(dataDir);
    const port = await freePort();
    const first = await startServerProcess(port, dataDir, { env: { RECONNECT_GRACE_SECONDS: '30' } });
    const { created, uma } = await table(first.url, 12);
    const answered = { commandId: 'r2d2c3po0000.1', command: say('Answered before the crash.') };
    const answeredRange = accepted(await uma.sendEnvelope(answered));

    // Ten more leave at once and the process dies under them once three are answered: some were applied, some perhaps not.
    const inFlight = Array.from({ length: 10 }, (_, i) => ({ commandId: `r2d2c3po0000.${i + 2}`, command: say(`In flight ${i + 1}.`) }));
    const inFlightIds = new Set(inFlight.map((e) => e.commandId));
    for (const e of inFlight) void uma.sendEnvelope(e);
    await uma.until('three of them answered', () => uma.accepted.filter((a) => inFlightIds.has(a.commandId)).length >= 3);
    await crash(first);

    const second = await startServerProcess(port, dataDir, { env: { RECONNECT_GRACE_SECONDS: '30' } });
    const back = await enter(second.url, created.joinCode, 'Uma', undefined, uma.welcome!.rejoinKey);
    expect(back.participantId).toBe(uma.participantId);
    const beforeRetries = await log(second.url, created);
    const storedBefore = inFlight.filter((e) => posted(beforeRetries, e.command.text) === 1).length;
    console.log(`retry after a crash: ${storedBefore} of ${inFlight.length} commands in flight were stored before the process died`);
    expect(storedBefore).toBeGreaterThanOrEqual(3);
    expect(accepted(await back.sendEnvelope({ ...answered, retry: true }))).toEqual(answeredRange);
    for (const e of inFlight) accepted(await back.sendEnvelope({ ...e, retry: true }));
    const events = await log(second.url, created);
    expect(posted(events, answered.command.text)).toBe(1);
    expect(inFlight.map((e) => posted(events, e.command.text))).toEqual(inFlight.map(() => 1));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  }, 60_000);
});
