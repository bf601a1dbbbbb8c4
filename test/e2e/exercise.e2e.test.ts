import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { ExerciseRoom } from '../../server/room.js';
import { stateHash, type ExerciseState } from '../../shared/engine/index.js';
import { ARTIFACTS_DIR, byTestId, confirm, createExercise, joinAndSit, joinWithCode, PROJECTOR, seriousViolations, STEP_TIMEOUT_MS, useStage, waitForPhase as waitForPhaseOf } from './harness.js';

// A whole exercise played through the browser UI only: a facilitator, actors, an evaluator
// and a projector, each in its own browser profile (its own storage).

const stage = useStage('exercise');

interface Player {
  name: string;
  seat: string;
  actorId: string;
  /** Observation funding every round, and the contribution to the mission the United States proposes in round 1. */
  observeMUsd: number;
  missionMUsd: number;
  page?: Page;
}

// The three contributions add up to the 500 M USD a single kinetic impactor costs, within each actor's budget.
const players: Player[] = [
  { name: 'Uma (USA)', seat: 'actor:usa', actorId: 'usa', observeMUsd: 100, missionMUsd: 400 },
  { name: 'Kofi (Kenya)', seat: 'actor:kenya', actorId: 'kenya', observeMUsd: 10, missionMUsd: 30 },
  { name: 'Ada (Astra)', seat: 'actor:astra', actorId: 'astra', observeMUsd: 30, missionMUsd: 70 },
];
const MISSION = 'mission-1';
const AGREEMENT = 'agreement-1';
const RESOLUTION = 'resolution-1';
const BID = 'bid-1';
const ASSISTANCE_TEXT = 'Kenya asks the United States for airlift capacity should the impact point fall on its coast.';
const [usa, kenya, astra] = players as [Player, Player, Player];

/** Opens a new profile on the app, at the projector's size if asked. */
const openPage = (viewport?: { width: number; height: number }) => stage.openPage(viewport);

/** Opens a new page, creates an exercise from the start page and waits for the facilitator console. */
async function createExerciseFromUi(): Promise<{ facilitator: Page; joinCode: string }> {
  const facilitator = await openPage();
  const { joinCode } = await createExercise(facilitator, 'Fay (Control)');
  return { facilitator, joinCode };
}

const waitForPhase = (page: Page, phase: string, round: number) => waitForPhaseOf(page, phase, round);

/** Sends a message from the composer: 'public' or one actor id. */
async function sendMessage(page: Page, to: string, text: string): Promise<void> {
  await page.selectOption(byTestId('message-to'), to);
  await page.fill(byTestId('message-text'), text);
  await page.click(byTestId('send-message'));
  await page.waitForSelector(`${byTestId('message')}:has-text("${text}")`);
}

async function countMessages(page: Page, text: string): Promise<number> {
  return page.locator(byTestId('message'), { hasText: text }).count();
}

/** The cells of a round's row in the results table: date, observation, mission funding, probability, Torino, Palermo. */
async function resultCells(page: Page, round: number): Promise<string[]> {
  return (await page.locator(`${byTestId(`result-row-${round}`)} td`).allTextContents()).map((t) => t.trim());
}

async function waitForMissionStatus(page: Page, missionId: string, status: string): Promise<void> {
  await page.waitForSelector(`${byTestId(`mission-${missionId}`)}[data-status="${status}"]`);
}

const shoot = (page: Page, file: string) => stage.shoot(page, file);

