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
      // The corridor's places are named, each label clear of the others (labels.ts places them).
      expect(await svg.locator('.worldmap__place text').allTextContents()).toEqual(expect.arrayContaining(['Central Atlantic', 'Dhaka']));
      const boxes = await svg.locator('[data-testid="map-labels"] text').evaluateAll((nodes) =>
        nodes.map((n) => {
          const r = n.getBoundingClientRect();
          return { text: n.textContent, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.right <= b.x + 1 || b.right <= a.x + 1 || a.bottom <= b.y + 1 || b.bottom <= a.y + 1;
          expect(apart, `${a.text} overlaps ${b.text}`).toBe(true);
        }
      }

      // The prediction names a country and a town, never a corridor waypoint, and is never a "miss" beside a real chance of impact.
      const prediction = (await map.locator(byTestId('map-prediction')).textContent()) ?? '';
      const markers = await svg.locator(byTestId('map-predicted')).count();
      if (markers === 1) {
        expect(prediction).toMatch(/^(Predicted impact|If it strikes, the predicted impact point is) (near|in|over|at) /);
        expect(prediction).not.toMatch(/from (Arabian Sea|Central Atlantic|Bay of Bengal)\b/);
        expect(await svg.locator(byTestId('map-uncertainty')).count()).toBe(1);
      } else {
        expect(prediction).toMatch(/^(Predicted to miss: the best estimate passes outside the capture radius|The best estimate passes outside the capture radius, but the chance of impact is)/);
      }
      const probability = Number(/Impact probability ([\d.]+)%|chance of impact is ([\d.]+)%/.exec(prediction)?.slice(1).find(Boolean) ?? NaN);
      expect(probability).toBeGreaterThan(0);
      if (probability > 1) expect(prediction).not.toContain('Predicted to miss');

      expect(await svg.getAttribute('role')).toBe('img');
      const label = (await svg.getAttribute('aria-label')) ?? '';
      expect(label).toContain('risk corridor from Central Atlantic to Dhaka');
      expect(label).toMatch(/predicted|best estimate/i);
      expect(label).toMatch(/(impact probability|chance of impact is) \d/i);
      expect(await map.locator('.worldmap__legend li').count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator(':text("Loading map…")').count()).toBe(0);

      await map.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS_DIR, file), fullPage: page === display });
    }
    expect(stage.errors).toEqual([]);
  });
});
