import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';

// What every browser test file shares: one server on a scratch data folder, Debian's Chromium,
// the pages a test opens (closed after it, screenshotted if it failed), the errors they log,
// and the few steps every exercise starts with.

/** Where screenshots go; CI keeps the folder as an artifact. */
export const ARTIFACTS_DIR = resolve('test-artifacts/e2e');
/** How long one step (a selector, a poll) may take before the test fails. */
export const STEP_TIMEOUT_MS = 20_000;
/** How long one screenshot may take before it is tried again (see `shoot`). */
const SCREENSHOT_TIMEOUT_MS = 15_000;
export const LAPTOP = { width: 1280, height: 800 } as const;
export const PROJECTOR = { width: 1920, height: 1080 } as const;
export const PHONE = { width: 390, height: 844 } as const;
/** What a phone's browser profile adds to its size: touch events and the mobile viewport. */
export const TOUCH: BrowserContextOptions = { hasTouch: true, isMobile: true };

/** A CSS selector for an element by its `data-testid`. */
export const byTestId = (id: string): string => `[data-testid="${id}"]`;

/**
 * Debian's Chromium, headless, with the flags this machine needs: without the
 * background-networking ones it tries to reach Google's hosts at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface StageOptions {
  /**
   * The app's address, asked for each time a tab opens, when the test runs the server itself
   * (e.g. as a child process it kills and restarts): then no in-process server is started and
   * `stage.server` is not available.
   */
  baseUrl?: () => string;
}

