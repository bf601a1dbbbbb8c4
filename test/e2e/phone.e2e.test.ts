import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, createExercise, joinAndSit, joinWithCode, LAPTOP, openSection, PHONE, PROJECTOR, seriousViolations, STEP_TIMEOUT_MS, TOUCH, useStage, waitForPhase } from './harness.js';

// A conference participant on a phone (390 × 844, touch): a whole round played without
// zooming or scrolling sideways, the current task on the first screen at every step; every
// screen at phone size passes axe and fits 360 px; screenshots of every role at three sizes.

const stage = useStage('phone');
const SMALLEST_PHONE = { width: 360, height: 740 } as const;
const TABLET = { width: 768, height: 1024 } as const;
const MISSION = 'mission-1';

/** The taps and entries the table makes, counted to compare the effort of a round (issue 14: about 33 before). */
class Effort {
  count = 0;
  async tap(page: Page, selector: string): Promise<void> {
    this.count++;
    await page.locator(selector).first().click();
  }
  async enter(page: Page, selector: string, value: string): Promise<void> {
    this.count++;
    await page.fill(selector, value);
  }
  async choose(page: Page, selector: string, value: string): Promise<void> {
    this.count++;
    await page.selectOption(selector, value);
  }
  /** Answers a confirmation if the act asked for one (a large contribution, a warning), counting the tap. */
  async confirmIfAsked(page: Page): Promise<void> {
    const dialog = page.locator(`${byTestId('confirm-dialog')}[open]`);
    const asked = await dialog
      .waitFor({ timeout: 1_500 })
      .then(() => true)
      .catch(() => false);
    if (!asked) return;
    this.count++;
    await dialog.locator(byTestId('confirm-yes')).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  }
}

/**
 * The page is no wider than the screen: nothing to scroll sideways to. Measured against the
 * viewport's width, not `innerWidth`: a mobile browser zooms out to fit a page wider than the
 * screen, and its `innerWidth` then grows with the page.
 */
async function expectNoSidewaysScroll(page: Page, step: string): Promise<void> {
  const screenWidth = page.viewportSize()!.width;
  const { scrollWidth, innerWidth, widest } = await page.evaluate((screenWidth) => {
    // The elements sticking out (the innermost last), to say what to fix when this fails.
    const outside: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > screenWidth + 0.5 && getComputedStyle(el).position !== 'fixed') {
        outside.push(`${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').replace(/\s+/g, '.')}[${el.getAttribute('data-testid') ?? ''}] ${Math.round(r.left)}–${Math.round(r.right)} px`);
      }
    }
    const widest = outside.slice(-12).join('; ');
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, widest };
  }, screenWidth);
  expect(scrollWidth, `${step}: the page scrolls sideways (${widest})`).toBeLessThanOrEqual(screenWidth);
  expect(innerWidth, `${step}: the browser zoomed out to fit a page wider than the screen (${widest})`).toBeLessThanOrEqual(screenWidth);
}

/** "Waiting for you" starts on the first screen, counted from the top of the page (no scrolling needed to reach it). */
async function expectTaskInSight(page: Page, step: string): Promise<void> {
  const { top, innerHeight } = await page.evaluate(() => {
    const box = document.querySelector('[data-testid="waiting-for-you"]')!.getBoundingClientRect();
    return { top: box.top + window.scrollY, innerHeight: window.innerHeight };
  });
  expect(top, `${step}: "Waiting for you" starts ${Math.round(top)} px down a ${innerHeight} px screen`).toBeLessThan(innerHeight);
}

async function expectFits(page: Page, step: string): Promise<void> {
  await expectNoSidewaysScroll(page, step);
  if ((await page.locator(byTestId('waiting-for-you')).count()) > 0) await expectTaskInSight(page, step);
}

