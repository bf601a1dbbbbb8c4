import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, joinAndSit, STEP_TIMEOUT_MS, useStage } from './harness.js';

// A participant's page closed mid-round and opened again in the same browser takes its seat and
// its unsent orders back by itself; a second tab of that browser does not take the seat of an
// open one, but offers to open the exercise there instead. The keys a tab joined with come back with it.

const VIEWPORT = { width: 1280, height: 900 };
const FACILITATOR = 'Fay (Control)';
const PARTICIPANT = 'Kim (Kenya)';
const SEAT = 'actor:kenya';
const stage = useStage('reconnect');

/** The names of the people the facilitator's console shows in a seat, and whether each is connected. */
async function holdersOf(facilitator: Page, seat: string): Promise<string[]> {
  return facilitator
    .locator(`${byTestId(`seat-status-${seat}`)} .holder`)
    .evaluateAll((holders) => holders.map((h) => `${h.childNodes[1]?.textContent ?? ''} ${h.classList.contains('holder--connected') ? 'connected' : 'away'}`));
}

/** Every holder shown anywhere in the console's seats table, by name, in the table's order (actors, then the control seats). */
async function allHolderNames(facilitator: Page): Promise<string[]> {
  return facilitator.locator(`${byTestId('seats-table')} .holder`).evaluateAll((holders) => holders.map((h) => h.childNodes[1]?.textContent ?? ''));
}

/**
 * A facilitator opens an exercise; in another browser a participant sits as Kenya and, in the
 * orders phase of round 1, types an observation amount without sending it.
 */
async function participantWithUnsentOrders(): Promise<{ facilitator: Page; code: string; participantBrowser: BrowserContext; participant: Page }> {
  const facilitator = await stage.openPage(VIEWPORT);
  const { joinCode: code } = await createExercise(facilitator, FACILITATOR);

  const participantBrowser = await stage.newProfile(VIEWPORT);
  const participant = await stage.openTab(participantBrowser);
  await joinAndSit(participant, code, PARTICIPANT, SEAT);
  await participant.waitForSelector(byTestId('player-screen'));

  await advance(facilitator, 'Start round 1');
  await advance(facilitator, 'Advance to deliberation');
  await advance(facilitator, 'Open orders');
  await participant.waitForSelector(`${byTestId('phase')}[data-phase="orders"]`);
  await participant.fill(byTestId('observe-input'), '75');
  await expect.poll(() => holdersOf(facilitator, SEAT), { timeout: STEP_TIMEOUT_MS }).toEqual([`${PARTICIPANT} connected`]);
  return { facilitator, code, participantBrowser, participant };
}

