import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, joinAndSit, STEP_TIMEOUT_MS, useStage } from './harness.js';

// Text the UI lets through always reaches the table: a field counts characters as the server
// does (code points, not UTF-16 units), shows the count near its limit, and refuses to send
// past it with a sentence instead of cutting the text or losing the connection. Each actor's
// talk per phase is bounded too, and the facilitator sets the bound.

const stage = useStage('text-limits');

/** `n` characters of Japanese prose, with a character outside the BMP (two UTF-16 units) every so often. */
function japanese(n: number): string {
  const prose = '小惑星の軌道を変えるための資金は各国が公平に負担すべきだと我が国は考えます。𠮷野家の会合で合意しましょう。';
  const chars = [...prose];
  return Array.from({ length: n }, (_, i) => chars[i % chars.length]!).join('');
}

async function tableInDeliberation(): Promise<{ facilitator: Page; usa: Page; kenya: Page }> {
  const facilitator = await stage.openPage();
  const { joinCode } = await createExercise(facilitator, 'Fay (Control)');
  const usa = await stage.openPage();
  await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
  const kenya = await stage.openPage();
  await joinAndSit(kenya, joinCode, 'Kofi (Kenya)', 'actor:kenya');
  await advance(facilitator, 'Start round 1');
  await advance(facilitator, 'Advance to deliberation');
  await usa.waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);
  return { facilitator, usa, kenya };
}

describe('text limits in the browser', () => {
  it('sends a 2 000-character Japanese message that another player reads whole, and refuses 2 001 characters with a sentence', async () => {
    const { usa, kenya } = await tableInDeliberation();
    const send = usa.locator(byTestId('send-message'));
    const counter = usa.locator(byTestId('message-count'));

    const tooLong = japanese(2001);
    // More UTF-16 units than characters: an HTML maxlength would have cut it short of 2 000.
    expect(tooLong.length).toBeGreaterThan(2001);
    await usa.fill(byTestId('message-text'), tooLong);
    await expect.poll(() => counter.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('Too long to send: 2\u00a0001 characters, at most 2\u00a0000. Remove 1 character.');
    expect(await send.isDisabled()).toBe(true);
    expect(await usa.getAttribute(byTestId('message-text'), 'aria-invalid')).toBe('true');
    // Nothing was cut: the field still holds every character typed.
    expect([...(await usa.inputValue(byTestId('message-text')))].length).toBe(2001);
    // The keyboard shortcut does not send it either.
    await usa.focus(byTestId('message-text'));
    await usa.keyboard.press('Control+Enter');
    await stage.shoot(usa, 'text-limits-too-long.png');

    const message = japanese(2000);
    await usa.fill(byTestId('message-text'), message);
    await expect.poll(() => counter.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('2\u00a0000 / 2\u00a0000');
    await send.click();
    // The draft clears once the server accepted it, and Kenya reads every character.
    await expect.poll(() => usa.inputValue(byTestId('message-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
    const kenyaMessages = kenya.locator(`${byTestId('public-channel')} ${byTestId('message')} .message__text`);
    await expect.poll(() => kenyaMessages.count(), { timeout: STEP_TIMEOUT_MS }).toBe(1);
    expect(await kenyaMessages.first().textContent()).toBe(message);
    expect(await usa.locator(byTestId('message-error')).count()).toBe(0);
    // The connection stayed up all along.
    expect(await usa.locator(byTestId('reconnecting')).count()).toBe(0);
    expect(stage.errors).toEqual([]);
  }, 120_000);

  it('shows an actor how many messages are left once few remain, stops at the quota, and lets the facilitator raise it', async () => {
    const { facilitator, usa, kenya } = await tableInDeliberation();
    await facilitator.fill(byTestId('talk-quota-input'), '3');
    await facilitator.click(byTestId('set-talk-quota'));
    await expect.poll(() => facilitator.textContent(byTestId('talk-quota')), { timeout: STEP_TIMEOUT_MS }).toBe('3');

    const quota = usa.locator(byTestId('message-quota'));
    await expect.poll(() => quota.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('3 of 3 messages left this phase.');
    for (let i = 1; i <= 3; i++) {
      await usa.fill(byTestId('message-text'), `Message ${i}`);
      await usa.click(`${byTestId('send-message')}:not([disabled])`);
      await kenya.waitForSelector(`${byTestId('public-channel')} >> text=Message ${i}`);
    }
    await expect.poll(() => quota.textContent(), { timeout: STEP_TIMEOUT_MS }).toMatch(/^No messages left this phase/);
    await usa.fill(byTestId('message-text'), 'One more');
    expect(await usa.locator(byTestId('send-message')).isDisabled()).toBe(true);
    // Statements come out of the same quota.
    await usa.fill(byTestId('statement-text'), 'We stand ready to help.');
    expect(await usa.locator(byTestId('post-statement')).isDisabled()).toBe(true);
    expect(await usa.textContent(byTestId('statement-quota'))).toMatch(/^No messages left this phase/);
    await stage.shoot(usa, 'talk-quota-used.png');

    await facilitator.fill(byTestId('talk-quota-input'), '10');
    await facilitator.click(byTestId('set-talk-quota'));
    await expect.poll(() => quota.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('7 of 10 messages left this phase.');
    await usa.click(`${byTestId('send-message')}:not([disabled])`);
    await kenya.waitForSelector(`${byTestId('public-channel')} >> text=One more`);
    expect(stage.errors).toEqual([]);
  }, 120_000);
});
