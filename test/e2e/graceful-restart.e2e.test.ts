import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { advance, byTestId, createExercise, joinAndSit, openSection, PHONE, STEP_TIMEOUT_MS, TOUCH, useStage, waitForPhase } from './harness.js';

// A graceful restart as an operator does one, seen from real browser pages: the facilitator's
// console, a participant on a laptop and one on a phone are mid-round when the server process
// gets SIGTERM. During the drain pause /api/ready says draining and the table plays on; a second
// SIGTERM ends the pause, the rooms close with 1012, and the process is started again on the same
// port and data folder. Every page gets back into its own seat by itself, with what it had, and
// plays on; the facilitator's page, reloaded after the restart, is back in the control cell.
// The server is a child process serving the built client (dist/client: `npm run build` first).

const FACILITATOR = 'Fay (Control)';
const KENYA = 'Kim (Kenya)';
const USA = 'Uma (United States)';
/** Long enough that only the second SIGTERM ends the pause: the test decides when rooms close. */
const DRAIN_PAUSE_S = '600';
/** The browser's complaints while the server is down or draining, which are expected then and only then. */
const OUTAGE_NOISE = /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|WebSocket connection to .* failed|Failed to fetch|status of 5\d\d/;

let server: ServerProcess | undefined;
let port = 0;
let dataDir: string | undefined;

const stage = useStage('graceful-restart', {
  baseUrl: () => {
    if (!server) throw new Error('the server process starts in beforeAll');
    return server.url;
  },
});

const startServer = () => startServerProcess(port, dataDir!, { env: { SHUTDOWN_DRAIN_SECONDS: DRAIN_PAUSE_S, RECONNECT_GRACE_SECONDS: '60' } });

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-e2e-restart-'));
  server = await startServer();
});

