// A resolution records the hazard scales in its event, and the event must survive the store:
// JSON has no −∞, so a probability that has fallen to exactly 0 (a body pushed far off, or
// never near) must not leave a Palermo value the log cannot read back (found playing PDC 2025).
import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../../shared/engine/events.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { scenario, Table } from './given.js';

/** 2031 KX published five million kilometres off with a 1 000 km spread: the probability is 0 in floating point. */
const farAway: Scenario = { ...scenario, asteroid: { ...scenario.asteroid, initialEstimate: { meanKm: 5_000_000, sigmaKm: 1000 } } };

describe('the hazard a resolution records', () => {
  it('is a finite Palermo value far below any concern when the probability is 0, and the event reads back from JSON', () => {
    const t = new Table(2031, undefined, farAway);
    const resolved = t.playRound();
    expect(resolved.estimate.impactProbability).toBe(0);
    expect(Number.isFinite(resolved.hazard.palermo)).toBe(true);
    expect(resolved.hazard.palermo).toBeLessThan(-300);
    const stored = eventSchema.safeParse(JSON.parse(JSON.stringify(resolved)));
    expect(stored.success).toBe(true);
  });

  it('is the Palermo value itself while the probability is positive', () => {
    const t = new Table(2031);
    const resolved = t.playRound();
    expect(resolved.estimate.impactProbability).toBeGreaterThan(0);
    expect(resolved.hazard.palermo).toBeGreaterThan(-10);
    expect(eventSchema.safeParse(JSON.parse(JSON.stringify(resolved))).success).toBe(true);
  });
});
