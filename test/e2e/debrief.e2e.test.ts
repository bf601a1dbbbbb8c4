import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionsListResponse } from '../../shared/debrief/api.js';
import type { CreateExerciseResponse } from '../../shared/protocol.js';
import { CONFERENCE_SESSION, playLongRounds, seatLongTable } from '../helpers/long-session.js';
import { TestPlayer } from '../helpers/server.js';
import { ARTIFACTS_DIR, byTestId, confirm, createExercise as createExerciseFromUi, LAPTOP, PROJECTOR, seriousViolations, STEP_TIMEOUT_MS, useStage } from './harness.js';

// The debrief studio in the browser: an instructor opens a finished, seeded exercise with its
// debrief link, scrubs to round 2, sees Kenya and the United States side by side, compares
// the regimes, edits and exports the after-action report, and compares two tables. Both
// tables are played through the room by colyseus.js clients (no UI): that is the fastest way
// to a finished exercise, and the studio is what this test is about.

// The conference-size table talks as fast as its clients send: the command budget is not what is
// tested here (the server reads it from the environment when the stage starts it).
process.env.COMMANDS_PER_SECOND = '1000';
process.env.COMMAND_BURST = '10000';
const stage = useStage('debrief');

const SEED = 2031;
const PUBLIC_TEXT = 'Kenya will host the recovery teams in Mombasa.';
const PRIVATE_TEXT = 'Kenya, we will launch in round 3; keep it quiet.';
// Typed into the report: the export must show it as text, not as markup.
const STRENGTH = 'Fast <b>consensus</b> on the kinetic impactor & funding';
const PLAN_ISSUE = 'Uganda was not consulted before the push';
const PLAN_ACTION = 'Add a consultation step to the mission checklist';

async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stage.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function create(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<CreateExerciseResponse> {
  const { status, body: created } = await api<CreateExerciseResponse>('/api/exercises', { method: 'POST', body, headers });
  if (status !== 201) throw new Error(`create failed: ${status} ${JSON.stringify(created)}`);
  return created;
}

/**
 * Plays a 2031-KX table to the end through the room: the USA and Kenya seated; with `mission`,
 * the USA proposes and funds its own kinetic impactor in round 1 and launches it in round 3,
 * Kenya proposes an assistance agreement the USA accepts, and the two talk in public and private.
 */
async function playTable(created: CreateExerciseResponse, mission: boolean): Promise<void> {
  const facilitator = await TestPlayer.join(stage.url, created.joinCode, 'Fran (Control)', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const usa = await TestPlayer.join(stage.url, created.joinCode, 'Uma Stone');
  await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
  const kenya = await TestPlayer.join(stage.url, created.joinCode, 'Kofi Mwangi');
  await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
  const evaluator = await TestPlayer.join(stage.url, created.joinCode, 'Eve Evaluator', undefined, undefined, { evaluatorKey: created.evaluatorKey });
  await evaluator.do({ type: 'ClaimSeat', seat: 'evaluator' });
  try {
    for (let round = 1; round <= 5; round++) {
      await facilitator.do({ type: 'AdvancePhase' }); // briefing
      await facilitator.do({ type: 'AdvancePhase' }); // deliberation
      if (mission && round === 1) {
        await usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-start', providerId: 'usa' });
        await kenya.do({ type: 'SendMessage', to: 'public', text: PUBLIC_TEXT });
        await usa.do({ type: 'SendMessage', to: ['kenya'], text: PRIVATE_TEXT });
        await kenya.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Kenya asks the United States for airlift capacity.' });
        await usa.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true });
        await evaluator.do({ type: 'RecordObservation', actorId: 'usa', capability: 'Decision to act', text: 'The United States moved to fund a mission in the first round.', rating: 'S' });
      }
      if (mission && round === 3) await usa.do({ type: 'LaunchMission', missionId: 'mission-1' });
      await facilitator.do({ type: 'AdvancePhase' }); // orders
      await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: mission && round === 1 ? { 'mission-1': 500 } : {} } });
      await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } });
      await usa.do({ type: 'SetReady', ready: true });
      await kenya.do({ type: 'SetReady', ready: true });
      await facilitator.until('the round resolves', () => facilitator.view.exercise.phase === 'resolution');
    }
    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.until('the exercise ends', () => facilitator.view.exercise.phase === 'ended');
  } finally {
    for (const p of [facilitator, usa, kenya, evaluator]) await p.close();
  }
}

