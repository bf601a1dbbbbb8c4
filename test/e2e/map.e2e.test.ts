import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { advance, ARTIFACTS_DIR, byTestId, createExercise, joinAndSit, PROJECTOR, useStage } from './harness.js';

// The risk-corridor map on the player's screen and the projector: drawn from the public
// estimate, its countries loaded lazily, and described in words for screen readers.

const stage = useStage('map');

describe('the risk-corridor map', () => {
  it('draws the corridor, the predicted impact (or says it misses) and a summary for screen readers on the player screen and the display', async () => {
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');

    const player = await stage.openPage();
    await joinAndSit(player, joinCode, 'Uma (USA)', 'actor:usa');
    await player.waitForSelector(byTestId('player-screen'));
    const display = await stage.openPage(PROJECTOR);
    await joinAndSit(display, joinCode, 'Projector', 'display');
    await display.waitForSelector(byTestId('display-screen'));

    await advance(facilitator, 'Start round 1');
    for (const page of [facilitator, player, display]) {
      await page.waitForSelector(`${byTestId('phase')}[data-phase="briefing"]`);
    }

    for (const [page, file] of [
      [player, 'map-player.png'],
      [display, 'map-display.png'],
      [facilitator, 'map-console.png'],
    ] as const) {
      const map = page.locator(byTestId('world-map'));
      const svg = map.locator(byTestId('world-map-svg'));
      // The countries arrive in a chunk of their own; the corridor is drawn once they have.
      await svg.locator(byTestId('map-corridor')).waitFor();
      expect(await svg.locator('path.worldmap__country').count()).toBeGreaterThan(150);
      // The corridor crosses Africa: some countries under it are highlighted.
      expect(await svg.locator('path.worldmap__country--crossed').count()).toBeGreaterThan(3);
      const corridorPath = await svg.locator(byTestId('map-corridor')).getAttribute('d');
      expect(corridorPath?.length ?? 0).toBeGreaterThan(20);
      expect(await svg.locator('.worldmap__place text').allTextContents()).toEqual(expect.arrayContaining(['Central Atlantic', 'Nairobi', 'Dhaka']));

      const prediction = (await map.locator(byTestId('map-prediction')).textContent()) ?? '';
      const markers = await svg.locator(byTestId('map-predicted')).count();
      if (markers === 1) {
        expect(prediction).toMatch(/^Predicted impact (near|about)/);
        expect(await svg.locator(byTestId('map-uncertainty')).count()).toBe(1);
      } else {
        expect(prediction).toContain('Predicted to miss (mean outside the capture radius)');
      }
      expect(prediction).toMatch(/Impact probability \d/);

      expect(await svg.getAttribute('role')).toBe('img');
      const label = (await svg.getAttribute('aria-label')) ?? '';
      expect(label).toContain('risk corridor from Central Atlantic to Dhaka');
      expect(label).toMatch(/predicted (impact|to miss)/);
      expect(label).toMatch(/impact probability \d/);
      expect(await map.locator('.worldmap__legend li').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator(':text("Loading map…")').count()).toBe(0);

      await map.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, file), fullPage: page === display });
    }
    expect(stage.errors).toEqual([]);
  });
});
