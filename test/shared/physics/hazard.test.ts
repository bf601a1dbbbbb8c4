import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backgroundImpactFrequencyPerYear, hazardAssessment, palermoScale, torinoScale } from '../../../shared/physics/hazard.js';

const torino = (impactProbability: number, energyMt: number, yearsToImpact = 10) => torinoScale({ impactProbability, energyMt, yearsToImpact });

describe('worked examples of the reference (section 7)', () => {
  it('Palermo: p = 1e-3, E = 100 Mt, 20 years ahead gives PS = −1.18', () => {
    expect(palermoScale({ impactProbability: 1e-3, energyMt: 100, yearsToImpact: 20 })).toBeCloseTo(-1.18, 2);
  });

  it('Torino: 880 Mt at p = 0.027 (Apophis, 2004) is level 4', () => {
    expect(torino(0.027, 880, 25)).toBe(4);
  });

  it('Torino: 8 Mt at p = 0.031 (2024 YR4) is level 3', () => {
    expect(torino(0.031, 8, 8)).toBe(3);
  });
});

describe('Palermo scale', () => {
  it('is 0 when the risk equals the background over the interval, fB = 0.03·E^(−4/5) per year', () => {
    const energyMt = 10;
    const yearsToImpact = 30;
    const p = backgroundImpactFrequencyPerYear(energyMt) * yearsToImpact;
    expect(palermoScale({ impactProbability: p, energyMt, yearsToImpact })).toBeCloseTo(0, 12);
    expect(backgroundImpactFrequencyPerYear(1)).toBe(0.03);
  });

  it('is −Infinity when the impact is ruled out', () => {
    expect(palermoScale({ impactProbability: 0, energyMt: 10, yearsToImpact: 5 })).toBe(-Infinity);
  });
});

describe('Torino scale', () => {
  it.each([
    ['0: under 1 Mt whatever the probability', 0.5, 0.5, 0],
    ['0: far below the background', 1e-9, 10, 0],
    ['1: A ≥ 0, B < 0, p < 1%', 5e-3, 1, 1],
    ['2: B ≥ 0, C < 0, p < 1%', 5e-3, 1e3, 2],
    ['2: p < 1% above the line C (a region the reference leaves open)', 5e-3, 1e7, 2],
    ['3: 1% ≤ p, B < 0', 0.05, 1, 3],
    ['4: 1% ≤ p, B ≥ 0, C < 0', 0.05, 500, 4],
    ['5: 1% ≤ p, C ≥ 0, L < 5', 0.5, 5e4, 5],
    ['6: 1% ≤ p < 10%, L ≥ 5', 0.05, 1e6, 6],
    ['7: 10% ≤ p < 99%, L ≥ 5', 0.5, 1e6, 7],
    ['8: certain, L < 2', 0.995, 10, 8],
    ['9: certain, 2 ≤ L < 5', 1, 1e3, 9],
    ['10: certain, L ≥ 5', 1, 1e6, 10],
  ])('level %s', (_name, p, energyMt, level) => {
    expect(torino(p, energyMt)).toBe(level);
  });

  it('counts only impacts within 100 years', () => {
    expect(torino(1, 1e6, 100)).toBe(10);
    expect(torino(1, 1e6, 100.5)).toBe(0);
  });
});