export interface Stage {
  /** The in-process server (not with the `baseUrl` option). */
  readonly server: RunningServer;
  /** The address tabs open: the in-process server's, or the `baseUrl` option's. */
  readonly url: string;
  readonly browser: Browser;
  /** Uncaught errors and console errors of every page opened since the test began: a clean run has none. */
  readonly errors: string[];
  /** A new browser profile (its own storage) with one tab open on the app. */
  openPage(viewport?: { width: number; height: number }, options?: BrowserContextOptions): Promise<Page>;
  /** A new browser profile with no tab yet: tabs opened in it with `openTab` share its storage. */
  newProfile(viewport?: { width: number; height: number }, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Opens the app in a new tab of `profile`. */
  openTab(profile: BrowserContext): Promise<Page>;
  /** Saves a full-page screenshot in the artifacts folder. */
  shoot(page: Page, file: string): Promise<void>;
}

/**
 * Registers the hooks of a browser test file and returns its stage: a server started before
 * the file's tests, every profile a test opened closed after it (screenshots named
 * `<name>-failure-N.png` first if it failed), errors cleared between tests.
 */
export function useStage(name: string, options: StageOptions = {}): Stage {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;
  const profiles: BrowserContext[] = [];
  const pages: Page[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    if (!options.baseUrl) {
      dataDir = mkdtempSync(join(tmpdir(), `deflect-e2e-${name}-`));
      server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn', clientDir: resolve('dist/client'), scenariosDir: resolve('scenarios') });
    }
    browser = await launchChromium();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      for (const [i, page] of pages.entries()) {
        if (page.isClosed()) continue;
        await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}-failure-${i}.png`), fullPage: true }).catch(() => undefined);
      }
    }
    pages.length = 0;
    for (const profile of profiles.splice(0)) await profile.close();
    errors.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const stage: Stage = {
    get server() {
      if (!server) throw new Error(options.baseUrl ? 'this stage has no in-process server (baseUrl option)' : 'the server starts in beforeAll');
      return server;
    },
    get url() {
      return options.baseUrl ? options.baseUrl() : stage.server.url;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    errors,
    async newProfile(viewport = LAPTOP, options = {}) {
      const profile = await stage.browser.newContext({ ...options, viewport });
      profiles.push(profile);
      return profile;
    },
    async openTab(profile) {
      const page = await profile.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      pages.push(page);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // The browser logs every failed request; a 404 for a wrong join code is expected, not an error of the app.
        if (m.type() === 'error' && !/Failed to load resource.*404/.test(m.text())) errors.push(m.text());
      });
      await page.goto(stage.url);
      return page;
    },
    async openPage(viewport = LAPTOP, options = {}) {
      return stage.openTab(await stage.newProfile(viewport, options));
    },
    async shoot(page, file) {
      // Screenshots are artifacts for people to look at, not assertions. Headless Chromium now
      // and then never delivers the frame a capture waits for (CI saw one hang 20 s among 32
      // captures of eight open pages): the page is brought to the front, and a capture that
      // hangs is tried once more before the test fails.
      const path = join(ARTIFACTS_DIR, file);
      for (let attempt = 1; ; attempt++) {
        try {
          await page.bringToFront();
          await page.screenshot({ path, fullPage: true, animations: 'disabled', timeout: SCREENSHOT_TIMEOUT_MS });
          return;
        } catch (e) {
          if (attempt >= 2 || !(e instanceof Error && e.name === 'TimeoutError')) throw e;
          console.warn(`screenshot ${file}: no frame within ${SCREENSHOT_TIMEOUT_MS} ms; trying once more`);
        }
      }
    },
  };
  return stage;
}

/** What the facilitator's console shows of a new exercise: its code, id and the three keys to hand out. */
export interface CreatedExercise {
  joinCode: string;
  exerciseId: string;
  facilitatorKey: string;
  evaluatorKey: string;
  debriefKey: string;
}

/** Creates an exercise of the first scenario from the start page (with a fixed seed if given) and waits for the facilitator console. */
export async function createExercise(page: Page, facilitatorName: string, seed?: number): Promise<CreatedExercise> {
  await page.waitForSelector(byTestId('scenario-2031-kx'));
  await page.fill(byTestId('create-name'), facilitatorName);
  if (seed !== undefined) {
    await page.click('summary:has-text("Rehearsal options")');
    await page.fill(byTestId('create-seed'), String(seed));
  }
  await page.click(`${byTestId('create-exercise')}:not([disabled])`);
  await page.waitForSelector(byTestId('facilitator-console'));
  return {
    joinCode: (await page.textContent(byTestId('join-code')))!.trim(),
    exerciseId: (await page.textContent(byTestId('exercise-id')))!.trim(),
    facilitatorKey: (await page.textContent(byTestId('facilitator-key')))!.trim(),
    evaluatorKey: (await page.textContent(byTestId('evaluator-key')))!.trim(),
    debriefKey: (await page.textContent(byTestId('debrief-key')))!.trim(),
  };
}

/** A key to join with, and the role it is for (the start page's "Join as"). */
export interface JoinKey {
  role: 'facilitator' | 'evaluator';
  key: string;
}

/** Enters the join code and a name on the start page (joining as the key's role, if given) and waits for the seat picker. */
export async function joinWithCode(page: Page, joinCode: string, name: string, as?: JoinKey): Promise<void> {
  await page.fill(byTestId('join-code-input'), joinCode);
  await page.fill(byTestId('join-name'), name);
  if (as) {
    await page.check(byTestId(`join-as-${as.role}`));
    await page.fill(byTestId('join-key'), as.key);
  }
  await page.click(byTestId('join-exercise'));
  await page.waitForSelector(byTestId('seat-row-actor:usa'));
}

/** Joins from the start page and takes `seat` from the seat picker. */
export async function joinAndSit(page: Page, joinCode: string, name: string, seat: string, as?: JoinKey): Promise<void> {
  await joinWithCode(page, joinCode, name, as);
  await page.click(byTestId(`seat-${seat}`));
  await page.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);
}

/** Clicks the facilitator's advance button once it reads `label`. */
export async function advance(facilitator: Page, label: string): Promise<void> {
  const button = facilitator.locator(byTestId('advance-phase'));
  await expect.poll(() => button.textContent(), { timeout: STEP_TIMEOUT_MS }).toBe(label);
  await button.click();
}

/** Answers the confirmation dialog that a costly act opens (Confirm.tsx) by going ahead, and waits for it to close. */
export async function confirm(page: Page): Promise<void> {
  const dialog = page.locator(`${byTestId('confirm-dialog')}[open]`);
  await dialog.waitFor({ timeout: STEP_TIMEOUT_MS });
  await dialog.locator(byTestId('confirm-yes')).click();
  await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
}

/**
 * Opens a section of a participant's screen by its tab's label ('Now', 'Map', 'Talk',
 * 'Missions', 'Orders', 'Record'); on a screen wide enough to show every section it does nothing.
 */
export async function openSection(page: Page, label: 'Now' | 'Map' | 'Talk' | 'Missions' | 'Orders' | 'Record'): Promise<void> {
  const tab = page.locator(byTestId(`section-tab-${label.toLowerCase()}`));
  if ((await tab.count()) === 0) return;
  await tab.click();
  await page.waitForSelector(`${byTestId(`section-tab-${label.toLowerCase()}`)}[aria-selected="true"]`);
}

/** Waits until the page shows `phase` (and, if given, round `round`). */
export async function waitForPhase(page: Page, phase: string, round?: number): Promise<void> {
  await page.waitForSelector(`${byTestId('phase')}[data-phase="${phase}"]`);
  if (round !== undefined) await expect.poll(() => page.textContent(byTestId('round')), { timeout: STEP_TIMEOUT_MS }).toMatch(new RegExp(`(^|\\D)${round} /`));
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now and lists its serious and critical violations, each as one readable line. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}
