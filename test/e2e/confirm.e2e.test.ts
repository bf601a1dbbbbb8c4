import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { advance, byTestId, confirm, createExercise, joinAndSit, seriousViolations, STEP_TIMEOUT_MS, useStage, waitForPhase } from './harness.js';

// What costs asks first, in plain words, and what is refused says why beside the control
// that caused it: evacuation only for a state with territory at risk, the facilitator's
// moves and overrides, and bids and timers that used to be refused in silence.

const stage = useStage('confirm');
const MISSION = 'mission-1';
const OPEN_DIALOG = `${byTestId('confirm-dialog')}[open]`;

/** The id of the element the focus is on, by its test id. */
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Whether the control names the alert beside it in its aria-describedby. */
async function describedByAlert(page: Page, control: string, alert: string): Promise<boolean> {
  return page.evaluate(
    ([c, a]) => {
      const alertEl = document.querySelector(`[data-testid="${a}"]`);
      const ids = document.querySelector(`[data-testid="${c}"]`)?.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
      return alertEl !== null && alertEl.getAttribute('role') === 'alert' && ids.includes(alertEl.id);
    },
    [control, alert] as const,
  );
}

describe('confirmation before what costs, refusals beside their control', () => {
  it('offers evacuation only to the state at risk, asks before it and the facilitator’s moves, and says why a bid or a timer is refused', async () => {
    const facilitator = await stage.openPage();
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');
    const usa = await stage.openPage();
    await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
    const kenya = await stage.openPage();
    await joinAndSit(kenya, joinCode, 'Kofi (Kenya)', 'actor:kenya');
    const astra = await stage.openPage();
    await joinAndSit(astra, joinCode, 'Ada (Astra)', 'actor:astra');

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    for (const page of [usa, kenya, astra]) await waitForPhase(page, 'deliberation', 1);

    // The override asks first; confirmed, Kenya holds the issue's 210 M USD.
    await facilitator.selectOption(byTestId('override-kind'), 'actor-budget');
    await facilitator.selectOption(byTestId('override-subject'), 'kenya');
    await facilitator.fill(byTestId('override-value'), '210');
    await facilitator.fill(byTestId('override-reason'), 'Kenya received emergency aid.');
    await facilitator.click(`${byTestId('apply-override')}:not([disabled])`);
    expect(await facilitator.textContent(byTestId('confirm-question'))).toBe('Override the budget of Kenya to 210 M USD?');
    await confirm(facilitator);
    await expect.poll(() => kenya.textContent(byTestId('balance')), { timeout: STEP_TIMEOUT_MS }).toBe('210 M USD');

    // The United States has no territory under the corridor: no evacuation control at all. Kenya has one.
    await kenya.waitForSelector(`${byTestId('order-evacuation')}:not([disabled])`);
    expect(await usa.locator(byTestId('order-evacuation')).count()).toBe(0);
    expect(await usa.locator(byTestId('order-shelter')).count()).toBe(0);

    // Kenya presses Evacuate: a dialog says what it costs, the focus on Cancel; Escape and Cancel spend nothing.
    await kenya.click(byTestId('order-evacuation'));
    await kenya.waitForSelector(OPEN_DIALOG);
    expect(await kenya.textContent(byTestId('confirm-question'))).toBe('Evacuate Kenya’s territory at risk?');
    expect(await kenya.textContent(byTestId('confirm-cost'))).toContain('It costs 150 M USD of your 210 M USD, now, and is wasted if the asteroid misses.');
    expect(await focusedTestId(kenya)).toBe('confirm-no');
    expect(await seriousViolations(kenya)).toEqual([]);
    await stage.shoot(kenya, 'confirm-evacuation.png');
    await kenya.keyboard.press('Escape');
    await kenya.waitForSelector(byTestId('confirm-dialog'), { state: 'detached' });
    await kenya.click(byTestId('order-evacuation'));
    await kenya.click(`${OPEN_DIALOG} ${byTestId('confirm-no')}`);
    await kenya.waitForSelector(byTestId('confirm-dialog'), { state: 'detached' });
    expect(await kenya.textContent(byTestId('balance'))).toBe('210 M USD');
    expect(await kenya.locator(byTestId('evacuation-status')).count()).toBe(0);

    // Asked again and confirmed, the evacuation is ordered and paid.
    await kenya.click(byTestId('order-evacuation'));
    await confirm(kenya);
    await expect.poll(() => kenya.textContent(byTestId('balance')), { timeout: STEP_TIMEOUT_MS }).toBe('60 M USD');
    await kenya.waitForSelector(byTestId('evacuation-status'));

    // Kenya can never propose a mission: its form says what it can do instead.
    expect(await kenya.textContent(byTestId('propose-closed'))).toContain('you can contribute to one under Orders');
    expect(await kenya.locator(byTestId('propose-mission')).count()).toBe(0);

    // The facilitator's Move to… asks first; cancelled, nobody moves.
    await facilitator.selectOption(`${byTestId('seat-status-actor:kenya')} select[data-testid^="move-"]`, 'actor:bangladesh');
    await facilitator.waitForSelector(OPEN_DIALOG);
    expect(await facilitator.textContent(byTestId('confirm-question'))).toBe('Move Kofi (Kenya) to Bangladesh?');
    await facilitator.click(`${OPEN_DIALOG} ${byTestId('confirm-no')}`);
    await facilitator.waitForSelector(byTestId('confirm-dialog'), { state: 'detached' });
    expect(await kenya.textContent(byTestId('my-seat'))).toBe('Kenya');

    // A timer of zero minutes is refused with a sentence beside Start timer.
    await facilitator.fill(byTestId('timer-minutes'), '0');
    await facilitator.click(byTestId('start-timer'));
    expect(await facilitator.textContent(byTestId('timer-error'))).toContain('more than zero');
    expect(await describedByAlert(facilitator, 'start-timer', 'timer-error')).toBe(true);

    // A bid with a build time that is not whole months is refused with a sentence beside Submit bid.
    await usa.selectOption(byTestId('propose-provider'), 'usa');
    await usa.click(`${byTestId('propose-mission')}:not([disabled])`);
    await astra.waitForSelector(`${byTestId(`submit-bid-${MISSION}`)}:not([disabled])`);
    await astra.fill(byTestId(`bid-build-${MISSION}`), '2.5');
    await astra.click(byTestId(`submit-bid-${MISSION}`));
    expect(await astra.textContent(byTestId(`bid-error-${MISSION}`))).toContain('whole months');
    expect(await describedByAlert(astra, `submit-bid-${MISSION}`, `bid-error-${MISSION}`)).toBe(true);
    await stage.shoot(astra, 'confirm-bid-refused.png');
    expect(stage.errors).toEqual([]);
  });
});
