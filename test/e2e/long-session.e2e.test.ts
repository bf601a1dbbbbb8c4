import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crash, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { TestPlayer } from '../helpers/server.js';
import { advance, byTestId, createExercise, joinAndSit, STEP_TIMEOUT_MS, useStage, waitForPhase } from './harness.js';

// The long-session story (test/server/long-session.integration.test.ts) in the browser, for the
// facilitator console and one participant: a long chatty round with injects from the console,
// a reload of both pages, then the server stopped as Kenya sends a message, SIGKILLed and restarted
// on the same data folder and port. Both pages must come back where they were by themselves, Kenya's
// unanswered message must go again by itself and be there once, and the table must play on.
// The server runs as a child process so that it can be killed; it serves the built client
// (dist/client, which `npm run test:e2e` builds first).

const FACILITATOR = 'Fay (Control)';
const PARTICIPANT = 'Kim (Kenya)';
/** The other actors at the table, played by colyseus.js clients in Node. */
const OTHERS = ['usa', 'japan', 'astra', 'bangladesh'] as const;
/** Public messages the other actors send, and how many of them are in flight at once. */
const BOT_MESSAGES = 150;
const IN_FLIGHT = 10;
/** After how many bot messages Kenya types one in its page. */
const TYPED_AT = new Set([40, 90, 140]);
const INJECTS = ['Markets react to 2031 KX', 'Insurers suspend policies on the corridor'];
/** The browser's complaints while the server is down, which are expected then and only then. */
const OUTAGE_NOISE = /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|WebSocket connection to .* failed|Failed to fetch|status of 5\d\d/;

let server: ServerProcess | undefined;
let port = 0;
let dataDir: string | undefined;
const bots: TestPlayer[] = [];

const stage = useStage('long-session', {
  baseUrl: () => {
    if (!server) throw new Error('the server process starts in beforeAll');
    return server.url;
  },
});

const startServer = () => startServerProcess(port, dataDir!, { env: { RECONNECT_GRACE_SECONDS: '60' } });

beforeAll(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-e2e-long-'));
  server = await startServer();
});

