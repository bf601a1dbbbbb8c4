import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, seriousViolations } from './harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';

// axe-core on every screen: the start page, the seat picker, a participant of each kind,
// the facilitator console, the evaluator screen and the public display. No serious or
// critical violation may remain.

const ARTIFACTS_DIR = resolve('test-artifacts/e2e');
const byTestId = (id: string) => `[data-testid="${id}"]`;

let server: RunningServer;
let browser: Browser;
let dataDir: string;

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(server.url);
  return page;
}

async function joinAs(joinCode: string, name: string, seat: string, facilitatorKey?: string): Promise<Page> {
  const page = await openPage();
  await page.fill(byTestId('join-code-input'), joinCode);
  await page.fill(byTestId('join-name'), name);
  if (facilitatorKey) await page.fill(byTestId('join-facilitator-key'), facilitatorKey);
  await page.click(byTestId('join-exercise'));
  await page.waitForSelector(byTestId(`seat-${seat}`));
  await page.click(byTestId(`seat-${seat}`));
  await page.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);
  return page;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-a11y-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('accessibility (axe-core)', () => {
  it('catches a serious violation when there is one (the check itself works)', async () => {
    const page = await openPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><img src="x.png"><button></button></main></body></html>');
    const found = await seriousViolations(page);
    expect(found.join('\n')).toMatch(/image-alt|button-name/);
  });

  it('finds no serious or critical violation on any screen', async () => {
    const problems: Record<string, string[]> = {};
    const start = await openPage();
    await start.waitForSelector(byTestId('scenario-2031-kx'));
    problems['start page'] = await seriousViolations(start);

    await start.fill(byTestId('create-name'), 'Fay (Control)');
    await start.click(byTestId('create-exercise'));
    await start.waitForSelector(byTestId('facilitator-console'));
    const joinCode = (await start.textContent(byTestId('join-code')))!.trim();
    const key = (await start.inputValue(byTestId('facilitator-key')).catch(() => start.textContent(byTestId('facilitator-key'))))!.trim();

    const picker = await openPage();
    await picker.fill(byTestId('join-code-input'), joinCode);
    await picker.fill(byTestId('join-name'), 'Pat');
    await picker.click(byTestId('join-exercise'));
    await picker.waitForSelector(byTestId('seat-actor:usa'));
    problems['seat picker'] = await seriousViolations(picker);

    const seats = {
      'space-faring state': await joinAs(joinCode, 'Uma', 'actor:usa'),
      'non-space-faring state': await joinAs(joinCode, 'Kofi', 'actor:kenya'),
      'private company': await joinAs(joinCode, 'Ada', 'actor:astra'),
      'UN body': await joinAs(joinCode, 'Una', 'actor:copuos'),
      evaluator: await joinAs(joinCode, 'Eva', 'evaluator', key),
      'public display': await joinAs(joinCode, 'Projector', 'display'),
    };
    // Into the round, so the screens show their full content.
    await start.click(byTestId('advance-phase'));
    await start.click(byTestId('advance-phase'));
    await seats['space-faring state'].waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);
    problems['facilitator console'] = await seriousViolations(start);
    for (const [name, page] of Object.entries(seats)) {
      problems[name] = await seriousViolations(page);
      await page.screenshot({ path: join(ARTIFACTS_DIR, `a11y-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    }
    expect(Object.fromEntries(Object.entries(problems).filter(([, v]) => v.length > 0))).toEqual({});
  }, 120_000);
});
