import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';

// The risk-corridor map on the player's screen and the projector: drawn from the public
// estimate, its countries loaded lazily, and described in words for screen readers.

const ARTIFACTS_DIR = resolve('test-artifacts/e2e');
const STEP_TIMEOUT_MS = 20_000;

let server: RunningServer;
let dataDir: string;
let browser: Browser;
const browserErrors: string[] = [];

const byTestId = (id: string) => `[data-testid="${id}"]`;

async function openPage(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (e) => browserErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') browserErrors.push(m.text());
  });
  await page.goto(url);
  return page;
}

async function joinAndSit(page: Page, joinCode: string, name: string, seat: string): Promise<void> {
  await page.fill(byTestId('join-code-input'), joinCode);
  await page.fill(byTestId('join-name'), name);
  await page.click(byTestId('join-exercise'));
  await page.waitForSelector(byTestId(`seat-${seat}`));
  await page.click(byTestId(`seat-${seat}`));
  await page.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-map-e2e-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'warn', clientDir: resolve('dist/client'), scenariosDir: resolve('scenarios') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the risk-corridor map', () => {
  it('draws the corridor, the predicted impact (or says it misses) and a summary for screen readers on the player screen and the display', async () => {
    const facilitator = await openPage(server.url, { width: 1280, height: 800 });
    await facilitator.waitForSelector(byTestId('scenario-2031-kx'));
    await facilitator.fill(byTestId('create-name'), 'Fay (Control)');
    await facilitator.click(byTestId('create-exercise'));
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    const joinCode = (await facilitator.textContent(byTestId('join-code')))!.trim();

    const player = await openPage(server.url, { width: 1280, height: 800 });
    await joinAndSit(player, joinCode, 'Uma (USA)', 'actor:usa');
    await player.waitForSelector(byTestId('player-screen'));
    const display = await openPage(server.url, { width: 1920, height: 1080 });
    await joinAndSit(display, joinCode, 'Projector', 'display');
    await display.waitForSelector(byTestId('display-screen'));

    const advance = facilitator.locator(byTestId('advance-phase'));
    await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('Start round 1');
    await advance.click();
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
    expect(browserErrors).toEqual([]);
  });
});
