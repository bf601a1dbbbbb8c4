import { describe, expect, it } from 'vitest';
import { byTestId, createExercise, joinAndSit, joinWithCode, useStage } from './harness.js';

// Two people speak for the United States: the second joins the delegation from the seat
// picker, and the delegation's own channel reaches both of them and nobody else at the table.

const stage = useStage('delegation');

describe('delegations', () => {
  it('lets a second person join an actor’s delegation and talk in a channel only the delegation sees', async () => {
    const facilitator = await stage.openPage();
    const { joinCode: code } = await createExercise(facilitator, 'Fay (Control)');

    const head = await stage.openPage();
    await joinAndSit(head, code, 'Uma (USA)', 'actor:usa');

    const second = await stage.openPage();
    await joinWithCode(second, code, 'Sam (USA delegate)');
    await second.waitForSelector(byTestId('join-delegation-usa'));
    await stage.shoot(second, 'delegation-seat-picker.png');
    await second.click(byTestId('join-delegation-usa'));
    await second.waitForSelector(`${byTestId('my-seat')}:not(:text("No seat"))`);

    const kenya = await stage.openPage();
    await joinAndSit(kenya, code, 'Kofi (Kenya)', 'actor:kenya');

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
    await stage.shoot(head, 'delegation-channel.png');
    expect(stage.errors).toEqual([]);
  }, 90_000);
});
