import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, joinAndSit, joinWithCode, STEP_TIMEOUT_MS, useStage } from './harness.js';

// Joining a delegation reads its secret briefing and private messages, so it takes consent:
// the second person asks from the seat picker, a member of the delegation (or the facilitator)
// lets them in from "Waiting for you", and only then does the delegation's own channel reach them.

const stage = useStage('delegation');

/** The Accept or Decline button of the one request a page lists, once the server allows answering it. */
function answerButton(page: Page, answer: 'accept' | 'decline', within: string) {
  return page.locator(`${byTestId(within)} [data-testid^="${answer}-delegation-"]:not([disabled])`);
}

async function seatOf(page: Page): Promise<string> {
  return ((await page.textContent(byTestId('my-seat'))) ?? '').trim();
}

describe('delegations', () => {
  it('lets a second person into an actor’s delegation once its holder accepts, then talk in a channel only the delegation sees', async () => {
    const facilitator = await stage.openPage();
    const { joinCode: code } = await createExercise(facilitator, 'Fay (Control)');

    const head = await stage.openPage();
    await joinAndSit(head, code, 'Uma (USA)', 'actor:usa');

    const second = await stage.openPage();
    await joinWithCode(second, code, 'Sam (USA delegate)');
    // A held seat cannot be taken, only asked into.
    await second.waitForSelector(byTestId('request-delegation-usa'));
    expect(await second.locator(byTestId('seat-actor:usa')).count()).toBe(0);
    await stage.shoot(second, 'delegation-seat-picker.png');
    await second.click(byTestId('request-delegation-usa'));
    await second.waitForSelector(`${byTestId('delegation-waiting')}:has-text("Waiting for United States")`);
    await second.waitForSelector(byTestId('delegation-asked-usa'));

    // The holder and the facilitator both see the request; the holder lets Sam in.
    await head.waitForSelector(`${byTestId('waiting-for-you')} >> text=Sam (USA delegate)`);
    await facilitator.waitForSelector(`${byTestId('delegation-requests')} >> text=Sam (USA delegate)`);
    await stage.shoot(head, 'delegation-request.png');
    await answerButton(head, 'accept', 'waiting-for-you').click();
    await expect.poll(() => seatOf(second), { timeout: STEP_TIMEOUT_MS }).not.toBe('No seat');
    await second.waitForSelector(byTestId('player-screen'));
    // Answered: nobody is asked any more.
    await head.waitForSelector(`${byTestId('waiting-for-you')} [data-testid^="accept-delegation-"]`, { state: 'detached' });
    await facilitator.waitForSelector(byTestId('delegation-requests'), { state: 'detached' });

    const kenya = await stage.openPage();
    await joinAndSit(kenya, code, 'Kofi (Kenya)', 'actor:kenya');

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    await second.waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);

    const text = 'Between us: we will not pay more than half.';
    await second.selectOption(byTestId('message-to'), 'delegation');
    await second.fill(byTestId('message-text'), text);
    await second.click(byTestId('send-message'));
    await head.waitForSelector(`${byTestId('delegation-channel')} >> text=${text}`);
    await second.waitForSelector(`${byTestId('delegation-channel')} >> text=${text}`);
    // Kenya has received later state (the phase) but never the delegation's message.
    await kenya.waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);
    expect(await kenya.locator(`text=${text}`).count()).toBe(0);
    await stage.shoot(head, 'delegation-channel.png');
    expect(stage.errors).toEqual([]);
  }, 90_000);

  it('leaves someone whose request the holder declines without a seat, told so, and able to ask elsewhere', async () => {
    const facilitator = await stage.openPage();
    const { joinCode: code } = await createExercise(facilitator, 'Fay (Control)');
    const head = await stage.openPage();
    await joinAndSit(head, code, 'Uma (USA)', 'actor:usa');
    const kenya = await stage.openPage();
    await joinAndSit(kenya, code, 'Kofi (Kenya)', 'actor:kenya');

    const intruder = await stage.openPage();
    await joinWithCode(intruder, code, 'Ivan');
    await intruder.click(byTestId('request-delegation-usa'));
    await intruder.waitForSelector(byTestId('delegation-waiting'));

    // Another delegation is not asked: Kenya's screen lists no request.
    await head.waitForSelector(`${byTestId('waiting-for-you')} >> text=Ivan`);
    expect(await kenya.locator(`${byTestId('waiting-for-you')} >> text=Ivan`).count()).toBe(0);

    await answerButton(head, 'decline', 'waiting-for-you').click();
    await intruder.waitForSelector(`${byTestId('delegation-declined')}:has-text("United States")`);
    await intruder.waitForSelector(byTestId('delegation-waiting'), { state: 'detached' });
    expect(await seatOf(intruder)).toBe('No seat');
    // Nothing of the USA's reached the one turned away: no player screen, and they may ask again.
    expect(await intruder.locator(byTestId('player-screen')).count()).toBe(0);
    await intruder.waitForSelector(`${byTestId('request-delegation-usa')}:not([disabled])`);
    await intruder.waitForSelector(`${byTestId('request-delegation-kenya')}:not([disabled])`);
    expect(stage.errors).toEqual([]);
  }, 90_000);
});