describe('a participant on a phone', () => {
  it('plays a whole round at 390 × 844 by touch: join, seat, read the inject, talk, shelter with confirmation, fund, submit, ready and read the round summary, never scrolling sideways, the task always on the first screen', async () => {
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');

    // Kenya's participant joins from a phone.
    const phone = await stage.openPage(PHONE, TOUCH);
    expect(await phone.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await phone.waitForSelector(byTestId('join-code-input'));
    await expectFits(phone, 'start page');
    await phone.fill(byTestId('join-code-input'), joinCode);
    await phone.fill(byTestId('join-name'), 'Kofi (Kenya)');
    await phone.tap(byTestId('join-exercise'));
    await phone.waitForSelector(byTestId('seat-row-actor:kenya'));
    await expectFits(phone, 'seat picker');
    await phone.tap(byTestId('seat-actor:kenya'));
    await phone.waitForSelector(byTestId('player-screen'));

    // The first arrival at the seat shows how to play it, above the task, both on the first screen.
    const card = phone.locator(byTestId('first-minute'));
    await card.waitFor();
    expect(await card.getAttribute('data-role')).toBe('non-space-faring-state');
    expect(await card.textContent()).toMatch(/cannot launch/);
    await expectFits(phone, 'first arrival, how-to-play card shown');
    await stage.shoot(phone, 'phone-participant-first-minute.png');
    await phone.tap(byTestId('first-minute-dismiss'));
    await card.waitFor({ state: 'detached' });
    // Dismissed, it stays dismissed after a reload, and "How to play" brings it back.
    await phone.reload();
    await phone.waitForSelector(byTestId('player-screen'));
    expect(await phone.locator(byTestId('first-minute')).count()).toBe(0);
    await phone.tap(byTestId('how-to-play'));
    await card.waitFor();
    await phone.tap(byTestId('first-minute-dismiss'));
    await card.waitFor({ state: 'detached' });

    // The rest of a table of four sits down on laptops.
    const usa = await stage.openPage();
    await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
    const japan = await stage.openPage();
    await joinAndSit(japan, joinCode, 'Ren (Japan)', 'actor:japan');
    const astra = await stage.openPage();
    await joinAndSit(astra, joinCode, 'Ada (Astra)', 'actor:astra');
    const table = [phone, usa, japan, astra];

    // From here on, every tap and entry of the table that round 1 needs is counted.
    const effort = new Effort();
    const advanceCounted = async (label: string) => {
      effort.count++;
      await advance(facilitator, label);
    };

    // Briefing: an inject written for Kenya reaches the phone under "Now", the tab the new phase opens.
    await advanceCounted('Start round 1');
    for (const page of table) await waitForPhase(page, 'briefing', 1);
    const headline = 'Nairobi asks for satellite imagery of its coast';
    await facilitator.click(byTestId('adhoc-to-chosen'));
    await facilitator.check(byTestId('adhoc-target-kenya'));
    await facilitator.fill(byTestId('adhoc-persona'), 'Kenyan Space Agency');
    await facilitator.fill(byTestId('adhoc-headline'), headline);
    await facilitator.fill(byTestId('adhoc-body'), 'The cabinet wants to know which districts would be hit first.');
    await facilitator.click(`${byTestId('post-inject')}:not([disabled])`);
    await phone.waitForSelector(`${byTestId('section-tab-now')}[aria-selected="true"]`);
    await phone.locator(`${byTestId('inject-adhoc-1')}:has-text("${headline}")`).waitFor({ state: 'visible' });
    await expectFits(phone, 'briefing, inject read');
    await stage.shoot(phone, 'phone-participant-briefing.png');

    // Deliberation: talk is under "Now"; the phone sends a public message; the United States proposes a mission.
    await advanceCounted('Advance to deliberation');
    await waitForPhase(phone, 'deliberation', 1);
    const said = 'Kenya will pay what it can towards a deflection mission.';
    await effort.choose(phone, byTestId('message-to'), 'public');
    await effort.enter(phone, byTestId('message-text'), said);
    await effort.tap(phone, byTestId('send-message'));
    await phone.locator(`${byTestId('message')}:has-text("${said}")`).waitFor({ state: 'visible' });
    await expectFits(phone, 'deliberation, message sent');
    await effort.choose(usa, byTestId('propose-type'), 'ki-single');
    await effort.tap(usa, byTestId('propose-mission'));
    await phone.locator(byTestId(`mission-${MISSION}`)).waitFor({ state: 'visible' });
    await expectFits(phone, 'deliberation, mission proposed');
    await stage.shoot(phone, 'phone-participant-deliberation.png');

    // Orders: the orders form is under "Now"; a private word from the United States puts a badge on "Talk".
    await advanceCounted('Open orders');
    await waitForPhase(phone, 'orders', 1);
    await phone.locator(byTestId('orders-form')).waitFor({ state: 'visible' });
    const whisper = 'We will cover the rest of the mission.';
    await usa.selectOption(byTestId('message-to'), 'kenya');
    await usa.fill(byTestId('message-text'), whisper);
    await usa.click(byTestId('send-message'));
    const talkBadge = phone.locator(byTestId('section-badge-talk'));
    await expect.poll(() => talkBadge.textContent(), { timeout: STEP_TIMEOUT_MS }).toMatch(/^1/);
    await openSection(phone, 'Talk');
    await phone.locator(`${byTestId('message')}:has-text("${whisper}")`).waitFor({ state: 'visible' });
    await talkBadge.waitFor({ state: 'detached' });
    await expectFits(phone, 'orders, private message read under Talk');
    await openSection(phone, 'Now');

    // Kenya orders its people at risk to shelter (30 M USD of its 50): a costly act, so the phone asks first.
    // Not counted in the round's effort: a table need not do it to resolve the round.
    await openSection(phone, 'Orders');
    await phone.tap(byTestId('order-shelter'));
    const dialog = phone.locator(`${byTestId('confirm-dialog')}[open]`);
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/30 M USD/);
    await expectNoSidewaysScroll(phone, 'orders, shelter confirmation open');
    await stage.shoot(phone, 'phone-participant-confirm-shelter.png');
    await dialog.locator(byTestId('confirm-yes')).tap();
    await expect.poll(() => phone.textContent(byTestId('evacuation-status')), { timeout: STEP_TIMEOUT_MS }).toMatch(/shelter in place/);
    await expectFits(phone, 'orders, shelter ordered');
    await openSection(phone, 'Now');

    await effort.enter(phone, byTestId('observe-input'), '10');
    await effort.enter(phone, byTestId(`fund-input-${MISSION}`), '10');
    await effort.tap(phone, byTestId('submit-orders'));
    await effort.confirmIfAsked(phone);
    await expect.poll(() => phone.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS }).toContain('Observe 10 M USD');
    await expectFits(phone, 'orders submitted');
    await effort.tap(phone, byTestId('ready-toggle'));
    await phone.waitForSelector(`${byTestId('my-readiness')}[data-ready="true"]`);
    // Ready, the form says why it offers no mission to pay into (not that none seeks funding).
    await expect.poll(() => phone.textContent(byTestId('no-fundable-missions')), { timeout: STEP_TIMEOUT_MS }).toMatch(/You are ready/);
    await expectFits(phone, 'ready');
    await stage.shoot(phone, 'phone-participant-orders.png');

    // The others: the United States funds the rest of the mission; Japan and Astra submit empty orders.
    await effort.enter(usa, byTestId(`fund-input-${MISSION}`), '490');
    await effort.tap(usa, byTestId('submit-orders'));
    await effort.confirmIfAsked(usa);
    await effort.tap(usa, `${byTestId('ready-toggle')}:not([disabled])`);
    for (const page of [japan, astra]) {
      await effort.tap(page, `${byTestId('submit-orders')}:not([disabled])`);
      await effort.confirmIfAsked(page);
      await effort.tap(page, `${byTestId('ready-toggle')}:not([disabled])`);
    }

    // The round resolves once all four are ready; the phone's "Now" shows the round's results.
    await waitForPhase(phone, 'resolution', 1);
    await phone.locator(byTestId('result-row-1')).waitFor({ state: 'visible' });
    await expectFits(phone, 'resolution, results read');
    // The round summary: the probability then and now, and what Kenya spent and has left.
    const summary = phone.locator(byTestId('round-summary'));
    await summary.waitFor({ state: 'visible' });
    expect(await summary.locator(byTestId('summary-probability')).textContent()).toMatch(/%.*→.*%/);
    expect(await summary.locator(byTestId('summary-money')).textContent()).toMatch(/M USD/);
    await expectFits(phone, 'resolution, round summary read');
    await stage.shoot(phone, 'phone-participant-resolution.png');
    // Measured, not asserted exactly: the report quotes it; the bound keeps a regression from passing unnoticed.
    console.info(`phone.e2e: round 1 of a table of four took ${effort.count} taps and entries`);
    expect(effort.count).toBeLessThanOrEqual(22);
    expect(stage.errors).toEqual([]);
  }, 240_000);

  it('shows every screen at phone size without sideways scrolling and without serious axe violations, and screenshots each role on a phone, a laptop and a projector', async () => {
    const start = await stage.openPage(PHONE, TOUCH);
    await start.waitForSelector(byTestId('scenario-2031-kx'));
    const problems: Record<string, string[]> = {};
    problems['start page'] = await seriousViolations(start);
    await start.setViewportSize(SMALLEST_PHONE);
    await expectNoSidewaysScroll(start, 'start page at 360 px');
    for (const [size, viewport] of [
      ['projector', PROJECTOR],
      ['laptop', LAPTOP],
      ['phone', PHONE],
    ] as const) {
      await start.setViewportSize(viewport);
      await stage.shoot(start, `${size}-start.png`);
    }
    const { joinCode, evaluatorKey } = await createExercise(start, 'Fay (Control)');
    const facilitator = start;

    const picker = await stage.openPage(PHONE, TOUCH);
    await joinWithCode(picker, joinCode, 'Pat');
    problems['seat picker'] = await seriousViolations(picker);

    const seat = async (name: string, seatId: string, as?: { role: 'evaluator'; key: string }) => {
      const page = await stage.openPage(PHONE, TOUCH);
      await joinAndSit(page, joinCode, name, seatId, as);
      return page;
    };
    const pages: Record<string, Page> = {
      'space-faring-state': await seat('Uma', 'actor:usa'),
      'non-space-faring-state': await seat('Kofi', 'actor:kenya'),
      'private-company': await seat('Ada', 'actor:astra'),
      'un-body': await seat('Una', 'actor:copuos'),
      evaluator: await seat('Eva', 'evaluator', { role: 'evaluator', key: evaluatorKey }),
      display: await stage.openPage(PHONE, TOUCH),
    };
    // The projector's header folds its seat controls away: it is seated by the picker alone.
    await joinWithCode(pages.display!, joinCode, 'Projector');
    await pages.display!.tap(byTestId('seat-display'));
    await pages.display!.waitForSelector(byTestId('display-screen'));
    // The projector gets no how-to-play card; every other seat does.
    expect(await pages.display!.locator(byTestId('first-minute')).count()).toBe(0);
    expect(await pages.display!.locator(byTestId('how-to-play')).count()).toBe(0);
    await pages.evaluator!.locator(`${byTestId('first-minute')}[data-role="evaluator"]`).waitFor();
    await facilitator.locator(`${byTestId('first-minute')}[data-role="facilitator"]`).waitFor();

    // Into deliberation, where the screens hold the most.
    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    for (const page of Object.values(pages)) await waitForPhase(page, 'deliberation', 1);

    const screens: Record<string, Page> = { 'seat-picker': picker, facilitator, ...pages };
    for (const [name, page] of Object.entries(screens)) {
      problems[name] = await seriousViolations(page);
      await expectNoSidewaysScroll(page, `${name} at 390 px`);
      await page.setViewportSize(TABLET);
      await expectNoSidewaysScroll(page, `${name} at a tablet's 768 px`);
      await page.setViewportSize(SMALLEST_PHONE);
      await expectNoSidewaysScroll(page, `${name} at 360 px`);
      if (name !== 'seat-picker' && name !== 'facilitator' && name !== 'evaluator' && name !== 'display') await expectTaskInSight(page, `${name} at 360 px`);
    }
    // The sections a tap away pass axe too (the tab bar itself, and a section other than Now).
    await openSection(pages['non-space-faring-state']!, 'Orders');
    problems['player, Orders section'] = await seriousViolations(pages['non-space-faring-state']!);
    await openSection(pages['non-space-faring-state']!, 'Map');
    await expectNoSidewaysScroll(pages['non-space-faring-state']!, 'player, Map section at 360 px');
    await openSection(pages['non-space-faring-state']!, 'Now');
    expect(Object.fromEntries(Object.entries(problems).filter(([, v]) => v.length > 0))).toEqual({});

    // The same screens at a phone's, a laptop's and a projector's size.
    for (const [size, viewport] of [
      ['phone', PHONE],
      ['tablet', TABLET],
      ['laptop', LAPTOP],
      ['projector', PROJECTOR],
    ] as const) {
      for (const [name, page] of Object.entries(screens)) {
        await page.setViewportSize(viewport);
        await stage.shoot(page, `${size}-${name}.png`);
      }
    }
    expect(stage.errors).toEqual([]);
  }, 240_000);
});
