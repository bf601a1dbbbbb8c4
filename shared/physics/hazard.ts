// Hazard scales and the international action thresholds of ../shared/reference/planetary-defense.md
// section 3: the Palermo scale (Chesley et al. 2002, Icarus 159:423), the Torino scale (Binzel
// 2000, wording revised 2005; levels 3–10 as reconstructed in the reference), and the IAWN and
// SMPAG criteria. Probabilities are fractions (0.01 = 1 %), energies in Mt of TNT.

/** Background impact frequency (per year) of events at least this energetic, fB = 0.03·E_Mt^(−4/5) (Chesley et al. 2002). */
export function backgroundImpactFrequencyPerYear(energyMt: number): number {
  return 0.03 * energyMt ** (-4 / 5);
}

/** The quantities the scales are computed from. */
export interface HazardCase {
  /** Probability of impact, a fraction in [0, 1]. */
  impactProbability: number;
  /** Kinetic energy at impact (Mt). */
  energyMt: number;
  /** Time until the potential impact (years). */
  yearsToImpact: number;
}

/** Palermo scale value, PS = log10(p / (fB·ΔT)) (Chesley et al. 2002); −Infinity when p = 0. */
export function palermoScale({ impactProbability, energyMt, yearsToImpact }: HazardCase): number {
  return Math.log10(impactProbability / (backgroundImpactFrequencyPerYear(energyMt) * yearsToImpact));
}

/** The Torino scale looks only this far ahead (years). */
export const TORINO_HORIZON_YEARS = 100;

/**
 * Torino scale level 0–10 (Binzel 2000; levels 3–10 reconstructed in the reference), with
 * P = log10 p, L = log10 E_Mt and the lines A, B, C of the reference; 0 beyond 100 years.
 * Where the reference leaves a region open (p < 1 % above the line C) we keep level 2, as the
 * chart's level-2 band extends up to the top of the energy axis below 1 %.
 */
export function torinoScale({ impactProbability, energyMt, yearsToImpact }: HazardCase): number {
  if (!(yearsToImpact <= TORINO_HORIZON_YEARS) || !(impactProbability > 0) || !(energyMt > 0)) return 0;
  const P = Math.log10(impactProbability);
  const L = Math.log10(energyMt);
  const A = (L + 1) / 3 + (P + 2) / 2;
  const B = (L - 2) / 3 + (P + 2) / 2;
  const C = (L - 5) / 3 + (P + 2) / 2;
  if (L < 0 || A < 0) return 0;
  if (impactProbability >= 0.99) return L < 2 ? 8 : L < 5 ? 9 : 10; // certain collision
  if (impactProbability >= 0.01) {
    if (L >= 5) return P >= -1 ? 7 : 6; // global threat
    return B < 0 ? 3 : C < 0 ? 4 : 5;
  }
  return B < 0 ? 1 : 2; // p < 1 % (P < −2)
}

/** IAWN notifies when the impact probability exceeds this (reference section 3). */
export const IAWN_MIN_PROBABILITY = 0.01;
/** … and the object is larger than this (m). */
export const IAWN_MIN_DIAMETER_M = 10;
/** Terrestrial preparedness advice: impact within this many years, */
export const PREPAREDNESS_MAX_YEARS = 20;
/** … probability above this, */
export const PREPAREDNESS_MIN_PROBABILITY = 0.1;
/** … and size above this (m). */
export const PREPAREDNESS_MIN_DIAMETER_M = 20;
/** SMPAG mission-option work: size above this (m), */
export const SMPAG_MIN_DIAMETER_M = 50;
/** … probability above this, */
export const SMPAG_MIN_PROBABILITY = 0.01;
/** … and impact within this many years. */
export const SMPAG_MAX_YEARS = 50;

/** Input of {@link hazardAssessment}; the diameter may be unknown early in a campaign. */
export interface HazardInput extends HazardCase {
  diameterM?: number;
}

/** The scales and which international responses the case triggers. */
export interface HazardAssessment {
  torino: number;
  palermo: number;
  iawnNotify: boolean;
  smpagOptions: boolean;
  terrestrialPreparedness: boolean;
}

/**
 * Rates a potential impact on the Torino and Palermo scales and says whether it crosses the IAWN
 * notification, SMPAG mission-option and terrestrial-preparedness thresholds; the thresholds all
 * depend on size, so with no diameter known they are not met (false) — a size estimate from
 * brightness must be supplied by the caller, not guessed here.
 */
export function hazardAssessment(input: HazardInput): HazardAssessment {
  const { impactProbability: p, yearsToImpact, diameterM } = input;
  const sizeAbove = (minM: number) => diameterM !== undefined && diameterM > minM;
  return {
    torino: torinoScale(input),
    palermo: palermoScale(input),
    iawnNotify: p > IAWN_MIN_PROBABILITY && sizeAbove(IAWN_MIN_DIAMETER_M),
    smpagOptions: sizeAbove(SMPAG_MIN_DIAMETER_M) && p > SMPAG_MIN_PROBABILITY && yearsToImpact <= SMPAG_MAX_YEARS,
    terrestrialPreparedness: yearsToImpact <= PREPAREDNESS_MAX_YEARS && p > PREPAREDNESS_MIN_PROBABILITY && sizeAbove(PREPAREDNESS_MIN_DIAMETER_M),
  };
}
