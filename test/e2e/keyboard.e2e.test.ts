import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, STEP_TIMEOUT_MS, useStage, waitForPhase } from './harness.js';

// A participant who never touches the mouse: joins, takes a seat, talks, answers the table's
// "Waiting for you" list and gives orders with Tab, typing, Enter and Space alone; every
// control reached shows where the focus is.

const stage = useStage('keyboard');
const MAX_TABS = 120;

/** Presses Tab (Shift+Tab when `backwards`) until the focus is on an element matching `selector`; fails if it never gets there. */
async function tabTo(page: Page, selector: string, backwards = false): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} within ${MAX_TABS} presses`);
}

/** The focused element draws a visible outline (the :focus-visible style), so a keyboard user sees where they are. */
async function expectVisibleFocus(page: Page): Promise<void> {
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

describe('keyboard only', () => {
  it('lets a participant join, sit, talk, answer what waits for them and give orders without a mouse', async () => {
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');

    const kenya = await stage.openPage();
    await kenya.waitForSelector(byTestId('join-code-input'));
    await tabTo(kenya, byTestId('join-code-input'));
    await expectVisibleFocus(kenya);
    await kenya.keyboard.type(joinCode.toLowerCase());
    await tabTo(kenya, byTestId('join-name'));
    await kenya.keyboard.type('Kofi (Kenya)');
    await kenya.keyboard.press('Enter');

    await kenya.waitForSelector(byTestId('seat-actor:kenya'));
    await tabTo(kenya, byTestId('seat-actor:kenya'));
    await expectVisibleFocus(kenya);
    await kenya.keyboard.press('Enter');
    await kenya.waitForSelector(byTestId('player-screen'));
    expect(await kenya.textContent(byTestId('my-seat'))).toBe('Kenya');

    // The new screen takes the focus to its start; above it, the page's first stop is a link that skips the header.
    expect(await kenya.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await kenya.evaluate(() => document.querySelector('a[href], button, input, select, textarea')?.getAttribute('data-testid'))).toBe('skip-link');
    await tabTo(kenya, byTestId('skip-link'), true);
    await expectVisibleFocus(kenya);
    await kenya.keyboard.press('Enter');
    expect(new URL(kenya.url()).hash).toBe('#main');

    // A public message, typed and sent from the keyboard.
    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    await waitForPhase(kenya, 'deliberation', 1);
    const text = 'Kenya asks every space agency to brief the table on what it can launch.';
    await tabTo(kenya, byTestId('message-text'));
    await kenya.keyboard.type(text);
    await tabTo(kenya, byTestId('send-message'));
    await expectVisibleFocus(kenya);
    await kenya.keyboard.press('Enter');
    await facilitator.waitForSelector(`${byTestId('message')}:has-text("${text}")`);

    // Orders open: "Waiting for you" says so; its link takes the focus to the orders, and the orders go in by keyboard.
    await advance(facilitator, 'Open orders');
    await kenya.waitForSelector(byTestId('task-orders'));
    await tabTo(kenya, `${byTestId('task-orders')} a`);
    await expectVisibleFocus(kenya);
    await kenya.keyboard.press('Enter');
    expect(new URL(kenya.url()).hash).toBe('#orders-panel');
    await tabTo(kenya, byTestId('observe-input'));
    await kenya.keyboard.press('Control+A');
    await kenya.keyboard.type('10');
    await tabTo(kenya, byTestId('submit-orders'));
    await kenya.keyboard.press('Enter');
    await expect.poll(() => kenya.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS }).toContain('Observe 10 M USD');
    await tabTo(kenya, byTestId('ready-toggle'));
    await kenya.keyboard.press('Space');
    await kenya.waitForSelector(`${byTestId('my-readiness')}[data-ready="true"]`);
    await kenya.waitForSelector(byTestId('task-orders'), { state: 'detached' });
    await stage.shoot(kenya, 'keyboard-orders.png');
    expect(stage.errors).toEqual([]);
  });
});