describe('an exercise played in the browser', () => {
  it('lets a facilitator and three actors play two rounds, agree on assistance, fund and launch a mission, keeping private messages and agreements private', async () => {
    // The facilitator creates the exercise from the start page.
    const facilitator = await openPage();
    await facilitator.waitForSelector(byTestId('scenario-2031-kx'));
    await shoot(facilitator, 'start.png');
    await facilitator.fill(byTestId('create-name'), 'Fay (Control)');
    await facilitator.click(byTestId('create-exercise'));
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    const joinCode = (await facilitator.textContent(byTestId('join-code')))!.trim();
    const facilitatorKey = (await facilitator.textContent(byTestId('facilitator-key')))!.trim();
    const evaluatorKey = (await facilitator.textContent(byTestId('evaluator-key')))!.trim();
    const debriefKey = (await facilitator.textContent(byTestId('debrief-key')))!.trim();
    const exerciseId = (await facilitator.textContent(byTestId('exercise-id')))!.trim();
    expect(joinCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(facilitatorKey.length).toBeGreaterThan(10);
    // Three keys, each for its own people: none opens what another does.
    expect(evaluatorKey.length).toBeGreaterThan(10);
    expect(debriefKey.length).toBeGreaterThan(10);
    expect(new Set([facilitatorKey, evaluatorKey, debriefKey]).size).toBe(3);
    expect(exerciseId.length).toBeGreaterThan(0);

    // Three actors, an evaluator and the projector join with the code and take their seats.
    for (const [i, p] of players.entries()) {
      p.page = await openPage();
      await joinWithCode(p.page, joinCode, p.name);
      if (i === 0) await shoot(p.page, 'seat-picker.png');
      await p.page.click(byTestId(`seat-${p.seat}`));
      await p.page.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);
      await p.page.waitForSelector(byTestId('player-screen'));
    }
    const evaluator = await openPage();
    // The evaluator sees the hidden truth, so joins with the evaluator key the facilitator handed out.
    await joinAndSit(evaluator, joinCode, 'Eve (Evaluator)', 'evaluator', { role: 'evaluator', key: evaluatorKey });
    await evaluator.waitForSelector(byTestId('evaluator-screen'));
    const display = await openPage();
    await joinAndSit(display, joinCode, 'Projector', 'display');
    await display.waitForSelector(byTestId('display-screen'));

    const everyone = [facilitator, usa.page!, kenya.page!, astra.page!, evaluator, display];
    // The facilitator sees every seated actor.
    for (const p of players) {
      await facilitator.waitForSelector(`${byTestId(`seat-status-${p.seat}`)}:has-text("${p.name}")`);
    }

    for (const round of [1, 2]) {
      // Briefing: the facilitator starts the round.
      const advance = facilitator.locator(byTestId('advance-phase'));
      await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe(`Start round ${round}`);
      await advance.click();
      for (const page of everyone) await waitForPhase(page, 'briefing', round);
      if (round === 2) {
        // Round 2's scripted inject goes to Japan and Bangladesh (not seated here): the control cell reads it with what to expect.
        await facilitator.waitForSelector(`${byTestId('inject-dual-use-worry')}[data-channel="intelligence"] ${byTestId('controller-note')}`);
        expect(await facilitator.textContent(byTestId('inject-dual-use-worry'))).toContain('Expected action:');
        for (const p of players) expect(await p.page!.locator(byTestId('inject-dual-use-worry')).count()).toBe(0);
      }

      // Deliberation: public and private messages.
      await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('Advance to deliberation');
      await advance.click();
      for (const page of everyone) await waitForPhase(page, 'deliberation', round);

      if (round === 1) {
        // Kenya asks the United States for assistance; it can withdraw the request until the United States answers.
        const kenyaPage = kenya.page!;
        await kenyaPage.selectOption(byTestId('agreement-kind'), 'assistance');
        await kenyaPage.selectOption(byTestId('agreement-parties'), ['usa']);
        await kenyaPage.fill(byTestId('agreement-text'), ASSISTANCE_TEXT);
        await kenyaPage.click(byTestId('propose-agreement'));
        await kenyaPage.waitForSelector(`${byTestId(`withdraw-${AGREEMENT}`)}:not([disabled])`);
        expect(await kenyaPage.locator(byTestId(`accept-${AGREEMENT}`)).count()).toBe(0);
        await usa.page!.waitForSelector(`${byTestId(`accept-${AGREEMENT}`)}:not([disabled])`);
        expect(await usa.page!.textContent(byTestId(`agreement-${AGREEMENT}`))).toContain(ASSISTANCE_TEXT);
        await usa.page!.click(byTestId(`accept-${AGREEMENT}`));
        for (const page of [kenyaPage, usa.page!, facilitator, evaluator]) {
          await page.waitForSelector(`${byTestId(`agreement-${AGREEMENT}`)}[data-status="accepted"]`);
          expect(await page.textContent(byTestId(`agreement-status-${AGREEMENT}`))).toMatch(/accepted/i);
          expect(await page.textContent(byTestId(`agreement-answers-${AGREEMENT}`))).toContain('United States: accepted');
        }
        // Answered, the request can no longer be withdrawn or answered again.
        await kenyaPage.waitForSelector(byTestId(`withdraw-${AGREEMENT}`), { state: 'detached' });
        await usa.page!.waitForSelector(byTestId(`accept-${AGREEMENT}`), { state: 'detached' });
      }

      const publicText = `Round ${round}: the United States proposes a joint kinetic-impactor campaign.`;
      const privateText = `Round ${round}: Kenya, we will guarantee assistance if you offer Malindi.`;
      const replyText = `Round ${round}: Malindi is yours; we pledge what we can.`;
      const controlText = `Round ${round}: Control reminds the table that orders open shortly.`;
      await sendMessage(usa.page!, 'kenya', privateText);
      await sendMessage(kenya.page!, 'usa', replyText);
      await sendMessage(usa.page!, 'public', publicText);
      await sendMessage(facilitator, 'public', controlText);

      // Everyone sees the public messages; only Kenya (and the control cell) the private ones.
      for (const page of everyone) {
        await page.waitForSelector(`:text("${publicText}")`);
        await page.waitForSelector(`:text("${controlText}")`);
      }
      await kenya.page!.waitForSelector(`${byTestId('conversation-usa')} ${byTestId('message')}:has-text("${privateText}")`);
      await usa.page!.waitForSelector(`${byTestId('conversation-kenya')} ${byTestId('message')}:has-text("${replyText}")`);
      await facilitator.waitForSelector(`${byTestId('message')}:has-text("${privateText}")`);
      // Astra has already received the later public messages, so a missing private one is really withheld.
      expect(await countMessages(astra.page!, privateText)).toBe(0);
      expect(await countMessages(astra.page!, replyText)).toBe(0);
      expect(await countMessages(display, privateText)).toBe(0);
      expect(await astra.page!.content()).not.toContain('we will guarantee assistance');
      // Nor do they see the agreement between Kenya and the United States.
      for (const page of [astra.page!, display]) {
        expect(await page.locator(byTestId(`agreement-${AGREEMENT}`)).count()).toBe(0);
        expect(await page.content()).not.toContain(ASSISTANCE_TEXT);
      }

      if (round === 1) {
        // The United States proposes a kinetic impactor that its own agency flies, pushing toward the corridor's end.
        // Kenya can never propose: instead of a shut form, it reads what it can do.
        expect(await kenya.page!.locator(byTestId('propose-mission')).count()).toBe(0);
        expect(await kenya.page!.textContent(byTestId('propose-closed'))).toContain('you can contribute to one under Orders');
        await usa.page!.selectOption(byTestId('propose-type'), 'ki-single');
        await usa.page!.selectOption(byTestId('propose-direction'), 'toward-end');
        await usa.page!.selectOption(byTestId('propose-provider'), 'usa');
        await usa.page!.click(byTestId('propose-mission'));
        for (const page of everyone) await waitForMissionStatus(page, MISSION, 'proposed');
        const card = (await kenya.page!.textContent(byTestId(`mission-${MISSION}`)))!;
        expect(card).toContain('Kinetic impactor (United States)');
        expect(card).toContain('toward Dhaka');
        expect(card).toContain('0 M USD of 500 M USD funded');

        // Astra Dynamics bids to build and fly the mission; only the United States, its lead, can hire it.
        expect(await usa.page!.locator(byTestId(`submit-bid-${MISSION}`)).count()).toBe(0);
        await astra.page!.fill(byTestId(`bid-price-${MISSION}`), '500');
        await astra.page!.fill(byTestId(`bid-build-${MISSION}`), '18');
        await astra.page!.fill(byTestId(`bid-reliability-${MISSION}`), '92');
        await astra.page!.click(`${byTestId(`submit-bid-${MISSION}`)}:not([disabled])`);
        for (const page of everyone) await page.waitForSelector(`${byTestId(`bid-${BID}`)}[data-status="open"]`);
        expect(await kenya.page!.locator(byTestId(`accept-${BID}`)).count()).toBe(0);
        await usa.page!.click(`${byTestId(`accept-${BID}`)}:not([disabled])`);
        for (const page of everyone) {
          await page.waitForSelector(`${byTestId(`bid-${BID}`)}[data-status="accepted"]`);
          await expect.poll(() => page.textContent(byTestId(`mission-provider-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toBe('Astra Dynamics');
        }
        expect(await kenya.page!.textContent(byTestId(`mission-reliability-${MISSION}`))).toBe('92%');
        // A US company's mission needs the United States' authorisation (OST art. VI).
        await usa.page!.click(`${byTestId(`authorise-${MISSION}`)}:not([disabled])`);
        await expect.poll(() => kenya.page!.textContent(byTestId(`mission-authorisation-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toContain('granted');

        // Kenya offers a ground station in kind; everyone sees it listed, and the mission's reliability rises.
        await kenya.page!.click(`${byTestId(`inkind-ground-station-${MISSION}`)}:not([disabled])`);
        for (const page of everyone) {
          await expect.poll(() => page.textContent(byTestId(`mission-inkind-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toContain('Kenya (ground station)');
        }
        expect(await astra.page!.textContent(byTestId(`mission-reliability-${MISSION}`))).toBe('95%');
        expect(await kenya.page!.isDisabled(byTestId(`inkind-ground-station-${MISSION}`))).toBe(true);

        // A public statement reaches every seat through the news.
        const statement = 'The United States will lead a kinetic impactor and invites every state to share its cost.';
        await usa.page!.fill(byTestId('statement-text'), statement);
        await usa.page!.click(byTestId('post-statement'));
        for (const page of everyone) await page.waitForSelector(`:text("${statement}")`);
        await expect.poll(() => usa.page!.inputValue(byTestId('statement-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
      }

      // Orders: each actor submits and marks ready; the last one ready resolves the round.
      await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('Open orders');
      await advance.click();
      for (const page of everyone) await waitForPhase(page, 'orders', round);

      for (const p of players) {
        const page = p.page!;
        await page.fill(byTestId('observe-input'), String(p.observeMUsd));
        if (round === 1) {
          await page.fill(byTestId(`fund-input-${MISSION}`), String(p.missionMUsd));
        } else {
          // Fully funded in round 1, the mission takes no more money.
          expect(await page.locator(byTestId(`fund-input-${MISSION}`)).count()).toBe(0);
        }
        await page.click(byTestId('submit-orders'));
        // Round 1's contributions are each a quarter of the balance or more: the form asks first.
        if (round === 1) await confirm(page);
        await expect
          .poll(() => page.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS })
          .toContain(`Observe ${p.observeMUsd} M USD`);
        if (round === 1) expect(await page.textContent(byTestId('submitted-orders'))).toContain(`${p.missionMUsd} M USD`);
        await page.click(byTestId('ready-toggle'));
        await page.waitForSelector(`${byTestId('my-readiness')}[data-ready="true"], ${byTestId('phase')}[data-phase="resolution"]`);
      }

      // Resolution: everyone sees the round's results.
      for (const page of everyone) {
        await waitForPhase(page, 'resolution', round);
        await page.waitForSelector(byTestId(`result-row-${round}`));
      }
      const cells = await resultCells(usa.page!, round);
      expect(cells[1]).toBe('140 M USD'); // observation: 100 + 10 + 30
      expect(cells[2]).toBe(round === 1 ? '500 M USD' : '0 M USD'); // mission funding: 400 + 30 + 70, then nothing
      expect(cells[4]).toMatch(/^\d+$/); // Torino scale
      if (round === 1) {
        // Paid in full, the mission is being built; everyone sees it on the missions board.
        for (const page of everyone) await waitForMissionStatus(page, MISSION, 'building');
        for (const page of [kenya.page!, display]) {
          await expect.poll(() => page.textContent(byTestId(`mission-status-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toMatch(/being built/i);
        }
        expect(await astra.page!.textContent(byTestId(`mission-funding-${MISSION}`))).toContain('500 M USD of 500 M USD funded');
        await shoot(usa.page!, 'missions-usa-round1.png');
      }
    }

    // Screens at the end of round 2, results visible.
    await shoot(facilitator, 'facilitator.png');
    await shoot(usa.page!, 'participant-usa.png');
    await shoot(kenya.page!, 'participant-kenya.png');
    await shoot(astra.page!, 'participant-astra.png');
    await shoot(evaluator, 'evaluator.png');
    await shoot(display, 'display.png');

    // Eighteen months after funding, the mission is built by the round 3 date.
    for (const page of everyone) await waitForMissionStatus(page, MISSION, 'ready');

    // The next round starts for everyone; in deliberation its lead, and only its lead, can launch the mission.
    await facilitator.click(byTestId('advance-phase'));
    for (const page of everyone) await waitForPhase(page, 'briefing', 3);
    // Round 3's inject goes to the whole table, through the news; controller notes stay with the control cell.
    for (const page of [usa.page!, astra.page!, facilitator]) await page.waitForSelector(`${byTestId('inject-astra-goes-alone')}[data-channel="news"]`);
    expect(await astra.page!.locator(`${byTestId('inject-astra-goes-alone')} ${byTestId('controller-note')}`).count()).toBe(0);
    expect(await facilitator.locator(`${byTestId('inject-astra-goes-alone')} ${byTestId('controller-note')}`).count()).toBe(1);
    await shoot(usa.page!, 'participant-usa-round3.png');
    expect(await usa.page!.isDisabled(byTestId(`launch-${MISSION}`))).toBe(true);
    await facilitator.click(byTestId('advance-phase'));
    for (const page of everyone) await waitForPhase(page, 'deliberation', 3);
    expect(await kenya.page!.locator(byTestId(`launch-${MISSION}`)).count()).toBe(0);
    await usa.page!.click(byTestId(`launch-${MISSION}`));
    await confirm(usa.page!);
    for (const page of everyone) await waitForMissionStatus(page, MISSION, 'launch-ordered');
    await shoot(usa.page!, 'participant-usa-launch.png');

    // The facilitator's key opens the event log, which holds both resolutions.
    const res = await fetch(`${stage.server.url}/api/exercises/${exerciseId}/events`, { headers: { 'x-facilitator-key': facilitatorKey } });
    expect(res.status).toBe(200);
    const log = (await res.json()) as { events: { type: string; data: { type: string; round?: number } }[] };
    const resolved = log.events.filter((e) => e.type === 'RoundResolved');
    expect(resolved.map((e) => e.data.round)).toEqual([1, 2]);
    expect(log.events.filter((e) => e.type === 'MessagePosted').length).toBe(8);

    // Replaying the stored log gives the state the room showed, and any prefix replays.
    const replayAt = async (at?: number) => {
      const r = await fetch(`${stage.server.url}/api/exercises/${exerciseId}/state${at === undefined ? '' : `?at=${at}`}`, {
        headers: { 'x-facilitator-key': facilitatorKey },
      });
      expect(r.status).toBe(200);
      return (await r.json()) as { hash: string; state: ExerciseState };
    };
    const live = (matchMaker.getLocalRoomById(exerciseId) as ExerciseRoom).exerciseState;
    const final = await replayAt();
    expect(final.hash).toBe(stateHash(live));
    expect(final.state.round).toBe(3);
    const firstResolution = log.events.findIndex((e) => e.type === 'RoundResolved') + 1;
    expect((await replayAt(firstResolution)).state.results).toHaveLength(1);
    expect((await replayAt(firstResolution - 1)).state.results).toHaveLength(0);
    expect(stage.errors).toEqual([]);
  });
  it('plays a whole exercise with one actor of each kind and the projector: negotiated cost sharing, a hired company, a UN endorsement, a launch, a deflection that drags the impact into Uganda, the findings and the end', async () => {
    // Seed 2031 fixes every draw, so this table's moves always end the same way: the impactor
    // pushes the impact point west out of Kenya into Uganda (the same story the engine's
    // scripted tests tell), which the map, the outcome and the findings must all show.
    const facilitator = await openPage();
    await facilitator.waitForSelector(byTestId('scenario-2031-kx'));
    await facilitator.fill(byTestId('create-name'), 'Fay (Control)');
    await facilitator.click('summary:has-text("Rehearsal options")');
    await facilitator.fill(byTestId('create-seed'), 'twenty');
    expect(await facilitator.textContent(byTestId('create-seed-help'))).toContain("'twenty' is not");
    expect(await facilitator.isDisabled(byTestId('create-exercise'))).toBe(true);
    await facilitator.fill(byTestId('create-seed'), '2031');
    await facilitator.click(`${byTestId('create-exercise')}:not([disabled])`);
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    const joinCode = (await facilitator.textContent(byTestId('join-code')))!.trim();
    const exerciseId = (await facilitator.textContent(byTestId('exercise-id')))!.trim();

    // One seat of each kind: a space-faring state, a non-space-faring state, a company, the UN; and the projector.
    const usaPage = await openPage();
    await joinAndSit(usaPage, joinCode, 'Uma (USA)', 'actor:usa');
    const kenyaPage = await openPage();
    await joinAndSit(kenyaPage, joinCode, 'Kofi (Kenya)', 'actor:kenya');
    const astraPage = await openPage();
    await joinAndSit(astraPage, joinCode, 'Ada (Astra)', 'actor:astra');
    const unPage = await openPage();
    await joinAndSit(unPage, joinCode, 'Ula (COPUOS)', 'actor:copuos');
    const display = await openPage(PROJECTOR);
    await joinAndSit(display, joinCode, 'Projector', 'display');
    await display.waitForSelector(byTestId('display-screen'));
    const actorPages = [usaPage, kenyaPage, astraPage, unPage];
    const everyone = [facilitator, ...actorPages, display];
    for (const [seat, name] of [['actor:usa', 'Uma'], ['actor:kenya', 'Kofi'], ['actor:astra', 'Ada'], ['actor:copuos', 'Ula']]) {
      await facilitator.waitForSelector(`${byTestId(`seat-status-${seat}`)}:has-text("${name}")`);
    }

    const advance = facilitator.locator(byTestId('advance-phase'));
    const advanceTo = async (label: string, phase: string, round: number) => {
      await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe(label);
      await advance.click();
      for (const page of everyone) await waitForPhase(page, phase, round);
    };
    const submitAndReady = async (page: Page, observeMUsd: number, funding: Record<string, number> = {}) => {
      await page.fill(byTestId('observe-input'), String(observeMUsd));
      for (const [id, amount] of Object.entries(funding)) await page.fill(byTestId(`fund-input-${id}`), String(amount));
      await page.click(byTestId('submit-orders'));
      // Every contribution in this script is 100 M USD or a quarter of the balance: the form asks first.
      if (Object.keys(funding).length > 0) await confirm(page);
      await expect.poll(() => page.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS }).toContain(`Observe ${observeMUsd} M USD`);
      await page.click(byTestId('ready-toggle'));
      await page.waitForSelector(`${byTestId('my-readiness')}[data-ready="true"], ${byTestId('phase')}[data-phase="resolution"]`);
    };
    const COST_SHARES = { usa: 400, kenya: 30, astra: 70 };

    for (let round = 1; round <= 5; round++) {
      await advanceTo(`Start round ${round}`, 'briefing', round);
      if (round === 1) {
        // Every screen before anything happens, each at its own size.
        await shoot(facilitator, 'whole-facilitator-briefing.png');
        await shoot(display, 'whole-display-briefing.png');
        // The projector's whole public picture — date, countdown, probability, map and the latest news — fits one 1920×1080 screen.
        await display.locator(byTestId('ticker')).waitFor();
        for (const part of ['display-countdown', 'display-probability', 'world-map-svg', 'ticker']) {
          const box = await display.locator(byTestId(part)).boundingBox();
          expect(box && box.y >= 0 && box.y + box.height <= PROJECTOR.height, `${part} is on the projector's first screen`).toBe(true);
        }
        expect(await display.textContent(byTestId('display-countdown'))).toMatch(/^[\d,]+ days$/);
        expect(await kenyaPage.textContent(byTestId('torino'))).toContain('rated at the first resolution');
      }
      await advanceTo('Advance to deliberation', 'deliberation', round);
      if (round === 1) {
        // The United States proposes a kinetic impactor pushing toward the corridor's start (west, away from Nairobi).
        await usaPage.selectOption(byTestId('propose-type'), 'ki-single');
        await usaPage.selectOption(byTestId('propose-direction'), 'toward-start');
        await usaPage.selectOption(byTestId('propose-provider'), 'usa');
        await usaPage.click(byTestId('propose-mission'));
        for (const page of everyone) await waitForMissionStatus(page, MISSION, 'proposed');
        // Its preview says first, in plain words, what a single impactor can do: move the impact point, not remove it.
        expect(await kenyaPage.textContent(byTestId(`mission-preview-${MISSION}-headline`))).toMatch(
          /Moves the impact point about [\d,]+ km toward Central Atlantic: along the corridor, not off the Earth/,
        );

        // The company bids, the lead hires it, and the company's state authorises it (OST art. VI).
        await astraPage.fill(byTestId(`bid-price-${MISSION}`), '500');
        await astraPage.fill(byTestId(`bid-build-${MISSION}`), '18');
        await astraPage.fill(byTestId(`bid-reliability-${MISSION}`), '92');
        await astraPage.click(`${byTestId(`submit-bid-${MISSION}`)}:not([disabled])`);
        // The lead reads in its "Waiting for you" list that a bid needs an answer, and follows the link to it.
        await usaPage.waitForSelector(byTestId(`task-bid-${BID}`));
        expect(await usaPage.textContent(byTestId(`task-bid-${BID}`))).toContain('Astra Dynamics offers to build Kinetic impactor');
        await usaPage.click(`${byTestId(`task-bid-${BID}`)} a`);
        expect(new URL(usaPage.url()).hash).toBe(`#bid-card-${BID}`);
        await usaPage.click(`${byTestId(`accept-${BID}`)}:not([disabled])`);
        await usaPage.waitForSelector(byTestId(`task-bid-${BID}`), { state: 'detached' });
        await expect.poll(() => kenyaPage.textContent(byTestId(`mission-provider-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toBe('Astra Dynamics');
        await usaPage.click(`${byTestId(`authorise-${MISSION}`)}:not([disabled])`);
        await expect.poll(() => kenyaPage.textContent(byTestId(`mission-authorisation-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toContain('granted');

        // The United States proposes to share the cost with Kenya and Astra; both accept; the UN body is not a party.
        await usaPage.selectOption(byTestId('agreement-kind'), 'cost-sharing');
        await usaPage.selectOption(byTestId('agreement-parties'), ['kenya', 'astra']);
        await usaPage.selectOption(byTestId('agreement-mission'), MISSION);
        for (const [id, share] of Object.entries(COST_SHARES)) await usaPage.fill(byTestId(`agreement-share-${id}`), String(share));
        await usaPage.fill(byTestId('agreement-text'), 'We pay for the impactor together this round: 400, 30 and 70 M USD.');
        await usaPage.click(`${byTestId('propose-agreement')}:not([disabled])`);
        for (const page of [kenyaPage, astraPage]) {
          await page.waitForSelector(byTestId(`task-agreement-${AGREEMENT}`));
          expect(await page.textContent(byTestId(`task-agreement-${AGREEMENT}`))).toContain('United States proposes cost sharing');
        }
        expect(await unPage.locator(byTestId(`task-agreement-${AGREEMENT}`)).count()).toBe(0);
        for (const page of [kenyaPage, astraPage]) await page.click(`${byTestId(`accept-${AGREEMENT}`)}:not([disabled])`);
        for (const page of [usaPage, kenyaPage, astraPage, facilitator]) {
          await page.waitForSelector(`${byTestId(`agreement-${AGREEMENT}`)}[data-status="accepted"]`);
          expect(await page.textContent(byTestId(`agreement-shares-${AGREEMENT}`))).toContain('Kenya 30 M USD');
        }
        // Not a party, COPUOS never sees the deal, nor does the projector.
        for (const page of [unPage, display]) expect(await page.locator(byTestId(`agreement-${AGREEMENT}`)).count()).toBe(0);

        // COPUOS puts the mission's endorsement to the vote; the states vote, the UN body and the company do not.
        await unPage.selectOption(byTestId('resolution-kind'), 'endorse-mission');
        await unPage.selectOption(byTestId('resolution-mission'), MISSION);
        await unPage.click(byTestId('propose-resolution'));
        for (const page of [facilitator, ...actorPages]) await page.waitForSelector(`${byTestId(`resolution-${RESOLUTION}`)}[data-status="open"]`);
        for (const page of [unPage, astraPage]) expect(await page.locator(byTestId(`vote-${RESOLUTION}-yes`)).count()).toBe(0);
        await kenyaPage.waitForSelector(byTestId(`task-resolution-${RESOLUTION}`));
        expect(await astraPage.locator(byTestId(`task-resolution-${RESOLUTION}`)).count()).toBe(0);
        await usaPage.click(`${byTestId(`vote-${RESOLUTION}-yes`)}:not([disabled])`);
        await kenyaPage.click(`${byTestId(`vote-${RESOLUTION}-yes`)}:not([disabled])`);
        await kenyaPage.waitForSelector(byTestId(`task-resolution-${RESOLUTION}`), { state: 'detached' });
        await expect.poll(() => facilitator.textContent(byTestId(`resolution-tally-${RESOLUTION}`)), { timeout: STEP_TIMEOUT_MS }).toMatch(/Yes 2.*No 0.*Abstain 0/);
        for (const [page, file] of [[usaPage, 'whole-usa-deliberation.png'], [kenyaPage, 'whole-kenya-deliberation.png'], [astraPage, 'whole-astra-deliberation.png'], [unPage, 'whole-copuos-deliberation.png']] as const) {
          await shoot(page, file);
        }
      }
      if (round === 3) {
        expect(await usaPage.textContent(byTestId(`task-launch-${MISSION}`))).toContain('ready to launch');
        await usaPage.click(`${byTestId(`launch-${MISSION}`)}:not([disabled])`);
        await confirm(usaPage);
        for (const page of everyone) await waitForMissionStatus(page, MISSION, 'launch-ordered');
      }
      if (round === 4) {
        // The map rings the predicted point with what a strike there would do, for the largest size the body may have.
        const kenyaMap = kenyaPage.locator(byTestId('world-map'));
        for (const part of ['map-predicted', 'map-if-severe-ring', 'map-if-exposed-ring', 'map-closeup', 'map-closeup-ring-if-severe', 'map-closeup-ring-if-exposed']) {
          await kenyaMap.locator(byTestId(part)).waitFor();
        }
        expect(await kenyaMap.locator(byTestId('map-if-strikes')).textContent()).toMatch(
          /^If it strikes there, wood-frame houses collapse within [\d,]+–[\d,]+ km and windows shatter within [\d,]+–[\d,]+ km, depending on its size \(120–320 m\)\.$/,
        );
        expect(await kenyaMap.locator('.worldmap__legend').textContent()).toContain('for the largest size, 320 m');
        await kenyaMap.screenshot({ path: join(ARTIFACTS_DIR, 'whole-kenya-predicted-strike.png') });
        // Kenya, inside the likely impact stretch, evacuates; the order is public.
        await kenyaPage.click(`${byTestId('order-evacuation')}:not([disabled])`);
        await confirm(kenyaPage);
        for (const page of [facilitator, ...actorPages]) await expect.poll(() => page.textContent(byTestId('evacuations')), { timeout: STEP_TIMEOUT_MS }).toContain('Kenya');
      }
      await advanceTo('Open orders', 'orders', round);
      for (const page of actorPages) await page.waitForSelector(byTestId('task-orders'));
      // Round 1: each party pays its share of the agreement with its orders.
      // The United States keeps observing, so the estimate closes in on the truth before the encounter.
      await submitAndReady(usaPage, round === 1 ? 50 : 100, round === 1 ? { [MISSION]: COST_SHARES.usa } : {});
      if (round === 1) {
        // Before Kenya pays in, the form says what paying means in law (issue 14: nothing warned it when it paid in).
        await kenyaPage.fill(byTestId(`fund-input-${MISSION}`), String(COST_SHARES.kenya));
        await expect.poll(() => kenyaPage.textContent(byTestId(`commitment-warnings-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toContain('does not make you a launching state');
      }
      await submitAndReady(kenyaPage, 0, round === 1 ? { [MISSION]: COST_SHARES.kenya } : {});
      await submitAndReady(astraPage, 0, round === 1 ? { [MISSION]: COST_SHARES.astra } : {});
      await submitAndReady(unPage, 0);
      for (const page of everyone) await waitForPhase(page, 'resolution', round);
      if (round === 1) {
        // Kept in full, the agreement is fulfilled; the resolution carried; the mission is paid for and being built.
        for (const page of [usaPage, kenyaPage, astraPage]) await page.waitForSelector(`${byTestId(`agreement-${AGREEMENT}`)}[data-status="fulfilled"]`);
        for (const page of [facilitator, ...actorPages]) await page.waitForSelector(`${byTestId(`resolution-${RESOLUTION}`)}[data-status="adopted"]`);
        for (const page of everyone) await waitForMissionStatus(page, MISSION, 'building');
        // The threat panel rates the round (Torino, Palermo) and says which response thresholds the 7% estimate crosses.
        await expect.poll(() => kenyaPage.textContent(byTestId('torino')), { timeout: STEP_TIMEOUT_MS }).toMatch(/^\d/);
        expect(await kenyaPage.getAttribute(byTestId('threshold-iawn'), 'data-crossed')).toBe('true');
        expect(await kenyaPage.getAttribute(byTestId('threshold-smpag'), 'data-crossed')).toBe('true');
        expect(await kenyaPage.getAttribute(byTestId('threshold-preparedness'), 'data-crossed')).toBe('false');
      }
      if (round === 2) {
        // Above 10% within twenty years, countries are expected to prepare on the ground.
        await expect.poll(() => kenyaPage.getAttribute(byTestId('threshold-preparedness'), 'data-crossed'), { timeout: STEP_TIMEOUT_MS }).toBe('true');
      }
    }

    // Launched after round 3, the impactor struck the asteroid before the encounter.
    for (const page of everyone) await waitForMissionStatus(page, MISSION, 'arrived');
    expect(await kenyaPage.textContent(byTestId(`mission-${MISSION}`))).toContain('Δv imparted');

    // Everyone reads the same outcome: the impact moved from Kenya into Uganda.
    for (const page of everyone) {
      await page.waitForSelector(`${byTestId('outcome')}[data-outcome="impact"]`);
      await expect.poll(() => page.textContent(byTestId('impact-point')), { timeout: STEP_TIMEOUT_MS }).toContain('Uganda');
      expect(await page.textContent(byTestId('moved-from'))).toContain('Kenya');
    }
    expect(await kenyaPage.textContent(byTestId('consequences'))).toContain('Casualties');
    // The countdown no longer counts down to an encounter that has been played.
    expect(await display.textContent(byTestId('display-countdown'))).toBe('Encounter played');

    // The map draws the impact, its damage rings, where the asteroid would have struck and the shift between them.
    for (const page of [usaPage, display]) {
      const svg = page.locator(`${byTestId('world-map')} ${byTestId('world-map-svg')}`);
      for (const part of ['map-impact', 'map-undeflected', 'map-shift', 'map-severe-ring', 'map-exposed-ring', 'map-closeup-ring-severe', 'map-closeup-ring-exposed']) {
        await svg.locator(byTestId(part)).waitFor();
        expect(await svg.locator(byTestId(part)).count(), part).toBe(1);
      }
      expect(await svg.locator(byTestId('map-predicted')).count()).toBe(0);
      expect(await svg.locator(byTestId('map-uncertainty')).count()).toBe(0);
      expect((await svg.locator(byTestId('map-exposed-ring')).getAttribute('d'))?.length ?? 0).toBeGreaterThan(20);
      expect(await page.textContent(`${byTestId('world-map')} ${byTestId('map-prediction')}`)).toContain('Uganda');
      expect(await svg.getAttribute('aria-label')).toMatch(/Uganda/);
      // The legend explains each drawing in words, not by colour alone.
      const legend = (await page.locator(`${byTestId('world-map')} .worldmap__legend`).textContent()) ?? '';
      expect(legend).toContain('Impact point');
      expect(legend).toContain('Where it would have struck without deflection');
      expect(legend).toContain('Windows shatter');
    }
    // The impact marker sits west of where the asteroid would have struck (the push was toward the corridor's start).
    const markerX = async (part: string) => {
      const box = await usaPage.locator(`${byTestId('world-map')} ${byTestId(part)}`).boundingBox();
      return box!.x + box!.width / 2;
    };
    expect(await markerX('map-impact')).toBeLessThan(await markerX('map-undeflected'));

    // The findings under the Liability Convention: one damage (Uganda's), with the states that deflected it named.
    for (const page of everyone) await page.waitForSelector(`${byTestId('liability')} ${byTestId('finding')}`);
    // One finding per harmed country (the blast reaches Kenya's neighbours too), each naming the United
    // States, which led and authorised the launch; Kenya only paid, so it is not a launching state and
    // keeps its own claim (issue 12: paying is not procuring).
    const findings = kenyaPage.locator(byTestId('finding'));
    expect(await findings.count()).toBeGreaterThan(1);
    const liable = await kenyaPage.locator(byTestId('finding-liable')).allTextContents();
    expect(liable.every((l) => l.includes('United States') && !l.includes('Kenya'))).toBe(true);
    expect(await kenyaPage.textContent(byTestId('liability'))).toContain('Uganda');
    expect(await kenyaPage.textContent(byTestId('liability'))).toContain('paying is not procuring the launch');
    // States not at the table are named, not shown as codes (Tanzania, not TZA).
    expect(await kenyaPage.textContent(byTestId('liability'))).not.toMatch(/Claimants[A-Z]{3}Claim deadline/);
    // Each finding opens with one sentence a non-lawyer can repeat — who pays whom, for what, under which law, no article
    // numbers (issue 14) — and the projector's headline names the law that actually decides.
    const sentences = await kenyaPage.locator(byTestId('finding-sentence')).allTextContents();
    expect(sentences.some((s) => /^The United States pays Uganda for its [\d.,]+ [MB] USD of damage — .+, under general international law\.$/.test(s)), sentences.join('\n')).toBe(true);
    expect(sentences.filter((s) => /\bart\.|\bOST\b|\bLIAB\b|\bARSIWA\b/.test(s))).toEqual([]);
    expect(await display.textContent(byTestId('liability-headline'))).toMatch(/^Under the Liability Convention as written the asteroid is not a space object: general international law decides — the United States answers to /);
    // A term in a finding is one tap away: its definition opens in place, and closes again.
    const term = kenyaPage.locator(`${byTestId('liability')} ${byTestId('term-general-international-law')}`).first();
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    expect(await kenyaPage.locator(byTestId('term-definition-general-international-law')).first().textContent()).toContain('General international law');
    await term.click();
    expect(await kenyaPage.locator(byTestId('glossary')).count()).toBe(1);
    expect(await kenyaPage.locator(byTestId('file-claim')).count()).toBe(1);
    // With the encounter played, the screens are a record: no orders, evacuation or proposals any more, and the hint says what comes next.
    for (const page of actorPages) {
      expect(await page.textContent(byTestId('phase-hint'))).toContain('The asteroid has arrived');
      for (const control of ['orders-form', 'order-evacuation', 'propose-form', 'propose-agreement-form']) {
        expect(await page.locator(byTestId(control)).count(), control).toBe(0);
      }
    }
    for (const page of everyone) await page.waitForSelector(`${byTestId('scores-table')} ${byTestId('score-kenya')}`);
    for (const [page, file] of [
      [usaPage, 'whole-usa-outcome.png'],
      [kenyaPage, 'whole-kenya-outcome.png'],
      [astraPage, 'whole-astra-outcome.png'],
      [unPage, 'whole-copuos-outcome.png'],
      [facilitator, 'whole-facilitator-outcome.png'],
      [display, 'whole-display-outcome.png'],
    ] as const) {
      await shoot(page, file);
    }
    // The outcome screens, the densest of all, pass the same accessibility check as the others.
    const outcomeProblems: Record<string, string[]> = {};
    for (const [name, page] of [['usa', usaPage], ['kenya', kenyaPage], ['facilitator', facilitator], ['display', display]] as const) {
      const found = await seriousViolations(page);
      if (found.length > 0) outcomeProblems[name] = found;
    }
    expect(outcomeProblems).toEqual({});

    // The facilitator closes the exercise for the debrief; every seat reads why, and the outcome stays on screen.
    await facilitator.fill(byTestId('end-reason'), 'Debrief in the main hall.');
    await facilitator.click(`${byTestId('end-exercise')}:not([disabled])`);
    await confirm(facilitator);
    for (const page of everyone) {
      await page.waitForSelector(`${byTestId('phase')}[data-phase="ended"]`);
      await expect.poll(() => page.textContent(byTestId('outcome')), { timeout: STEP_TIMEOUT_MS }).toContain('Debrief in the main hall.');
      expect(await page.textContent(byTestId('impact-point'))).toContain('Uganda');
    }
    for (const page of actorPages) expect(await page.isDisabled(byTestId('send-message'))).toBe(true);

    // The log replays to the state every seat saw.
    const live = (matchMaker.getLocalRoomById(exerciseId) as ExerciseRoom).exerciseState;
    expect(live.seed).toBe(2031);
    expect(live.phase).toBe('ended');
    expect(stage.errors).toEqual([]);
  });

  it('lets the control cell pause and resume play, time a phase, send injects to chosen actors, override values and read evaluators\' observations that actors never see', async () => {
    const { facilitator, joinCode } = await createExerciseFromUi();
    const evaluatorKey = (await facilitator.textContent(byTestId('evaluator-key')))!.trim();
    const usaPage = await openPage();
    await joinAndSit(usaPage, joinCode, 'Uma (USA)', 'actor:usa');
    const kenyaPage = await openPage();
    await joinAndSit(kenyaPage, joinCode, 'Kofi (Kenya)', 'actor:kenya');
    const evaluator = await openPage();
    await joinAndSit(evaluator, joinCode, 'Eve (Evaluator)', 'evaluator', { role: 'evaluator', key: evaluatorKey });
    await evaluator.waitForSelector(byTestId('evaluator-screen'));
    const everyone = [facilitator, usaPage, kenyaPage, evaluator];
    const advance = facilitator.locator(byTestId('advance-phase'));
    for (const [label, phase] of [['Start round 1', 'briefing'], ['Advance to deliberation', 'deliberation'], ['Open orders', 'orders']] as const) {
      await expect.poll(() => advance.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe(label);
      await advance.click();
      for (const page of everyone) await waitForPhase(page, phase, 1);
    }
    await usaPage.waitForSelector(`${byTestId('submit-orders')}:not([disabled])`);

    // Paused, every seat reads why, and orders cannot be submitted until play resumes.
    await facilitator.click(byTestId('pause'));
    for (const page of everyone) await expect.poll(() => page.textContent(byTestId('paused-banner')), { timeout: STEP_TIMEOUT_MS }).toContain('Paused by the control cell');
    await usaPage.waitForSelector(`${byTestId('submit-orders')}[disabled]`);
    expect(await facilitator.isDisabled(byTestId('pause'))).toBe(true);
    await shoot(usaPage, 'participant-paused.png');
    await facilitator.click(`${byTestId('resume')}:not([disabled])`);
    for (const page of everyone) await page.waitForSelector(byTestId('paused-banner'), { state: 'detached' });
    await usaPage.waitForSelector(`${byTestId('submit-orders')}:not([disabled])`);

    // A one-minute phase timer counts down in every participant's header; clearing it removes it.
    await facilitator.fill(byTestId('timer-minutes'), '1');
    await facilitator.click(`${byTestId('start-timer')}:not([disabled])`);
    for (const page of [usaPage, kenyaPage]) {
      await expect.poll(() => page.textContent(byTestId('phase-countdown')), { timeout: STEP_TIMEOUT_MS }).toMatch(/^(01:00|00:[0-5]\d)$/);
    }

    // An inject written on the spot reaches Kenya only; a scripted one fired by hand reaches everyone it names.
    const adhocHeadline = 'Nairobi asks for satellite imagery of its coast';
    await facilitator.click(byTestId('adhoc-to-chosen'));
    await facilitator.check(byTestId('adhoc-target-kenya'));
    await facilitator.fill(byTestId('adhoc-persona'), 'Kenyan Space Agency');
    await facilitator.selectOption(byTestId('adhoc-channel'), 'official');
    await facilitator.fill(byTestId('adhoc-headline'), adhocHeadline);
    await facilitator.fill(byTestId('adhoc-body'), 'The cabinet wants to know which districts would be hit first.');
    await facilitator.fill(byTestId('adhoc-note'), 'Kenya should ask for help from the United States.');
    await facilitator.click(`${byTestId('post-inject')}:not([disabled])`);
    await kenyaPage.waitForSelector(`${byTestId('inject-adhoc-1')}[data-channel="official"]:has-text("${adhocHeadline}")`);
    expect(await kenyaPage.locator(`${byTestId('inject-adhoc-1')} ${byTestId('controller-note')}`).count()).toBe(0);
    await facilitator.waitForSelector(`${byTestId('inject-adhoc-1')} ${byTestId('controller-note')}`);
    await facilitator.click(`${byTestId('fire-astra-goes-alone')}:not([disabled])`);
    await facilitator.waitForSelector(`${byTestId('timeline-astra-goes-alone')}[data-status="fired"]`);
    for (const page of [usaPage, kenyaPage]) await page.waitForSelector(byTestId('inject-astra-goes-alone'));
    // The United States has the later inject, so the missing earlier one was really withheld.
    expect(await usaPage.locator(byTestId('inject-adhoc-1')).count()).toBe(0);
    expect(await usaPage.content()).not.toContain(adhocHeadline);
    await facilitator.click(`${byTestId('skip-dhaka-worry')}:not([disabled])`);
    await facilitator.waitForSelector(`${byTestId('timeline-dhaka-worry')}[data-status="skipped"]`);
    expect(await facilitator.locator(byTestId('fire-dhaka-worry')).count()).toBe(0);

    // The facilitator looks at the exercise as Kenya sees it: its secret briefing and the inject sent to it.
    await facilitator.selectOption(byTestId('view-as'), 'actor:kenya');
    await facilitator.waitForSelector(`${byTestId('view-as-panel')}[data-seat="actor:kenya"]:has-text("${adhocHeadline}")`);
    expect(await facilitator.textContent(byTestId('view-as-panel'))).toContain('Secret briefing');

    // An override with its reason changes the United States' balance, and the control cell reads why.
    await facilitator.selectOption(byTestId('override-kind'), 'actor-budget');
    await facilitator.selectOption(byTestId('override-subject'), 'usa');
    await facilitator.fill(byTestId('override-value'), '1234');
    await facilitator.fill(byTestId('override-reason'), 'Congress passed a supplemental appropriation.');
    await facilitator.click(`${byTestId('apply-override')}:not([disabled])`);
    await confirm(facilitator);
    await expect.poll(() => usaPage.textContent(byTestId('balance')), { timeout: STEP_TIMEOUT_MS }).toBe('1,234 M USD');
    await facilitator.waitForSelector(`${byTestId('overrides-list')}:has-text("Congress passed a supplemental appropriation.")`);

    // The evaluator records an observation: the control cell reads it, the actors never do.
    const observation = 'Kenya asked for imagery within minutes and named the districts at risk.';
    await evaluator.selectOption(byTestId('obs-actor'), 'kenya');
    await evaluator.selectOption(byTestId('obs-capability'), 'International cooperation');
    await evaluator.fill(byTestId('obs-text'), observation);
    await evaluator.click(`${byTestId('record-observation')}:not([disabled])`);
    for (const page of [evaluator, facilitator]) {
      await page.waitForSelector(`${byTestId('observation')}:has-text("${observation}")`);
      expect(await page.textContent(`${byTestId('observation')}:has-text("${observation}")`)).toContain('International cooperation');
    }
    await expect.poll(() => evaluator.inputValue(byTestId('obs-text')), { timeout: STEP_TIMEOUT_MS }).toBe('');
    for (const page of [usaPage, kenyaPage]) expect(await page.content()).not.toContain(observation);
    await shoot(evaluator, 'evaluator-observations.png');
    await shoot(facilitator, 'facilitator-control.png');

    // The facilitator moves Kenya's participant to Bangladesh's seat, and clears the timer.
    await facilitator.selectOption(`${byTestId('seat-status-actor:kenya')} select[data-testid^="move-"]`, 'actor:bangladesh');
    await confirm(facilitator);
    await expect.poll(() => kenyaPage.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Bangladesh');
    await facilitator.click(`${byTestId('clear-timer')}:not([disabled])`);
    await usaPage.waitForSelector(byTestId('phase-countdown'), { state: 'detached' });
    await facilitator.click(byTestId('stop-view-as'));
    await facilitator.waitForSelector(byTestId('view-as-panel'), { state: 'detached' });
    expect(stage.errors).toEqual([]);
  });

  it('explains a wrong join code, lets a participant change seats, and shows everyone why the exercise ended', async () => {
    const participant = await openPage();
    await participant.fill(byTestId('join-code-input'), 'ZZZZZZ');
    await participant.fill(byTestId('join-name'), 'Ren (Japan)');
    await participant.click(byTestId('join-exercise'));
    await expect.poll(() => participant.textContent(byTestId('join-error')), { timeout: STEP_TIMEOUT_MS }).toContain('ZZZZZZ');

    const { facilitator, joinCode } = await createExerciseFromUi();
    await participant.fill(byTestId('join-code-input'), joinCode);
    await participant.click(byTestId('join-exercise'));
    await participant.click(byTestId('seat-actor:japan'));
    await participant.waitForSelector(byTestId('player-screen'));

    // Releasing the seat returns to the seat picker, where another seat can be taken.
    await participant.click(byTestId('release-seat'));
    await participant.click(byTestId('seat-actor:bangladesh'));
    await expect.poll(() => participant.textContent(byTestId('my-seat')), { timeout: STEP_TIMEOUT_MS }).toBe('Bangladesh');
    await facilitator.waitForSelector(`${byTestId('seat-status-actor:bangladesh')}:has-text("Ren (Japan)")`);

    // The facilitator ends the exercise early; everyone reads why, and nothing more can be done.
    await facilitator.fill(byTestId('end-reason'), 'The session ran out of time.');
    await facilitator.click(byTestId('end-exercise'));
    await confirm(facilitator);
    for (const page of [facilitator, participant]) {
      await page.waitForSelector(`${byTestId('phase')}[data-phase="ended"]`);
      await expect.poll(() => page.textContent(byTestId('outcome')), { timeout: STEP_TIMEOUT_MS }).toContain('The session ran out of time.');
    }
    expect(await facilitator.isDisabled(byTestId('advance-phase'))).toBe(true);
    expect(await participant.isDisabled(byTestId('send-message'))).toBe(true);
    await shoot(participant, 'ended-participant.png');
    expect(stage.errors).toEqual([]);
  });

  it('returns the facilitator and an actor to their seats after a page reload', async () => {
    const { facilitator, joinCode } = await createExerciseFromUi();
    const participant = await openPage();
    await joinAndSit(participant, joinCode, 'Ren (Japan)', 'actor:japan');
    await participant.waitForSelector(byTestId('player-screen'));

    await facilitator.reload();
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    expect((await facilitator.textContent(byTestId('join-code')))!.trim()).toBe(joinCode);

    await participant.reload();
    await participant.waitForSelector(byTestId('player-screen')).catch((e: Error) => {
      throw new Error(`The actor's screen did not come back after a reload (browser errors: ${stage.errors.join('; ') || 'none'}). ${e.message}`);
    });
    expect(await participant.textContent(byTestId('my-seat'))).toBe('Japan');
    expect(stage.errors).toEqual([]);
  });
});
