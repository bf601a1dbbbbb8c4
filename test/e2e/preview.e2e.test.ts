import { describe, expect, it } from 'vitest';
import { advance, byTestId, confirm, createExercise, joinAndSit, STEP_TIMEOUT_MS, useStage, waitForPhase } from './harness.js';

// The effect preview of a mission (computed in the browser from the public catalogue) and the
// orders draft that survives a reload of the participant's tab.

const TALL_LAPTOP = { width: 1280, height: 900 };
const MISSION = 'mission-1';
const stage = useStage('preview');

describe('mission previews and the orders draft', () => {
  it('previews a campaign’s Δv band and shift, and keeps unsent orders across a reload until the server accepts them', async () => {
    const facilitator = await stage.openPage(TALL_LAPTOP);
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');

    const usa = await stage.openPage(TALL_LAPTOP);
    await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
    await usa.waitForSelector(byTestId('player-screen'));

    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    await waitForPhase(usa, 'deliberation');

    // The propose form previews the selected campaign: a Δv band in mm/s and a shift in km toward Dhaka.
    await usa.selectOption(byTestId('propose-type'), 'ki-campaign');
    await usa.selectOption(byTestId('propose-direction'), 'toward-end');
    const preview = usa.locator(byTestId('propose-preview'));
    await expect.poll(() => preview.textContent(), { timeout: STEP_TIMEOUT_MS }).toMatch(/Δv [\d.]+–[\d.]+ mm\/s \(nominal [\d.]+ mm\/s\)/);
    const text = (await preview.textContent())!;
    expect(text).toMatch(/move the predicted point [\d,]+ km \([\d,]+–[\d,]+ km\) toward Dhaka/);
    expect(text).toContain('The capture radius is 8,286 km'); // derived from the entry speed (Collins et al.; issue 12)
    await preview.scrollIntoViewIfNeeded();
    await stage.shoot(usa, 'preview-propose.png');

    // Proposed, the mission's card carries the same preview.
    await usa.selectOption(byTestId('propose-provider'), 'usa');
    await usa.click(byTestId('propose-mission'));
    await usa.waitForSelector(`${byTestId(`mission-${MISSION}`)}[data-status="proposed"]`);
    expect(await usa.textContent(byTestId(`mission-preview-${MISSION}`))).toMatch(/mm\/s.*km .*toward Dhaka/);

    await advance(facilitator, 'Open orders');
    await waitForPhase(usa, 'orders');
    expect(await usa.textContent(byTestId(`fund-preview-${MISSION}`))).toMatch(/^This mission, if funded.*mm\/s.*km/);

    // The observation line says what the typed amount buys, from the same rules the server resolves with.
    const observeEffect = usa.locator(byTestId('observe-effect'));
    expect(await observeEffect.textContent()).toBe(
      'With no money from anyone, this round’s observations halve the uncertainty about where the asteroid will pass; every 200 M USD spent by the whole table would halve what remains once more.',
    );
    await usa.fill(byTestId('observe-input'), '100');
    await expect.poll(() => observeEffect.textContent(), { timeout: STEP_TIMEOUT_MS }).toMatch(/^Your 100 M USD leaves the uncertainty about where the asteroid will pass 29% smaller than without it, whatever the others spend/);

    // Typed but not sent, the orders survive a reload: the tab takes its seat back with the draft.
    await usa.fill(byTestId('observe-input'), '120');
    await expect.poll(() => observeEffect.textContent(), { timeout: STEP_TIMEOUT_MS }).toMatch(/^Your 120 M USD .* 34% smaller/);
    await usa.fill(byTestId(`fund-input-${MISSION}`), '450');
    await usa.reload();
    await usa.waitForSelector(byTestId('player-screen'));
    await usa.waitForSelector(byTestId(`fund-input-${MISSION}`));
    expect(await usa.textContent(byTestId('my-seat'))).toContain('United States');
    await expect.poll(() => usa.inputValue(byTestId('observe-input')), { timeout: STEP_TIMEOUT_MS }).toBe('120');
    expect(await usa.inputValue(byTestId(`fund-input-${MISSION}`))).toBe('450');
    expect(await usa.textContent(byTestId('submitted-orders'))).toBe('None this round');
    await usa.locator(byTestId('orders-form')).scrollIntoViewIfNeeded();
    await stage.shoot(usa, 'preview-orders.png');

    // Submitted and accepted, the draft is gone and a reload shows the orders the server holds.
    await usa.click(byTestId('submit-orders'));
    await confirm(usa);
    await expect.poll(() => usa.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS }).toContain('Observe 120 M USD');
    await expect
      .poll(() => usa.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('deflect.draft.')).length), { timeout: STEP_TIMEOUT_MS })
      .toBe(0);
    await usa.reload();
    await usa.waitForSelector(byTestId('player-screen'));
    await expect.poll(() => usa.textContent(byTestId('submitted-orders')), { timeout: STEP_TIMEOUT_MS }).toContain('Observe 120 M USD');
    expect(await usa.textContent(byTestId('submitted-orders'))).toContain('450 M USD');
    expect(await usa.inputValue(byTestId('observe-input'))).toBe('120');
    expect(await usa.inputValue(byTestId(`fund-input-${MISSION}`))).toBe('450');

    expect(stage.errors).toEqual([]);
  });

  it('offers the nuclear device’s yield and burst height within the catalogue’s ranges, and the preview follows them', async () => {
    const facilitator = await stage.openPage(TALL_LAPTOP);
    const { joinCode } = await createExercise(facilitator, 'Fay (Control)');
    const usa = await stage.openPage(TALL_LAPTOP);
    await joinAndSit(usa, joinCode, 'Uma (USA)', 'actor:usa');
    await advance(facilitator, 'Start round 1');
    await advance(facilitator, 'Advance to deliberation');
    await waitForPhase(usa, 'deliberation');

    // The kinetic campaign has nothing to choose; the nuclear device offers both, the nominal yield and the optimum height first.
    await usa.selectOption(byTestId('propose-type'), 'ki-campaign');
    expect(await usa.locator(byTestId('propose-yield')).count()).toBe(0);
    await usa.selectOption(byTestId('propose-type'), 'nuclear');
    expect(await usa.inputValue(byTestId('propose-yield'))).toBe('1000');
    expect(await usa.inputValue(byTestId('propose-standoff'))).toBe('');
    const preview = usa.locator(byTestId('propose-preview'));
    await expect.poll(() => preview.textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('from one 1,000 kt device at the optimum height');
    const nominal = (await preview.textContent())!;

    await usa.fill(byTestId('propose-yield'), '200');
    await usa.fill(byTestId('propose-standoff'), '150');
    await expect.poll(() => preview.textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('from one 200 kt device 150 m above the surface');
    expect(await preview.textContent()).not.toBe(nominal);
    await preview.scrollIntoViewIfNeeded();
    await stage.shoot(usa, 'preview-nuclear-choice.png');

    // Proposed, the mission carries the burst chosen, and its card previews that burst.
    await usa.selectOption(byTestId('propose-provider'), 'usa');
    await usa.click(byTestId('propose-mission'));
    await usa.waitForSelector(`${byTestId(`mission-${MISSION}`)}[data-status="proposed"]`);
    await expect.poll(() => usa.textContent(byTestId(`mission-preview-${MISSION}`)), { timeout: STEP_TIMEOUT_MS }).toContain('from one 200 kt device 150 m above the surface');

    expect(stage.errors).toEqual([]);
  });
});