afterAll(async () => {
  await stopAllServerProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const connectionOf = (page: Page) => page.getAttribute(byTestId('connection'), 'data-connection');
const messageOn = (page: Page, text: string) => page.locator(`${byTestId('message')}:has-text("${text}")`);

/** Shows the page's talk (on a phone it is under "Now" in deliberation, under "Talk" otherwise). */
async function showTalk(page: Page): Promise<void> {
  for (const section of ['Now', 'Talk'] as const) {
    await openSection(page, section);
    if (await page.locator(byTestId('message-to')).isVisible()) return;
  }
}

/** Types a public message in the page's composer and waits until the server has it back on screen. */
async function say(page: Page, text: string): Promise<void> {
  await showTalk(page);
  await page.selectOption(byTestId('message-to'), 'public');
  await page.fill(byTestId('message-text'), text);
  await page.click(`${byTestId('send-message')}:not([disabled])`);
  await messageOn(page, text).first().waitFor();
  await expect.poll(() => page.inputValue(byTestId('message-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
}

/** Every page shows `text` among its messages. */
async function everyoneSees(pages: Page[], text: string): Promise<void> {
  for (const page of pages) {
    await showTalk(page);
    await messageOn(page, text).first().waitFor();
  }
}

/** The people the console shows in a seat, each with whether they are connected. */
async function holdersOf(facilitator: Page, seat: string): Promise<string[]> {
  return facilitator
    .locator(`${byTestId(`seat-status-${seat}`)} .holder`)
    .evaluateAll((holders) => holders.map((h) => `${h.childNodes[1]?.textContent ?? ''} ${h.classList.contains('holder--connected') ? 'connected' : 'away'}`));
}

/** What /api/ready answers now. */
async function readiness(url: string): Promise<{ status: number; body: { status?: string } }> {
  const res = await fetch(`${url}/api/ready`);
  return { status: res.status, body: (await res.json()) as { status?: string } };
}

describe('a graceful restart seen from the browser', () => {
  it('keeps the table playing while the server drains, then brings every page back to its seat by itself after the restart, with what it had', async () => {
    const facilitator = await stage.openPage();
    const created = await createExercise(facilitator, FACILITATOR, 2031);
    const kenya = await stage.openPage();
    await joinAndSit(kenya, created.joinCode, KENYA, 'actor:kenya');
    await kenya.waitForSelector(byTestId('player-screen'));
    const usa = await stage.openPage(PHONE, TOUCH);
    await joinAndSit(usa, created.joinCode, USA, 'actor:usa');
    await usa.waitForSelector(byTestId('player-screen'));
    const dismiss = usa.locator(byTestId('first-minute-dismiss'));
    if (await dismiss.count()) await dismiss.tap();
    const pages = [facilitator, kenya, usa];

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    for (const page of pages) await waitForPhase(page, 'deliberation', 1);
    const beforeKenya = 'Kenya before the restart: our ground stations are ready.';
    const beforeUsa = 'United States before the restart: we fund the flyby.';
    await say(kenya, beforeKenya);
    await say(usa, beforeUsa);
    await everyoneSees(pages, beforeKenya);
    await everyoneSees(pages, beforeUsa);

    // SIGTERM: readiness turns to draining and joins are refused, but the seated pages play on.
    const errorsBefore = stage.errors.length;
    const draining = server!;
    draining.child.kill('SIGTERM');
    await expect.poll(async () => (await readiness(draining.url)).status, { timeout: STEP_TIMEOUT_MS }).toBe(503);
    expect((await readiness(draining.url)).body.status).toBe('draining');
    expect((await fetch(`${draining.url}/api/join/${created.joinCode}`)).status).toBe(503);
    const duringDrain = 'Kenya while the server drains: still heard.';
    await say(kenya, duringDrain);
    await everyoneSees(pages, duringDrain);
    for (const page of pages) expect(await connectionOf(page)).toBe('connected');
    expect(await kenya.locator(byTestId('reconnecting')).count()).toBe(0);

    // A second SIGTERM ends the pause: the rooms close with 1012, every page keeps its view and says it is reconnecting.
    draining.child.kill('SIGTERM');
    for (const page of pages) {
      await page.waitForSelector(byTestId('reconnecting'));
      expect(await connectionOf(page)).toBe('reconnecting');
    }
    expect(await exitOf(draining.child, 15_000), `the process exits after the second SIGTERM\n${draining.output()}`).toBe(true);
    expect(draining.child.exitCode).toBe(0);
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    await kenya.waitForSelector(byTestId('player-screen'));
    await usa.waitForSelector(byTestId('player-screen'));
    await stage.shoot(usa, 'graceful-restart-phone-reconnecting.png');

    // Started again on the same port and data folder: every page gets back in by itself, no reload.
    const spawnedAt = Date.now();
    server = await startServer();
    const healthyAt = Date.now();
    for (const page of pages) {
      await page.waitForSelector(byTestId('reconnecting'), { state: 'detached', timeout: 30_000 });
      await expect.poll(() => connectionOf(page), { timeout: STEP_TIMEOUT_MS }).toBe('connected');
    }
    console.log(`graceful restart: new process healthy ${healthyAt - spawnedAt} ms after it was spawned; every page connected again ${Date.now() - healthyAt} ms after that`);
    // Each in its own seat, at the same round and phase, with every message it had.
    await expect.poll(() => facilitator.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Facilitator (control cell)');
    await expect.poll(() => kenya.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Kenya');
    await expect.poll(() => usa.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('United States');
    for (const page of pages) await waitForPhase(page, 'deliberation', 1);
    for (const text of [beforeKenya, beforeUsa, duringDrain]) await everyoneSees(pages, text);
    for (const [seat, name] of [['actor:kenya', KENYA], ['actor:usa', USA], ['facilitator', FACILITATOR]] as const) {
      await expect.poll(() => holdersOf(facilitator, seat), { timeout: STEP_TIMEOUT_MS }).toEqual([`${name} connected`]);
    }
    const outage = stage.errors.splice(errorsBefore);
    expect(outage.filter((e) => !OUTAGE_NOISE.test(e))).toEqual([]);

    // And the table plays on: the phone's message reaches the others, the console moves the phase for everyone.
    const afterUsa = 'United States after the restart: back, and still funding.';
    await say(usa, afterUsa);
    await everyoneSees(pages, afterUsa);
    await advance(facilitator, 'Open orders');
    for (const page of pages) await waitForPhase(page, 'orders', 1);
    await stage.shoot(usa, 'graceful-restart-phone-after.png');

    // The facilitator reloads after the restart: back in the control cell, keys and all.
    await facilitator.reload();
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    await expect.poll(() => facilitator.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Facilitator (control cell)');
    expect((await facilitator.textContent(byTestId('join-code')))!.trim()).toBe(created.joinCode);
    expect((await facilitator.textContent(byTestId('facilitator-key')))!.trim()).toBe(created.facilitatorKey);
    await waitForPhase(facilitator, 'orders', 1);
    await everyoneSees([facilitator], afterUsa);
    await expect.poll(() => holdersOf(facilitator, 'facilitator'), { timeout: STEP_TIMEOUT_MS }).toEqual([`${FACILITATOR} connected`]);
    await stage.shoot(facilitator, 'graceful-restart-facilitator-reloaded.png');
    expect(stage.errors).toEqual([]);
  }, 90_000);

  it('brings a facilitator who reloads while the server drains back to the control cell once it has restarted, never to an error', async () => {
    const facilitator = await stage.openPage();
    const created = await createExercise(facilitator, FACILITATOR, 2032);
    const kenya = await stage.openPage(PHONE, TOUCH);
    await joinAndSit(kenya, created.joinCode, KENYA, 'actor:kenya');
    await kenya.waitForSelector(byTestId('player-screen'));
    await advance(facilitator, 'Start round 1');
    for (const page of [facilitator, kenya]) await waitForPhase(page, 'briefing', 1);

    const errorsBefore = stage.errors.length;
    const draining = server!;
    draining.child.kill('SIGTERM');
    await expect.poll(async () => (await readiness(draining.url)).status, { timeout: STEP_TIMEOUT_MS }).toBe(503);
    // The reloaded page cannot join a draining server: it waits, saying it is reconnecting, and shows no error.
    await facilitator.reload();
    await facilitator.locator('.notice:has-text("Reconnecting to your exercise")').waitFor();
    expect(await facilitator.locator(byTestId('connection-error')).count()).toBe(0);
    // The participant who did not reload plays on meanwhile.
    expect(await connectionOf(kenya)).toBe('connected');

    draining.child.kill('SIGTERM');
    expect(await exitOf(draining.child, 15_000), `the process exits after the second SIGTERM\n${draining.output()}`).toBe(true);
    await kenya.waitForSelector(byTestId('reconnecting'));
    server = await startServer();
    await facilitator.waitForSelector(byTestId('facilitator-console'), { timeout: 30_000 });
    await expect.poll(() => facilitator.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Facilitator (control cell)');
    expect((await facilitator.textContent(byTestId('join-code')))!.trim()).toBe(created.joinCode);
    await kenya.waitForSelector(byTestId('reconnecting'), { state: 'detached', timeout: 30_000 });
    for (const page of [facilitator, kenya]) await expect.poll(() => connectionOf(page), { timeout: STEP_TIMEOUT_MS }).toBe('connected');
    await expect.poll(() => holdersOf(facilitator, 'actor:kenya'), { timeout: STEP_TIMEOUT_MS }).toEqual([`${KENYA} connected`]);
    await expect.poll(() => holdersOf(facilitator, 'facilitator'), { timeout: STEP_TIMEOUT_MS }).toEqual([`${FACILITATOR} connected`]);

    // The console runs the table again.
    await advance(facilitator, 'Advance to deliberation');
    for (const page of [facilitator, kenya]) await waitForPhase(page, 'deliberation', 1);
    const outage = stage.errors.splice(errorsBefore);
    expect(outage.filter((e) => !OUTAGE_NOISE.test(e))).toEqual([]);
  }, 90_000);
});
