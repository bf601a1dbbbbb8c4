// The finding is typed through the event: the schema the law module writes findings by is the
// one the event store reads them back with, so a malformed finding fails loudly and a stored
// one comes back with its type, no cast needed.
import { describe, expect, it } from 'vitest';
import { eventSchema, type EventOf } from '../../../shared/engine/index.js';
import { isFinding, judgeCase, type Finding } from '../../../shared/law/liability.js';
import { storyCase } from './fixtures.js';

/** The last round's event with an impact whose consequences carry these findings. */
function resolvedWith(findings: unknown[]): unknown {
  return {
    type: 'ExerciseEnded',
    reason: 'impact',
    outcome: {
      kind: 'impact',
      summary: 'It strikes.',
      impactPoint: { lat: 0, lon: 0, corridorKm: 0, countryIso3: 'KEN', countryName: 'Kenya' },
      consequences: {
        energyMt: 10,
        airburst: true,
        burstAltitudeKm: 8,
        craterDiameterKm: null,
        severeRadiusKm: 5,
        exposedRadiusKm: 20,
        exposedPopulation: 1000,
        severePopulation: 100,
        largestCities: [],
        evacuated: false,
        casualties: 10,
        damageMUsd: 5,
        byCountry: [],
        undeflectedPoint: null,
        liability: { regime: 'liability-convention', findings },
      },
    },
  };
}

const findingsOf = (parsed: unknown): EventOf<'ExerciseEnded'>['outcome'] => (parsed as EventOf<'ExerciseEnded'>).outcome;

describe('a finding recorded in an event', () => {
  const [finding] = judgeCase(storyCase(), 'liability-convention').findings as [Finding];

  it('reads back from the event schema as the finding the law module wrote, typed', () => {
    const parsed = eventSchema.parse(resolvedWith([finding]));
    expect(parsed.type).toBe('ExerciseEnded');
    if (parsed.type !== 'ExerciseEnded') return;
    const [recorded] = parsed.outcome!.consequences!.liability.findings;
    expect(recorded).toEqual(finding);
    // The type says what it is: a finding's fields are read without a cast.
    expect(isFinding(recorded!) ? recorded.liable : null).toEqual(['a']);
  });

  it('rejects a finding whose fields are not a finding’s (today any object with a damage id passed)', () => {
    expect(eventSchema.safeParse(resolvedWith([{ ...finding, liable: 'a' }])).success).toBe(false);
    expect(eventSchema.safeParse(resolvedWith([{ damageId: 'd1', basis: 'absolute' }])).success).toBe(false);
    expect(eventSchema.safeParse(resolvedWith([{ ...finding, basis: 'moral' }])).success).toBe(false);
  });

  it('still reads the error that stood in for the findings when the facts made no valid case', () => {
    const parsed = eventSchema.parse(resolvedWith([{ damageId: 'impact', error: 'impact case: damages: a case needs at least one damage' }]));
    const [recorded] = findingsOf(parsed)!.consequences!.liability.findings;
    expect(recorded && isFinding(recorded)).toBe(false);
  });
});