/** The tab shows the player screen in Kenya's seat, with the orders that were typed and not sent. */
async function expectSeatedWithDraft(page: Page): Promise<void> {
  await page.waitForSelector(byTestId('player-screen'));
  await expect.poll(() => page.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Kenya');
  await expect.poll(() => page.inputValue(byTestId('observe-input')), { timeout: STEP_TIMEOUT_MS }).toBe('75');
  expect(await page.textContent(byTestId('submitted-orders'))).toBe('None this round');
}

describe('closing a participant’s page and opening the exercise again', () => {
  it('takes the same seat and the unsent orders back in a new tab of the same browser, without the start page', async () => {
    const { facilitator, participantBrowser, participant } = await participantWithUnsentOrders();

    // Closing the page is not leaving: the console shows the seat still Kim's, away.
    await participant.close();
    await expect.poll(() => holdersOf(facilitator, SEAT), { timeout: STEP_TIMEOUT_MS }).toEqual([`${PARTICIPANT} away`]);

    const reopened = await stage.openTab(participantBrowser);
    await expectSeatedWithDraft(reopened);
    expect(await reopened.locator(byTestId('remembered-session')).count()).toBe(0);

    // The same participant came back, not a second one.
    await expect.poll(() => holdersOf(facilitator, SEAT), { timeout: STEP_TIMEOUT_MS }).toEqual([`${PARTICIPANT} connected`]);
    expect(await allHolderNames(facilitator)).toEqual([PARTICIPANT, FACILITATOR]);

    // And the reopened tab is the one that holds it now: a reload keeps it.
    await reopened.reload();
    await expectSeatedWithDraft(reopened);
    await expect.poll(() => holdersOf(facilitator, SEAT), { timeout: STEP_TIMEOUT_MS }).toEqual([`${PARTICIPANT} connected`]);

    expect(stage.errors).toEqual([]);
  });

  it('does not take the seat of a tab still open: a second tab offers to open the exercise there instead, and doing so moves the seat', async () => {
    const { facilitator, code, participantBrowser, participant } = await participantWithUnsentOrders();

    const second = await stage.openTab(participantBrowser);
    const notice = second.locator(byTestId('remembered-session'));
    await notice.waitFor();
    expect((await notice.textContent())!.replace(/\s+/g, ' ')).toContain(`This browser is already in exercise ${code} as Kenya in another tab.`);
    await stage.shoot(second, 'reconnect-notice.png');

    // The first tab keeps its seat and its connection; the second stays on the start page.
    expect(await second.locator(byTestId('create-form')).count()).toBe(1);
    expect(await participant.getAttribute(byTestId('connection'), 'data-connection')).toBe('connected');
    expect(await participant.textContent(byTestId('my-seat'))).toBe('Kenya');
    expect(await holdersOf(facilitator, SEAT)).toEqual([`${PARTICIPANT} connected`]);

    // "Open here instead": the seat and the draft move to the second tab; the first is never left
    // blank: it goes back to its start page and says in words where the exercise went, offering it back.
    await second.click(byTestId('open-here-instead'));
    await expectSeatedWithDraft(second);
    const moved = participant.locator(`${byTestId('remembered-session')}[data-where="moved"]`);
    await moved.waitFor();
    expect((await moved.textContent())!.replace(/\s+/g, ' ')).toContain(`Exercise ${code} as Kenya is now open in another tab or window of this browser`);
    expect(await participant.isEnabled(byTestId('open-here-instead'))).toBe(true);
    expect(await participant.locator(byTestId('player-screen')).count()).toBe(0);
    expect(await participant.locator(byTestId('reconnecting')).count()).toBe(0);
    await stage.shoot(participant, 'reconnect-moved.png');
    await expect.poll(() => holdersOf(facilitator, SEAT), { timeout: STEP_TIMEOUT_MS }).toEqual([`${PARTICIPANT} connected`]);
    expect(await allHolderNames(facilitator)).toEqual([PARTICIPANT, FACILITATOR]);
    expect(await second.getAttribute(byTestId('connection'), 'data-connection')).toBe('connected');

    expect(stage.errors).toEqual([]);
  });

  it('brings an evaluator back to the evaluator seat after a reload, and the facilitator back with all three keys to hand out', async () => {
    const facilitator = await stage.openPage(VIEWPORT);
    const created = await createExercise(facilitator, FACILITATOR);
    const evaluator = await stage.openPage(VIEWPORT);
    await joinAndSit(evaluator, created.joinCode, 'Eve (Evaluator)', 'evaluator', { role: 'evaluator', key: created.evaluatorKey });
    await evaluator.waitForSelector(byTestId('evaluator-screen'));

    // The tab kept the evaluator key with its session: the server takes it back into the evaluator seat.
    await evaluator.reload();
    await evaluator.waitForSelector(byTestId('evaluator-screen'));
    await expect.poll(() => evaluator.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Evaluator');
    await expect.poll(() => holdersOf(facilitator, 'evaluator'), { timeout: STEP_TIMEOUT_MS }).toEqual(['Eve (Evaluator) connected']);

    await facilitator.reload();
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    expect((await facilitator.textContent(byTestId('facilitator-key')))!.trim()).toBe(created.facilitatorKey);
    expect((await facilitator.textContent(byTestId('evaluator-key')))!.trim()).toBe(created.evaluatorKey);
    expect((await facilitator.textContent(byTestId('debrief-key')))!.trim()).toBe(created.debriefKey);
    expect(stage.errors).toEqual([]);
  });
});
