import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, joinAndSit, PROJECTOR, seriousViolations, STEP_TIMEOUT_MS, useStage, waitForPhase } from './harness.js';

// Nothing important goes unseen: an inject sent to one actor arrives as a notice that stays
// until read and as a task in its "Waiting for you"; when a round resolves, every seat reads
// what changed.

const stage = useStage('notices');

const HEADLINE = 'Nairobi asks for satellite imagery of its coast';
const NOTICE = byTestId('notice-inject-adhoc-1');
const TASK = byTestId('task-inject-adhoc-1');

/** The facilitator writes an official note to Kenya alone from the console. */
async function postNoteToKenya(facilitator: Page): Promise<void> {
  await facilitator.click(byTestId('adhoc-to-chosen'));
  await facilitator.check(byTestId('adhoc-target-kenya'));
  await facilitator.fill(byTestId('adhoc-persona'), 'Kenyan Space Agency');
  await facilitator.selectOption(byTestId('adhoc-channel'), 'official');
  await facilitator.fill(byTestId('adhoc-headline'), HEADLINE);
  await facilitator.fill(byTestId('adhoc-body'), 'The cabinet wants to know which districts would be hit first.');
  await facilitator.click(`${byTestId('post-inject')}:not([disabled])`);
}

/** After a reload, the participant is back on its screen. */
async function reloadSeat(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector(byTestId('player-screen'));
}