afterAll(async () => {
  await Promise.all(bots.map((b) => b.close()));
  await stopAllServerProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

/** About 300 characters of talk, different for every message (and not only ASCII). */
function talk(i: number, from: string): string {
  const head = `#${i} ${from}: we propose to fund observation now — données partagées, 観測データ. `;
  return (head + 'The corridor crosses our territory and we need the tracking data now. '.repeat(5)).slice(0, 300);
}

const shoot = (page: Page, file: string) => stage.shoot(page, `long-session-${file}`);

/** Types a public message in the page's composer and waits until the server has it back on screen. */
async function typeMessage(page: Page, text: string): Promise<void> {
  await page.selectOption(byTestId('message-to'), 'public');
  await page.fill(byTestId('message-text'), text);
  await page.click(`${byTestId('send-message')}:not([disabled])`);
  await page.waitForSelector(`${byTestId('message')}:has-text("${text.slice(0, 40)}")`);
  await expect.poll(() => page.inputValue(byTestId('message-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
}

/** Posts an inject to the whole table from the console's "Write an inject" form. */
async function postInjectFromConsole(facilitator: Page, headline: string): Promise<void> {
  await facilitator.click(byTestId('adhoc-to-all'));
  await facilitator.fill(byTestId('adhoc-persona'), 'Reuters');
  await facilitator.selectOption(byTestId('adhoc-channel'), 'news');
  await facilitator.fill(byTestId('adhoc-headline'), headline);
  await facilitator.fill(byTestId('adhoc-body'), 'Insurers in Nairobi and Dhaka suspend new policies along the risk corridor. '.repeat(4));
  await facilitator.fill(byTestId('adhoc-note'), 'Expect Kenya to ask for assistance.');
  await facilitator.click(`${byTestId('post-inject')}:not([disabled])`);
  await facilitator.waitForSelector(`${byTestId('news-list')} :text("${headline}")`);
}

/**
 * The message starting with `text` is on screen, last of its list and scrolled into sight (the
 * list keeps the newest message in view, as a chat does); `list` picks the list.
 */
async function lastMessageInSight(page: Page, list: string, text: string): Promise<boolean> {
  return page.evaluate(
    ({ list, text }) => {
      const ol = document.querySelector(list);
      const items = ol ? [...ol.querySelectorAll('[data-testid="message"]')] : [];
      const last = items.at(-1);
      if (!ol || !last || !(last.textContent ?? '').includes(text)) return false;
      const box = ol.getBoundingClientRect();
      const item = last.getBoundingClientRect();
      return item.height > 0 && item.bottom <= box.bottom + 2 && item.top >= box.top - 2;
    },
    { list, text },
  );
}

/** The participant's public channel and the console's list of all messages. */
const PUBLIC_LIST = `${byTestId('public-channel')} ol.message-list`;
const ALL_LIST = 'ol.message-list[aria-label="All messages"]';

interface Where {
  joinCode: string;
  phase: string;
  round: number;
  lastText: string;
  publicMessages: number;
}

/** The console is back: the join code, the round and phase, the last message in sight, every message there. */
async function expectConsoleBack(facilitator: Page, where: Where): Promise<void> {
  await facilitator.waitForSelector(byTestId('facilitator-console'));
  await expect.poll(() => facilitator.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Facilitator (control cell)');
  expect((await facilitator.textContent(byTestId('join-code')))!.trim()).toBe(where.joinCode);
  await waitForPhase(facilitator, where.phase, where.round);
  await expect.poll(() => lastMessageInSight(facilitator, ALL_LIST, where.lastText), { timeout: STEP_TIMEOUT_MS }).toBe(true);
  expect(await facilitator.locator(`${ALL_LIST} ${byTestId('message')}`).count()).toBe(where.publicMessages);
  for (const headline of INJECTS) await facilitator.waitForSelector(`${byTestId('news-list')} :text("${headline}")`);
}

/** The participant is back on Kenya's player screen: the round and phase, the last message in sight, the injects. */
async function expectParticipantBack(participant: Page, where: Where): Promise<void> {
  await participant.waitForSelector(byTestId('player-screen'));
  await expect.poll(() => participant.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Kenya');
  await waitForPhase(participant, where.phase, where.round);
  await expect.poll(() => lastMessageInSight(participant, PUBLIC_LIST, where.lastText), { timeout: STEP_TIMEOUT_MS }).toBe(true);
  expect(await participant.locator(`${PUBLIC_LIST} ${byTestId('message')}`).count()).toBe(where.publicMessages);
  for (const headline of INJECTS) await participant.waitForSelector(`${byTestId('news-list')} :text("${headline}")`);
}

/** The people the console shows in a seat, each with whether they are connected. */
async function holdersOf(facilitator: Page, seat: string): Promise<string[]> {
  return facilitator
    .locator(`${byTestId(`seat-status-${seat}`)} .holder`)
    .evaluateAll((holders) => holders.map((h) => `${h.childNodes[1]?.textContent ?? ''} ${h.classList.contains('holder--connected') ? 'connected' : 'away'}`));
}

const connectionOf = (page: Page) => page.getAttribute(byTestId('connection'), 'data-connection');

describe('a long session in the browser, a reload and a server killed and restarted', () => {
  it('brings the facilitator console and a participant back where they were after a long chatty round, a reload and a restart, without a hand reload', async () => {
    // The facilitator creates the exercise; a participant in another browser profile sits as Kenya.
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, FACILITATOR, 2031);
    const participant = await stage.openPage();
    await joinAndSit(participant, joinCode, PARTICIPANT, 'actor:kenya');
    await participant.waitForSelector(byTestId('player-screen'));

    // The rest of the table: real colyseus.js clients seated as the other actors.
    for (const id of OTHERS) {
      const bot = await TestPlayer.join(server!.url, joinCode, `Player for ${id}`, undefined, undefined, { reconnect: true });
      bots.push(bot);
      await bot.do({ type: 'ClaimSeat', seat: `actor:${id}` });
    }
    await facilitator.waitForSelector(`${byTestId('seat-status-actor:bangladesh')}:has-text("Player for bangladesh")`);

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    for (const page of [facilitator, participant]) await waitForPhase(page, 'deliberation', 1);

    // A long chatty round: the other actors talk, IN_FLIGHT messages at a time; Kenya types some
    // in its page; the control cell posts injects from the console.
    let typed = 0;
    let sent = 0;
    while (sent < BOT_MESSAGES) {
      const batch: Promise<void>[] = [];
      for (let k = 0; k < IN_FLIGHT && sent < BOT_MESSAGES; k++, sent++) {
        const from = OTHERS[sent % OTHERS.length]!;
        const bot = bots[sent % OTHERS.length]!;
        batch.push(
          bot.fire({ type: 'SendMessage', to: 'public', text: talk(sent, from) }).then((r) => {
            if ('code' in r) throw new Error(`a message from ${from} was refused: ${r.code}: ${r.message}`);
          }),
        );
      }
      await Promise.all(batch);
      if (TYPED_AT.has(sent)) {
        await typeMessage(participant, talk(BOT_MESSAGES + typed, 'kenya'));
        typed++;
      }
      if (sent === 60) await postInjectFromConsole(facilitator, INJECTS[0]!);
      if (sent === 120) await postInjectFromConsole(facilitator, INJECTS[1]!);
    }
    // The round's last word is Kenya's, typed in its page.
    const lastText = `Kenya, last before the reload: ${'we will share our ground stations with everyone. '.repeat(6)}`.slice(0, 300);
    await typeMessage(participant, lastText);
    const publicMessages = BOT_MESSAGES + typed + 1;
    expect(publicMessages).toBeGreaterThanOrEqual(150);
    const where: Where = { joinCode, phase: 'deliberation', round: 1, lastText: lastText.slice(0, 60), publicMessages };
    await expectConsoleBack(facilitator, where);
    await expectParticipantBack(participant, where);
    await shoot(facilitator, 'facilitator-chatty.png');
    await shoot(participant, 'kenya-chatty.png');

    // Both pages reload: each comes back where it was, by itself.
    await facilitator.reload();
    await participant.reload();
    await expectConsoleBack(facilitator, where);
    await expectParticipantBack(participant, where);
    for (const page of [facilitator, participant]) expect(await connectionOf(page)).toBe('connected');
    await shoot(facilitator, 'facilitator-reloaded.png');
    await shoot(participant, 'kenya-reloaded.png');
    expect(stage.errors).toEqual([]);

    // The server stops answering (SIGSTOP: a process stuck, or a network gone quiet) as Kenya sends a message: it gets no answer.
    const errorsBefore = stage.errors.length;
    server!.child.kill('SIGSTOP');
    const unanswered = 'Kenya, as the line went quiet: we back the kinetic impactor and will say so at the vote.';
    await participant.selectOption(byTestId('message-to'), 'public');
    await participant.fill(byTestId('message-text'), unanswered);
    await participant.click(`${byTestId('send-message')}:not([disabled])`);
    await participant.waitForTimeout(300);
    expect(await participant.inputValue(byTestId('message-text'))).toBe(unanswered);
    // Then it dies (SIGKILL: nothing is flushed, no one is told). Both pages keep their view and say they are reconnecting;
    // Kenya's says that what had no answer goes again.
    await crash(server!);
    for (const page of [facilitator, participant]) await page.waitForSelector(byTestId('reconnecting'));
    expect(await participant.textContent(byTestId('reconnecting'))).toContain('goes again once the connection is back');
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    await participant.waitForSelector(byTestId('player-screen'));
    await shoot(facilitator, 'facilitator-reconnecting.png');
    await shoot(participant, 'kenya-reconnecting.png');

    // It comes back on the same data folder and port: both pages get back in by themselves, no reload.
    server = await startServer();
    for (const page of [facilitator, participant]) {
      await page.waitForSelector(byTestId('reconnecting'), { state: 'detached', timeout: 30_000 });
      await expect.poll(() => connectionOf(page), { timeout: STEP_TIMEOUT_MS }).toBe('connected');
    }
    // Kenya's message went again by itself and is there once, on both pages; the draft is cleared and no error shown.
    const restarted: Where = { ...where, lastText: unanswered, publicMessages: publicMessages + 1 };
    await expectConsoleBack(facilitator, restarted);
    await expectParticipantBack(participant, restarted);
    await expect.poll(() => participant.inputValue(byTestId('message-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
    expect(await participant.locator(byTestId('message-error')).count()).toBe(0);
    // The same people hold the same seats, and the console shows them connected again.
    for (const [seat, name] of [['actor:kenya', PARTICIPANT], ['facilitator', FACILITATOR]] as const) {
      await expect.poll(() => holdersOf(facilitator, seat), { timeout: STEP_TIMEOUT_MS }).toEqual([`${name} connected`]);
    }
    await shoot(facilitator, 'facilitator-restarted.png');
    await shoot(participant, 'kenya-restarted.png');
    // While the server was down the browser said it could not reach it; nothing else went wrong.
    const outage = stage.errors.splice(errorsBefore);
    expect(outage.filter((e) => !OUTAGE_NOISE.test(e))).toEqual([]);

    // The table plays on: a message from another actor and one typed by Kenya reach both pages.
    const usa = bots[0]!;
    await usa.until('the United States to be back after the restart', () => usa.reconnections === 1 && usa.followed !== null, 30_000);
    const fromUsa = 'United States, after the restart: still here, and still funding observation.';
    const r = await usa.fire({ type: 'SendMessage', to: 'public', text: fromUsa });
    expect(r).not.toHaveProperty('code');
    const fromKenya = 'Kenya, after the restart: we are back and we read you.';
    for (const page of [facilitator, participant]) await page.waitForSelector(`${byTestId('message')}:has-text("${fromUsa}")`);
    await typeMessage(participant, fromKenya);
    await facilitator.waitForSelector(`${byTestId('message')}:has-text("${fromKenya}")`);
    const after: Where = { ...where, lastText: fromKenya, publicMessages: publicMessages + 3 };
    await expectConsoleBack(facilitator, after);
    await expectParticipantBack(participant, after);
    await usa.until('the message typed in the page to reach the United States', () => usa.view.messages.some((m) => m.text === fromKenya));
    await shoot(facilitator, 'facilitator-after.png');
    await shoot(participant, 'kenya-after.png');
    expect(stage.errors).toEqual([]);
  }, 150_000);
});
