import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';

// Two people speak for the United States: the second joins the delegation from the seat
// picker, and the delegation's own channel reaches both of them and nobody else at the table.

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

async function joinCode(page: Page, code: string, name: string): Promise<void> {
  await page.fill(byTestId('join-code-input'), code);
  await page.fill(byTestId('join-name'), name);
  await page.click(byTestId('join-exercise'));
  await page.waitForSelector(byTestId('seat-row-actor:usa'));
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-delegation-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('delegations', () => {
  it('lets a second person join an actor’s delegation and talk in a channel only the delegation sees', async () => {
    const facilitator = await openPage();
    await facilitator.waitForSelector(byTestId('scenario-2031-kx'));
    await facilitator.fill(byTestId('create-name'), 'Fay (Control)');
    await facilitator.click(byTestId('create-exercise'));
    await facilitator.waitForSelector(byTestId('facilitator-console'));
    const code = (await facilitator.textContent(byTestId('join-code')))!.trim();

    const head = await openPage();
    await joinCode(head, code, 'Uma (USA)');
    await head.click(byTestId('seat-actor:usa'));
    await head.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);

    const second = await openPage();
    await joinCode(second, code, 'Sam (USA delegate)');
    await second.waitForSelector(byTestId('join-delegation-usa'));
    await second.screenshot({ path: join(ARTIFACTS_DIR, 'delegation-seat-picker.png'), fullPage: true });
    await second.click(byTestId('join-delegation-usa'));
    await second.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);

    const kenya = await openPage();
    await joinCode(kenya, code, 'Kofi (Kenya)');
    await kenya.click(byTestId('seat-actor:kenya'));
    await kenya.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);

    await facilitator.click(byTestId('advance-phase'));
    await facilitator.click(byTestId('advance-phase'));
    await second.waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);

    const text = 'Between us: we will not pay more than half.';
    await second.selectOption(byTestId('message-to'), 'delegation');
    await second.fill(byTestId('message-text'), text);
    await second.click(byTestId('send-message'));
    await head.waitForSelector(`${byTestId('delegation-channel')} >> text=${text}`);
    await second.waitForSelector(`${byTestId('delegation-channel')} >> text=${text}`);
    // Kenya has received later state (the phase) but never the delegation's message.
    await kenya.waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);
    expect(await kenya.locator(`text=${text}`).count()).toBe(0);
    await head.screenshot({ path: join(ARTIFACTS_DIR, 'delegation-channel.png'), fullPage: true });
  }, 90_000);
});