/** Runs axe on the page as it is and keeps what it found under `screen`; screenshots it too (the window only, for the long screens). */
async function check(page: Page, screen: string, problems: Record<string, string[]>, fullPage = true): Promise<void> {
  problems[screen] = await seriousViolations(page);
  await page.screenshot({ path: join(ARTIFACTS_DIR, `debrief-${screen}.png`), fullPage });
}

async function downloaded(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), page.click(byTestId(testId))])) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.click(byTestId(`tab-${tab}`));
  await page.waitForSelector(byTestId(`panel-${tab}`));
}

describe('the debrief studio', () => {
  it('replays a finished exercise: scrubbing, two seats side by side, regimes, the report and its exports, tables compared, with no serious axe violation', async () => {
    // Two tables of one conference: the first deflects (into Uganda), the second does nothing.
    const first = await create({ scenarioId: '2031-kx', seed: SEED });
    await playTable(first, true);
    const second = await create({ scenarioId: '2031-kx', seed: SEED, tableOf: first.exerciseId }, { 'x-facilitator-key': first.facilitatorKey });
    await playTable(second, false);
    const listed = await api<SessionsListResponse>('/api/exercises', { headers: { 'x-debrief-key': first.debriefKey } });
    expect(listed.body.sessions.map((s) => s.id).sort()).toEqual([first.exerciseId, second.exerciseId].sort());

    // A fresh browser profile opens the debrief link; the key leaves the address bar at once.
    const profile = await stage.newProfile(LAPTOP);
    const page = await profile.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (e) => stage.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') stage.errors.push(m.text());
    });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${stage.url}/debrief/${first.exerciseId}#key=${first.debriefKey}`);
    await page.waitForSelector(byTestId('timeline-list'));
    expect(page.url()).toBe(`${stage.url}/debrief/${first.exerciseId}`);
    expect(await page.evaluate(() => location.hash)).toBe('');
    // Never in an address: the key goes in a header only.
    expect(requests.filter((u) => u.includes(first.debriefKey))).toEqual([]);
    expect(await page.textContent(byTestId('studio-title'))).toContain('2031');
    const problems: Record<string, string[]> = {};
    await check(page, 'timeline', problems, false);

    // The timeline's search narrows it to the public message.
    await page.fill(byTestId('timeline-search'), 'Mombasa recovery');
    await expect.poll(() => page.locator(byTestId('timeline-entry')).count()).toBe(1);
    await page.fill(byTestId('timeline-search'), '');

    // Scrub to round 2.
    await page.selectOption(byTestId('scrub-round'), '2');
    await expect.poll(() => page.getAttribute(byTestId('scrubber-position'), 'data-round')).toBe('2');
    expect(await page.textContent(byTestId('scrubber-position'))).toMatch(/round 2/);
    // One event on and back again, by the buttons.
    const at = Number(await page.getAttribute(byTestId('scrubber-position'), 'data-position'));
    await page.click(byTestId('scrub-next'));
    await expect.poll(() => page.getAttribute(byTestId('scrubber-position'), 'data-position')).toBe(String(at + 1));
    await page.click(byTestId('scrub-previous'));
    await expect.poll(() => page.getAttribute(byTestId('scrubber-position'), 'data-position')).toBe(String(at));

    // As Kenya and as the United States side by side: each sees its own briefing, and the list says what one knew and the other did not.
    await openTab(page, 'as-it-was');
    await page.selectOption(byTestId('seat-a'), 'actor:kenya');
    await page.selectOption(byTestId('seat-b'), 'actor:usa');
    await page.waitForSelector(`${byTestId('pane-1')}[data-seat="actor:kenya"] ${byTestId('actor-card')}`);
    await page.waitForSelector(`${byTestId('pane-2')}[data-seat="actor:usa"] ${byTestId('actor-card')}`);
    await page.waitForSelector(`${byTestId('knowledge-a-only')} ${byTestId('knowledge-item')}`);
    expect(await page.locator(`${byTestId('knowledge-b-only')} ${byTestId('knowledge-item')}`).count()).toBeGreaterThan(0);
    expect(await page.textContent(byTestId('pane-1'))).toContain('Kenya');
    // Nothing in a pane can act: no form and no button is shown.
    expect(await page.locator(`${byTestId('pane-1')} form:visible, ${byTestId('pane-1')} button:visible`).count()).toBe(0);
    // No id appears twice although the same panels are on the page twice.
    const duplicateIds = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicateIds).toEqual([]);
    await check(page, 'as-it-was', problems);

    // The key moments, each linking into the timeline.
    await openTab(page, 'moments');
    await page.waitForSelector(byTestId('moment'));
    const momentTitles = (await page.locator(`${byTestId('moment')} h3`).allTextContents()).map((t) => t.trim());
    expect(momentTitles.length).toBeGreaterThan(0);
    await check(page, 'moments', problems);
    const firstMomentSeq = await page.getAttribute(byTestId('moment'), 'data-seq');
    await page.click(`${byTestId('moment')} button`);
    await page.waitForSelector(`${byTestId('timeline-entry')}[data-seq="${firstMomentSeq}"] [aria-current="step"]`);

    // The outcome beside the undeflected asteroid's, and the same facts under the four regimes.
    await openTab(page, 'outcome');
    await page.waitForSelector(byTestId('regime-comparison'));
    expect(await page.locator(`${byTestId('regime-comparison')} > section`).count()).toBe(4);
    expect(await page.locator(`${byTestId('outcome-country')}[data-change="newly-hit"]`).count()).toBeGreaterThan(0);
    expect(await page.locator(`${byTestId('outcome-country')}[data-change="saved"]`).count()).toBeGreaterThan(0);
    await check(page, 'outcome', problems);

    // The report: a strength and an improvement-plan row typed in, then exported.
    await openTab(page, 'report');
    await page.waitForSelector(byTestId('aar-title'));
    // The evaluator's rating drafts the capability's.
    expect(await page.inputValue(byTestId('aar-rating-0'))).toBe('S');
    const strengths = await page.locator('[data-testid^="aar-strength-remove-"]').count();
    await page.click(byTestId('aar-strength-add'));
    await page.fill(byTestId(`aar-strength-${strengths}`), STRENGTH);
    const rows = await page.locator('[data-testid^="aar-plan-row-"]').count();
    await page.click(byTestId('aar-plan-add'));
    await page.fill(byTestId(`aar-plan-issue-${rows}`), PLAN_ISSUE);
    await page.fill(byTestId(`aar-plan-action-${rows}`), PLAN_ACTION);
    await check(page, 'report', problems, false);

    const html = await downloaded(page, 'export-html');
    expect(html.name).toMatch(/^aar-[a-z0-9-]+\.html$/);
    expect(html.text.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    expect(html.text).toMatch(/<html[^>]* lang="[a-z]{2}/);
    expect(html.text).toContain('Fast &lt;b&gt;consensus&lt;/b&gt; on the kinetic impactor &amp; funding');
    expect(html.text).not.toContain('<b>consensus</b>');
    expect(html.text).toContain(PLAN_ISSUE);
    expect(html.text).toContain(PLAN_ACTION);
    expect(html.text).toContain('@media print');
    for (const title of momentTitles.slice(0, 3)) expect(html.text).toContain(escapeHtml(title));
    const markdown = await downloaded(page, 'export-md');
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toContain(PLAN_ISSUE);
    const timelineCsv = await downloaded(page, 'export-timeline-csv');
    expect(timelineCsv.name).toBe('timeline.csv');
    expect(timelineCsv.text.split('\n').length).toBeGreaterThan(20);
    const observationsCsv = await downloaded(page, 'export-observations-csv');
    expect(observationsCsv.name).toBe('observations.csv');
    expect(observationsCsv.text).toContain(PLAN_ACTION);
    const log = await downloaded(page, 'export-log-json');
    expect(log.name).toBe('log.json');
    expect((JSON.parse(log.text) as { events: unknown[] }).events.length).toBeGreaterThan(20);

    // The edits are kept in this browser: a reload shows them again.
    await page.reload();
    await openTab(page, 'report');
    expect(await page.inputValue(byTestId(`aar-plan-issue-${rows}`))).toBe(PLAN_ISSUE);

    // The exported report as it prints: paginated, without the studio around it.
    const print = await profile.newPage();
    await print.setContent(html.text);
    await print.emulateMedia({ media: 'print' });
    await print.screenshot({ path: join(ARTIFACTS_DIR, 'debrief-aar-print.png'), fullPage: true });
    await print.pdf({ path: join(ARTIFACTS_DIR, 'debrief-aar.pdf'), format: 'A4' }).catch(() => undefined);
    await print.close();

    // Two tables side by side.
    await openTab(page, 'tables');
    await page.waitForSelector(byTestId('tables-comparison'));
    expect(await page.locator(byTestId('compared-table')).count()).toBe(2);
    expect(await page.textContent(byTestId('row-outcome'))).toMatch(/Impact/);
    await check(page, 'tables', problems);

    // A what-if from round 2, with its own join code; the studio lists it with the tables.
    await page.selectOption(byTestId('scrub-round'), '2');
    await openTab(page, 'branch');
    await page.selectOption(byTestId('branch-regime'), 'pd-protocol');
    await page.click(byTestId('branch-start'));
    await page.waitForSelector(byTestId('branch-join-code'));
    expect((await page.textContent(byTestId('branch-join-code')))!.trim()).toMatch(/^[A-Z0-9]{6}$/);
    await check(page, 'branch', problems);
    const branchUrl = (await page.textContent(byTestId('branch-debrief-url')))!;
    expect(branchUrl).toMatch(/\/debrief\/[^#]+#key=/);
    // The branch's own studio says what it is a branch of, and links back.
    await page.click(byTestId('branch-debrief-link'));
    await page.waitForSelector(byTestId('branch-of'));
    expect(await page.textContent(byTestId('studio-facts'))).toMatch(/what-if branch of .* after event \d+/);
    await check(page, 'branch-studio', problems, false);

    // The front page lists every exercise this browser can open, the branch among them.
    await page.goto(`${stage.url}/debrief`);
    await page.waitForSelector(byTestId('sessions-table'));
    await expect.poll(() => page.locator(`${byTestId('sessions-table')} tbody tr`).count()).toBeGreaterThanOrEqual(3);
    await check(page, 'sessions', problems);

    // The projector's size: the side-by-side view still fits.
    await page.setViewportSize(PROJECTOR);
    await page.goto(`${stage.url}/debrief/${first.exerciseId}`);
    await openTab(page, 'as-it-was');
    await page.selectOption(byTestId('seat-b'), 'actor:usa');
    await page.waitForSelector(`${byTestId('pane-2')} ${byTestId('actor-card')}`);
    await stage.shoot(page, 'debrief-projector.png');

    // A phone: no screen of the studio is wider than it.
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow: Record<string, number> = {};
    for (const tab of ['timeline', 'moments', 'as-it-was', 'outcome', 'tables', 'report', 'branch']) {
      await openTab(page, tab);
      await page.waitForTimeout(300);
      overflow[tab] = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    await stage.shoot(page, 'debrief-phone.png');
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((k) => [k, 360])));

    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
    expect(stage.errors).toEqual([]);
  });

  it('opens a conference-size log and scrubs it without waiting', async () => {
    const created = await create({ scenarioId: '2031-kx', seed: SEED });
    const table = await seatLongTable(stage.url, created, ['usa', 'kenya', 'japan', 'astra']);
    try {
      await playLongRounds(table, CONFERENCE_SESSION);
    } finally {
      for (const p of [table.facilitator, table.evaluator, table.display, ...table.actors.values()]) await p.close();
    }
    const page = await stage.openPage();
    const started = Date.now();
    await page.goto(`${stage.url}/debrief/${created.exerciseId}#key=${created.debriefKey}`);
    await page.waitForSelector(byTestId('timeline-list'));
    const openMs = Date.now() - started;
    const events = Number(await page.getAttribute(byTestId('scrubber-range'), 'max'));
    expect(events).toBeGreaterThan(700);
    // The timeline is paged: the page with the scrubber's event (the last) in the document, not the whole log.
    expect(await page.locator(byTestId('timeline-entry')).count()).toBeLessThanOrEqual(200);
    await page.waitForSelector(`${byTestId('timeline-entry')}[data-seq] [aria-current="step"]`);

    await openTab(page, 'as-it-was');
    await page.selectOption(byTestId('seat-a'), 'actor:kenya');
    await page.selectOption(byTestId('seat-b'), 'actor:usa');
    await page.waitForSelector(`${byTestId('pane-2')} ${byTestId('actor-card')}`);
    const scrubStarted = Date.now();
    await page.selectOption(byTestId('scrub-round'), '2');
    await expect.poll(() => page.getAttribute(byTestId('scrubber-position'), 'data-round')).toBe('2');
    await page.waitForSelector(`${byTestId('knowledge-a-only')} ${byTestId('knowledge-item')}`);
    const scrubMs = Date.now() - scrubStarted;
    // Step by step through twenty events, both seats redrawn at each.
    const stepStarted = Date.now();
    for (let i = 0; i < 20; i++) await page.click(byTestId('scrub-next'));
    const at = Number(await page.getAttribute(byTestId('scrubber-position'), 'data-position'));
    expect(at).toBeGreaterThan(0);
    const stepMs = (Date.now() - stepStarted) / 20;
    console.log(`debrief studio, ${events} events: open ${openMs} ms; scrub to round 2 with two seats ${scrubMs} ms; one event step with two seats ${stepMs.toFixed(0)} ms`);
    // Timings are reported, not asserted (the brief: speed targets live in benchmarks).
    expect(stage.errors).toEqual([]);
  });

  it('hands out the debrief link on the facilitator’s console, which opens the studio while it runs and once it has ended', async () => {
    const facilitator = await stage.openPage();
    const created = await createExerciseFromUi(facilitator, 'Fay (Control)');
    const link = (await facilitator.textContent(byTestId('debrief-link')))!.trim();
    expect(link).toBe(`${stage.url}/debrief/${created.exerciseId}#key=${created.debriefKey}`);
    // Keys hidden, the link goes with them.
    await facilitator.click(byTestId('toggle-facilitator-key'));
    expect(await facilitator.locator(byTestId('debrief-link')).count()).toBe(0);

    const instructor = await stage.openPage();
    await instructor.goto(link);
    await instructor.waitForSelector(byTestId('studio-title'));
    expect(instructor.url()).toBe(`${stage.url}/debrief/${created.exerciseId}`);
    expect(await instructor.textContent(byTestId('studio-facts'))).toMatch(/open/);

    // Once the exercise has ended, the console opens the studio itself.
    await facilitator.fill(byTestId('end-reason'), 'Out of time');
    await facilitator.click(byTestId('end-exercise'));
    await confirm(facilitator);
    const [studio] = await Promise.all([facilitator.context().waitForEvent('page'), facilitator.click(byTestId('open-debrief-studio'))]);
    await studio.waitForSelector(byTestId('studio-title'));
    expect(studio.url()).toBe(`${stage.url}/debrief/${created.exerciseId}`);
    expect(await studio.textContent(byTestId('studio-facts'))).toMatch(/ended/);

    // The front page with a facilitator key in its fragment lists what the key may see, and forgets the fragment.
    const front = await stage.openPage();
    await front.goto(`${stage.url}/debrief#key=${created.facilitatorKey}`);
    await front.waitForSelector(byTestId(`session-${created.exerciseId}`));
    expect(front.url()).toBe(`${stage.url}/debrief`);
    expect(await front.textContent(byTestId('sessions-table'))).toMatch(/Ended/);
    expect(stage.errors).toEqual([]);
  });

  it('refuses a wrong key with the server’s sentence and keeps it out of the address', async () => {
    const created = await create({ scenarioId: '2031-kx', seed: 1 });
    const page = await stage.openPage();
    await page.goto(`${stage.url}/debrief/${created.exerciseId}#key=WrongWrongWrongWrongWrong`);
    await page.waitForSelector(byTestId('studio-error'));
    expect(await page.textContent(byTestId('studio-error'))).toMatch(/key/i);
    expect(page.url()).not.toContain('Wrong');
    // The branch API refuses too: the key decides, not the page.
    const refused = await api<unknown>(`/api/exercises/${created.exerciseId}/branch`, { method: 'POST', body: { atSeq: 0 }, headers: { 'x-debrief-key': 'WrongWrongWrongWrongWrong' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    stage.errors.length = 0; // the browser logs the refused request
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
