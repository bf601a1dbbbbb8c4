import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, byTestId, createExercise, joinAndSit, joinWithCode, seriousViolations, useStage, type JoinKey } from './harness.js';

// axe-core on every screen: the start page, the seat picker, a participant of each kind,
// the facilitator console, the evaluator screen and the public display. No serious or
// critical violation may remain.

const stage = useStage('a11y');

async function joinAs(joinCode: string, name: string, seat: string, as?: JoinKey): Promise<Page> {
  const page = await stage.openPage();
  await joinAndSit(page, joinCode, name, seat, as);
  return page;
}

describe('accessibility (axe-core)', () => {
  it('catches a serious violation when there is one (the check itself works)', async () => {
    const page = await stage.openPage();
    await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head><body><main><img src="x.png"><button></button></main></body></html>');
    const found = await seriousViolations(page);
    expect(found.join('\n')).toMatch(/image-alt|button-name/);
  });

  it('finds no serious or critical violation on any screen', async () => {
    const problems: Record<string, string[]> = {};
    const start = await stage.openPage();
    await start.waitForSelector(byTestId('scenario-2031-kx'));
    problems['start page'] = await seriousViolations(start);
    const { joinCode, evaluatorKey } = await createExercise(start, 'Fay (Control)');

    const picker = await stage.openPage();
    await joinWithCode(picker, joinCode, 'Pat');
    problems['seat picker'] = await seriousViolations(picker);

    const seats = {
      'space-faring state': await joinAs(joinCode, 'Uma', 'actor:usa'),
      'non-space-faring state': await joinAs(joinCode, 'Kofi', 'actor:kenya'),
      'private company': await joinAs(joinCode, 'Ada', 'actor:astra'),
      'UN body': await joinAs(joinCode, 'Una', 'actor:copuos'),
      evaluator: await joinAs(joinCode, 'Eva', 'evaluator', { role: 'evaluator', key: evaluatorKey }),
      'public display': await joinAs(joinCode, 'Projector', 'display'),
    };
    // Pat asks into the USA's delegation: the picker says so, and the USA and the console list the request.
    await picker.click(byTestId('request-delegation-usa'));
    await picker.waitForSelector(byTestId('delegation-waiting'));
    problems['seat picker, waiting for a delegation'] = await seriousViolations(picker);
    await seats['space-faring state'].waitForSelector(`${byTestId('waiting-for-you')} [data-testid^="accept-delegation-"]`);
    await start.waitForSelector(byTestId('delegation-requests'));
    // Into the round, so the screens show their full content; a message box near its limit shows its count.
    await start.click(byTestId('advance-phase'));
    await start.click(byTestId('advance-phase'));
    await seats['space-faring state'].waitForSelector(`${byTestId('phase')}[data-phase="deliberation"]`);
    await seats['space-faring state'].fill(byTestId('message-text'), 'x'.repeat(2001));
    await seats['space-faring state'].waitForSelector(`${byTestId('message-count')}[data-over]`);
    problems['facilitator console'] = await seriousViolations(start);
    for (const [name, page] of Object.entries(seats)) {
      problems[name] = await seriousViolations(page);
      await page.screenshot({ path: join(ARTIFACTS_DIR, `a11y-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    }
    expect(Object.fromEntries(Object.entries(problems).filter(([, v]) => v.length > 0))).toEqual({});
  }, 120_000);
});