describe('notices and the round summary', () => {
  it("shows Kenya's note to Kenya alone until read, and every seat what the round changed", async () => {
    const facilitator = await stage.openPage();
    const { joinCode, evaluatorKey } = await createExercise(facilitator, 'Fay (Control)', 2031);
    const kenya = await stage.openPage();
    await joinAndSit(kenya, joinCode, 'Kofi (Kenya)', 'actor:kenya');
    const usa = await stage.openPage();
    await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
    const evaluator = await stage.openPage();
    await joinAndSit(evaluator, joinCode, 'Eve (Evaluator)', 'evaluator', { role: 'evaluator', key: evaluatorKey });
    const display = await stage.openPage(PROJECTOR);
    await joinAndSit(display, joinCode, 'Projector', 'display');
    const everyone = [facilitator, kenya, usa, evaluator, display];

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    for (const page of everyone) await waitForPhase(page, 'deliberation', 1);
    // The round's news waits as an unread notice; marked read, it goes, so what follows is the note alone.
    const news = '[data-testid^="notice-news-"][data-unread="true"]';
    await kenya.waitForSelector(`${news}:has-text("Survey telescope finds 2031 KX")`);
    await kenya.click(`${news} ${byTestId('notice-mark-read')}`);
    await kenya.waitForSelector(byTestId('notices'), { state: 'detached' });
    await expect.poll(() => kenya.textContent(byTestId('nothing-waiting')), { timeout: STEP_TIMEOUT_MS }).toContain('Nothing needs your answer');

    // The note reaches Kenya as a notice and as a task it can act on; the United States sees neither.
    await postNoteToKenya(facilitator);
    await kenya.waitForSelector(`${NOTICE}[data-unread="true"]:has-text("${HEADLINE}")`);
    expect(await kenya.textContent(TASK)).toContain(`Read the official note from Kenyan Space Agency: ${HEADLINE}`);
    expect(await kenya.textContent(byTestId('waiting-count'))).toContain('(1)');
    expect(await kenya.locator(byTestId('nothing-waiting')).count()).toBe(0);
    await stage.shoot(kenya, 'notices-kenya.png');
    expect(await seriousViolations(kenya)).toEqual([]);
    // The facilitator's later message reaches the United States, so the note had time to arrive and was withheld.
    await facilitator.selectOption(byTestId('message-to'), 'public');
    await facilitator.fill(byTestId('message-text'), 'Orders open shortly.');
    await facilitator.click(byTestId('send-message'));
    await usa.waitForSelector(`${byTestId('message')}:has-text("Orders open shortly.")`);
    expect(await usa.locator(NOTICE).count()).toBe(0);
    expect(await usa.locator(TASK).count()).toBe(0);
    expect(await usa.content()).not.toContain(HEADLINE);

    // Unread, it is still there after a reload.
    await reloadSeat(kenya);
    await kenya.waitForSelector(`${NOTICE}[data-unread="true"]`);
    await kenya.waitForSelector(TASK);

    // "Read" in the task opens the note where it stands and takes the focus there; it no longer waits.
    await kenya.click(`${TASK} button`);
    await kenya.waitForSelector(`${NOTICE} ${byTestId('notice-body')}:has-text("which districts")`);
    await expect.poll(() => kenya.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: STEP_TIMEOUT_MS }).toBe('notice-inject-adhoc-1');
    await kenya.waitForSelector(TASK, { state: 'detached' });
    await kenya.click(`${NOTICE} ${byTestId('notice-close')}`);
    await kenya.waitForSelector(NOTICE, { state: 'detached' });
    // Read, it stays read after a reload; the news feed still holds it.
    await reloadSeat(kenya);
    await kenya.waitForSelector(`${byTestId('inject-adhoc-1')}:has-text("${HEADLINE}")`);
    expect(await kenya.locator(NOTICE).count()).toBe(0);
    expect(await kenya.locator(TASK).count()).toBe(0);

    // The round resolves: every seat reads the probability then and now.
    await advance(facilitator, 'Open orders');
    for (const page of everyone) await waitForPhase(page, 'orders', 1);
    const before = (await kenya.textContent(byTestId('impact-probability')))!.trim();
    await advance(facilitator, 'Resolve round');
    for (const page of everyone) await waitForPhase(page, 'resolution', 1);
    const now = (await kenya.textContent(byTestId('impact-probability')))!.trim();
    expect(now).not.toBe(before);
    for (const page of everyone) {
      await page.waitForSelector(`${byTestId('round-summary')}[data-round="1"]`);
      await expect.poll(() => page.textContent(`${byTestId('round-summary')} ${byTestId('summary-probability')}`), { timeout: STEP_TIMEOUT_MS }).toMatch(new RegExp(`^${escape(before)} → ${escape(now)} \\((up|down)\\)$`));
      expect(await page.textContent(`${byTestId('round-summary')} ${byTestId('summary-torino')}`)).toMatch(/^not rated before → \d+$/);
    }
    expect(await kenya.textContent(byTestId('summary-money'))).toMatch(/M USD left\.$/);
    expect(await facilitator.locator(byTestId('summary-money')).count()).toBe(0);
    // The projector shows it in large type and nothing to click.
    expect(await display.locator(`${byTestId('round-summary')} button`).count()).toBe(0);
    await stage.shoot(kenya, 'round-summary-kenya.png');
    await stage.shoot(display, 'round-summary-display.png');
    expect(await seriousViolations(kenya)).toEqual([]);
    expect(await seriousViolations(usa)).toEqual([]);

    // Dismissed, it stays one click away, also after a reload.
    await kenya.click(byTestId('round-summary-dismiss'));
    await kenya.waitForSelector(`${byTestId('round-summary')}[data-open="false"]`);
    expect(await kenya.textContent(byTestId('round-summary-toggle'))).toBe("Last round's summary (round 1)");
    await reloadSeat(kenya);
    await kenya.waitForSelector(`${byTestId('round-summary')}[data-open="false"]`);
    await kenya.click(byTestId('round-summary-toggle'));
    await kenya.waitForSelector(`${byTestId('round-summary')}[data-open="true"] ${byTestId('summary-probability')}`);
    expect(await kenya.textContent(byTestId('summary-probability'))).toContain(now);
    // The other seats' summaries are their own: the United States has not dismissed its one.
    await usa.waitForSelector(`${byTestId('round-summary')}[data-open="true"]`);
    // On a phone the summary fits the screen's width: nothing in it scrolls sideways.
    await kenya.setViewportSize({ width: 390, height: 844 });
    const fit = await kenya.locator(byTestId('round-summary')).evaluate((el) => ({ right: el.getBoundingClientRect().right, overflow: el.scrollWidth - el.clientWidth }));
    expect(fit.right).toBeLessThanOrEqual(390);
    expect(fit.overflow).toBeLessThanOrEqual(0);
    await stage.shoot(kenya, 'round-summary-kenya-phone.png');
    expect(stage.errors).toEqual([]);
  });
});

/** `text` as a regular expression matching it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
