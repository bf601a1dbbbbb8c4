import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import { byTestId, PHONE, seriousViolations, STEP_TIMEOUT_MS, TOUCH, useStage } from './harness.js';

// The scenario preview in a browser, against a server started with an admin key: an author
// picks 2031-KX and sees its corridor, actors and calendar; a mistake planted in the text is
// reported with its line; a new scenario is uploaded and a facilitator finds it on the start page.

const ADMIN_KEY = 'e2e-admin-key-0123456789';
const KX = readFileSync('scenarios/2031-kx.yaml', 'utf8');

let server: RunningServer | undefined;
let dataDir: string | undefined;
const stage = useStage('scenario-preview', { baseUrl: () => server!.url });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-e2e-authoring-'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'warn', clientDir: resolve('dist/client'), scenariosDir: resolve('scenarios'), adminKey: ADMIN_KEY });
});
afterAll(async () => {
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Opens the preview from the start page's link and picks 2031-KX. */
async function openKx(page: Page): Promise<void> {
  await page.click(byTestId('scenario-preview-link'));
  await page.waitForSelector(byTestId('scenario-preview'));
  await page.waitForSelector(`${byTestId('preview-pick')} option[value="2031-kx"]`, { state: 'attached' });
  await page.selectOption(byTestId('preview-pick'), '2031-kx');
  await page.waitForSelector(byTestId('preview-corridor'));
}

/** The page's horizontal overflow in CSS pixels (0 when nothing sticks out sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the scenario preview', () => {
  it('shows 2031-KX: the corridor, the actors, the calendar with mission deadlines, the injects', async () => {
    const page = await stage.openPage();
    await openKx(page);
    expect(page.url()).toMatch(/\/scenarios\/preview\/2031-kx$/);
    await expect.poll(() => page.textContent(byTestId('check-headline')), { timeout: STEP_TIMEOUT_MS }).toMatch(/^No errors/);
    // The countries load lazily: the crossed ones are named under the map.
    await expect.poll(() => page.textContent(byTestId('preview-map')), { timeout: STEP_TIMEOUT_MS }).toMatch(/Corridor, [\d,]+ km, over /);
    expect(await page.textContent(byTestId('preview-actor-usa'))).toMatch(/United States.*600 M USD a round.*Capabilities: launch, observatories, deep-space network, industry/s);
    expect(await page.textContent(byTestId('preview-actors'))).toMatch(/Secret briefing/);
    const calendar = (await page.textContent(byTestId('preview-calendar')))!;
    expect(calendar).toMatch(/Round 1\s*10 March 2031: Discovery/);
    expect(calendar).toMatch(/Potential impact:/);
    expect(await page.textContent(byTestId('preview-deadlines'))).toMatch(/Kinetic impactor.*Round 4/s);
    expect(await page.textContent(byTestId('preview-injects'))).toMatch(/Round 2 · .*Kinetic impactor could double as an anti-satellite weapon/s);
    expect(stage.errors).toEqual([]);
  });

  it('reports a mistake planted in the text with its line, and the line button moves the caret there', async () => {
    const page = await stage.openPage();
    await openKx(page);
    const broken = KX.replace('kind: space-faring-state', 'kind: spacefaring-state');
    const line = broken.split('\n').findIndex((l) => l.includes('spacefaring-state')) + 1;
    await page.fill(byTestId('preview-text'), broken);
    const finding = page.locator(`${byTestId('finding')}[data-line="${line}"]`);
    await finding.waitFor();
    expect(await finding.textContent()).toMatch(/Error.*kind/s);
    await expect.poll(() => page.textContent(byTestId('check-headline'))).toMatch(/^1 error/);
    expect(await page.isDisabled(byTestId('upload-scenario'))).toBe(true);
    await finding.getByRole('button', { name: `Go to line ${line}` }).click();
    const caret = await page.$eval(byTestId('preview-text'), (el) => {
      const area = el as HTMLTextAreaElement;
      return { focused: document.activeElement === area, selected: area.value.slice(area.selectionStart, area.selectionEnd) };
    });
    expect(caret).toEqual({ focused: true, selected: expect.stringContaining('kind: spacefaring-state') });
    // The schema refuses the file: the preview keeps the last version it accepted, and says so.
    await page.waitForSelector(byTestId('preview-stale'));
    await page.waitForSelector(byTestId('preview-actor-usa'));

    // A contradiction the schema cannot see: the physics check names it and its line, and the preview stays.
    const physics = KX.replace(/captureRadiusKm: \d+/, 'captureRadiusKm: 5000');
    const radiusLine = physics.split('\n').findIndex((l) => l.includes('captureRadiusKm: 5000')) + 1;
    await page.fill(byTestId('preview-text'), physics);
    const radius = page.locator(`${byTestId('finding')}[data-code="physics/capture_radius"][data-line="${radiusLine}"]`);
    await radius.waitFor();
    expect(await radius.textContent()).toMatch(/5000 km contradicts the entry speed/);
    await page.waitForSelector(byTestId('preview-stale'), { state: 'detached' });
    expect(await page.textContent(byTestId('preview-overview'))).toMatch(/capture radius 5,000 km/);
    expect(await page.isDisabled(byTestId('upload-scenario'))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await stage.shoot(page, 'scenario-preview.png');
  });

  it('uploads a checked scenario with the admin key; the start page then lists it', async () => {
    const page = await stage.openPage();
    await openKx(page);
    const copy = KX.replace(/^id: 2031-kx$/m, 'id: kx-from-the-browser').replace(/^title: .*$/m, 'title: "Uploaded from the preview"');
    await page.fill(byTestId('preview-text'), copy);
    await expect.poll(() => page.textContent(byTestId('check-headline'))).toMatch(/^No errors/);
    await page.fill(byTestId('admin-key'), 'a-wrong-admin-key-for-this-server');
    await page.click(`${byTestId('upload-scenario')}:not([disabled])`);
    await expect.poll(() => page.textContent(byTestId('upload-answer'))).toMatch(/not this server’s admin key/);
    await page.fill(byTestId('admin-key'), ADMIN_KEY);
    await page.click(`${byTestId('upload-scenario')}:not([disabled])`);
    await expect.poll(() => page.textContent(byTestId('upload-answer'))).toMatch(/Uploaded “Uploaded from the preview” \(kx-from-the-browser\)/);
    await page.click(`${byTestId('upload-answer')} a[href="/"]`);
    await page.waitForSelector(byTestId('scenario-kx-from-the-browser'));
    expect(await page.textContent(`label:has(${byTestId('scenario-kx-from-the-browser')})`)).toMatch(/Uploaded from the preview/);
    // The wrong key was answered 403: the browser logs that failed request, nothing else.
    expect(stage.errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  });

  it('opens a YAML file, exports the injects as CSV, imports an edited CSV into the text and downloads the YAML with its comments', async () => {
    const page = await stage.openPage();
    await page.click(byTestId('scenario-preview-link'));
    await page.waitForSelector(byTestId('scenario-preview'));
    await page.setInputFiles(byTestId('preview-file'), { name: 'my-kx.yaml', mimeType: 'text/yaml', buffer: Buffer.from(KX) });
    await page.waitForSelector(byTestId('preview-injects'));
    expect(await page.inputValue(byTestId('preview-text'))).toBe(KX);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('export-msel'))]);
    expect(csvDownload.suggestedFilename()).toBe('2031-kx-msel.csv');
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('id,round,condition,persona,channel,targets,headline,body,controller note,expected action');
    expect(csv).toContain('dual-use-worry');

    // The spreadsheet gains a row: a conditional inject for everyone.
    const edited = `${csv.replace(/(\r?\n)?$/, '')}\r\nspreadsheet-row,,probability > 50%,Wire service,news,all,From the spreadsheet,A row added in a spreadsheet.,,\r\n`;
    await page.setInputFiles(byTestId('import-msel'), { name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
    await expect.poll(() => page.textContent(byTestId('authoring-notice'))).toMatch(/Imported 4 injects/);
    await expect.poll(() => page.textContent(byTestId('preview-injects'))).toMatch(/When the impact probability is above 50%.*From the spreadsheet/s);
    const text = await page.inputValue(byTestId('preview-text'));
    expect(text).toContain('id: spreadsheet-row');
    const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));
    // 2031-KX has no comment inside its injects: every one of its 22 comments survives the import.
    expect(comments(KX).length).toBeGreaterThan(20);
    expect(comments(text)).toEqual(comments(KX));
    await expect.poll(() => page.textContent(byTestId('check-headline'))).toMatch(/^No errors/);

    const [yamlDownload] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('download-yaml'))]);
    expect(yamlDownload.suggestedFilename()).toBe('2031-kx.yaml');
    expect(readFileSync((await yamlDownload.path())!, 'utf8')).toBe(text);
    expect(stage.errors).toEqual([]);
  });

  it('fits a phone’s width without sideways scrolling, and passes axe there', async () => {
    const page = await stage.openPage(PHONE, TOUCH);
    await openKx(page);
    await page.waitForSelector(byTestId('preview-deadlines'));
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await stage.shoot(page, 'scenario-preview-phone.png');
  });
});