describe('hazardAssessment', () => {
  it('2024 YR4 at its peak (3.1%, ~8 Mt, ~60 m, 2032): Torino 3, IAWN notification and SMPAG options, no preparedness advice yet', () => {
    expect(hazardAssessment({ impactProbability: 0.031, energyMt: 8, yearsToImpact: 7.8, diameterM: 60 })).toEqual({
      torino: 3,
      palermo: palermoScale({ impactProbability: 0.031, energyMt: 8, yearsToImpact: 7.8 }),
      iawnNotify: true,
      smpagOptions: true,
      terrestrialPreparedness: false,
    });
  });

  it('the thresholds are strict: exactly 1% or exactly 10 m does not notify', () => {
    const base = { energyMt: 1, yearsToImpact: 5 };
    expect(hazardAssessment({ ...base, impactProbability: 0.01, diameterM: 30 }).iawnNotify).toBe(false);
    expect(hazardAssessment({ ...base, impactProbability: 0.02, diameterM: 10 }).iawnNotify).toBe(false);
    expect(hazardAssessment({ ...base, impactProbability: 0.02, diameterM: 10.5 }).iawnNotify).toBe(true);
  });

  it('terrestrial preparedness needs impact within 20 years, p > 10% and size > 20 m', () => {
    const base = { impactProbability: 0.72, energyMt: 50, diameterM: 70 };
    expect(hazardAssessment({ ...base, yearsToImpact: 0.5 }).terrestrialPreparedness).toBe(true);
    expect(hazardAssessment({ ...base, yearsToImpact: 20 }).terrestrialPreparedness).toBe(true);
    expect(hazardAssessment({ ...base, yearsToImpact: 21 }).terrestrialPreparedness).toBe(false);
    expect(hazardAssessment({ ...base, yearsToImpact: 5, impactProbability: 0.1 }).terrestrialPreparedness).toBe(false);
    expect(hazardAssessment({ ...base, yearsToImpact: 5, diameterM: 20 }).terrestrialPreparedness).toBe(false);
  });

  it('SMPAG options need size > 50 m, p > 1% and impact within 50 years', () => {
    const base = { impactProbability: 0.05, energyMt: 100, diameterM: 120, yearsToImpact: 14 };
    expect(hazardAssessment(base).smpagOptions).toBe(true);
    expect(hazardAssessment({ ...base, diameterM: 50 }).smpagOptions).toBe(false);
    expect(hazardAssessment({ ...base, impactProbability: 0.01 }).smpagOptions).toBe(false);
    expect(hazardAssessment({ ...base, yearsToImpact: 51 }).smpagOptions).toBe(false);
  });

  it('with no diameter known, none of the size-dependent flags is raised', () => {
    const flags = hazardAssessment({ impactProbability: 0.9, energyMt: 1e4, yearsToImpact: 3 });
    expect(flags).toMatchObject({ iawnNotify: false, smpagOptions: false, terrestrialPreparedness: false });
    expect(flags.torino).toBeGreaterThan(0);
  });
});

describe('properties', () => {
  const probability = fc.double({ min: 1e-12, max: 1, noNaN: true });
  const energyMt = fc.double({ min: 1e-3, max: 1e9, noNaN: true });
  const years = fc.double({ min: 0.01, max: 300, noNaN: true });

  it('outputs stay in range: Torino an integer 0..10, Palermo finite, flags boolean', () => {
    fc.assert(
      fc.property(probability, energyMt, years, fc.option(fc.double({ min: 1, max: 20_000, noNaN: true }), { nil: undefined }), (p, e, t, d) => {
        const a = hazardAssessment({ impactProbability: p, energyMt: e, yearsToImpact: t, diameterM: d });
        return (
          Number.isInteger(a.torino) &&
          a.torino >= 0 &&
          a.torino <= 10 &&
          Number.isFinite(a.palermo) &&
          [a.iawnNotify, a.smpagOptions, a.terrestrialPreparedness].every((f) => typeof f === 'boolean')
        );
      }),
    );
  });

  it('Torino never decreases as probability or energy grows', () => {
    fc.assert(
      fc.property(probability, probability, energyMt, energyMt, (p1, p2, e1, e2) => {
        fc.pre(p1 <= p2 && e1 <= e2);
        return torino(p1, e1) <= torino(p2, e1) && torino(p1, e1) <= torino(p1, e2);
      }),
    );
  });

  it('Palermo rises with probability and energy and falls with the time to impact', () => {
    fc.assert(
      fc.property(probability, energyMt, years, (p, e, t) => {
        const ps = palermoScale({ impactProbability: p, energyMt: e, yearsToImpact: t });
        return (
          palermoScale({ impactProbability: p / 2, energyMt: e, yearsToImpact: t }) < ps &&
          palermoScale({ impactProbability: p, energyMt: e * 2, yearsToImpact: t }) > ps &&
          palermoScale({ impactProbability: p, energyMt: e, yearsToImpact: t * 2 }) < ps
        );
      }),
    );
  });
});
