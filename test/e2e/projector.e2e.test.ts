import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, ARTIFACTS_DIR, byTestId, createExercise, joinAndSit, PROJECTOR, seriousViolations, useStage, waitForPhase } from './harness.js';

// The projector at 1920×1080: the map, the phase timer and the outcome on one screen with
// nothing to scroll, no seat controls, and map labels that never cover one another.

const stage = useStage('projector');

/** The screen boxes of the map's SVG labels, as the browser lays them out. */
async function labelBoxes(page: Page): Promise<{ text: string; x: number; y: number; width: number; height: number }[]> {
  return page.$$eval(`${byTestId('world-map-svg')} text`, (nodes) =>
    nodes
      .filter((n) => !n.closest('.worldmap__closeup'))
      .map((n) => {
        const r = n.getBoundingClientRect();
        return { text: n.textContent ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
      }),
  );
}

/** Pairs of labels whose boxes share area (a pixel of slack for anti-aliasing). */
function overlapping(boxes: { text: string; x: number; y: number; width: number; height: number }[]): string[] {
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (overlapX > 1 && overlapY > 1) pairs.push(`${a.text} / ${b.text}`);
    }
  }
  return pairs;
}

/** Whether the element is wholly inside the 1920×1080 viewport. */
async function onScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.locator(byTestId(testId)).first().boundingBox();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= PROJECTOR.width + 0.5 && box.y + box.height <= PROJECTOR.height + 0.5;
}

async function expectOneScreen(page: Page, parts: string[]) {
  const { scrollHeight, scrollWidth, innerHeight, innerWidth } = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(scrollHeight, 'the projector page scrolls').toBeLessThanOrEqual(innerHeight);
  expect(scrollWidth, 'the projector page scrolls sideways').toBeLessThanOrEqual(innerWidth);
  for (const part of parts) expect(await onScreen(page, part), `${part} is wholly on the projector's screen`).toBe(true);
  // The projector holds no seat: nothing to release or leave.
  for (const control of ['release-seat', 'leave-exercise']) {
    const visible = await page.locator(byTestId(control)).isVisible().catch(() => false);
    expect(visible, `${control} is visible on the projector`).toBe(false);
  }
  expect(overlapping(await labelBoxes(page))).toEqual([]);
}

describe('the projector', () => {
  it('keeps the map, a large phase timer and the outcome on one 1920×1080 screen, with no seat controls and no overlapping map labels', async () => {
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');
    const display = await stage.openPage(PROJECTOR);
    await joinAndSit(display, joinCode, 'Projector', 'display');
    await display.waitForSelector(byTestId('display-screen'));

    await advance(facilitator, 'Start round 1');
    await waitForPhase(display, 'briefing', 1);
    await facilitator.fill(byTestId('timer-minutes'), '12');
    await facilitator.click(`${byTestId('start-timer')}:not([disabled])`);
    const timer = display.locator(byTestId('display-timer'));
    await timer.waitFor();
    expect(await timer.textContent()).toMatch(/^1[12]:\d\d$/);
    // Readable from the back of the room.
    const timerPx = await timer.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(timerPx).toBeGreaterThanOrEqual(64);
    await display.locator(`${byTestId('world-map-svg')} ${byTestId('map-corridor')}`).waitFor();
    await expectOneScreen(display, ['display-timer', 'display-countdown', 'display-probability', 'world-map-svg']);
    await display.screenshot({ path: join(ARTIFACTS_DIR, 'projector-briefing.png') });

    // Five rounds with nobody at the table: the asteroid arrives undeflected.
    for (let round = 1; round <= 5; round++) {
      if (round > 1) await advance(facilitator, `Start round ${round}`);
      await advance(facilitator, 'Advance to deliberation');
      await advance(facilitator, 'Open orders');
      await advance(facilitator, 'Resolve round');
      await waitForPhase(display, 'resolution', round);
    }
    await display.waitForSelector(`${byTestId('outcome')}[data-outcome="impact"]`);
    await display.locator(`${byTestId('world-map-svg')} ${byTestId('map-impact')}`).waitFor();
    await facilitator.fill(byTestId('timer-minutes'), '5');
    await facilitator.click(`${byTestId('start-timer')}:not([disabled])`);
    await timer.waitFor();

    // The map names the impact by its country and nearest large town.
    expect(await display.textContent(`${byTestId('world-map')} ${byTestId('map-prediction')}`)).toMatch(/^Impact (near|in|over|at) .+\(\d/);
    await expectOneScreen(display, ['display-timer', 'world-map-svg', 'outcome']);
    // The outcome sits beside the map, not above it.
    const map = (await display.locator(byTestId('world-map-svg')).boundingBox())!;
    const outcome = (await display.locator(byTestId('outcome')).boundingBox())!;
    expect(outcome.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(map.height).toBeGreaterThan(400);
    expect(await seriousViolations(display)).toEqual([]);
    await display.screenshot({ path: join(ARTIFACTS_DIR, 'projector-impact.png') });
    expect(stage.errors).toEqual([]);
  });
});
