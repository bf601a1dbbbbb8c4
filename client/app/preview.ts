// What observation money and a mission would do, computed in the browser from the public mission
// catalogue and the public estimate, so a table sees the size of a push before paying for it.
// The arithmetic is the rules module's own (shared/engine/mission-effect.ts, the function the
// resolution calls): this file only puts it in words. The numbers are previews; the server
// resolves the real ones.
import { daysBetween } from '../../shared/calendar.js';
import {
  earliestArrivalDate,
  missionEffect,
  missionEffectBand,
  NUCLEAR_ENERGY_COUPLING_RANGE,
  type EffectDraw,
  type MissionSchedule,
} from '../../shared/engine/mission-effect.js';
import type { MissionType } from '../../shared/scenario/schema.js';
import { observationFundingEffect, type ObservationRules } from '../../shared/physics/observation.js';
import { formatDeltaV, formatKm, formatMUsd, formatNumber, formatScenarioDate } from './format.js';

/** The public facts a preview is computed from. */
export interface PreviewContext {
  scenarioDate: string;
  potentialImpactDate: string;
  asteroid: { diameterMinM: number; diameterMaxM: number; densityKgM3: number; captureRadiusKm: number };
  /** The latest published estimate of the encounter point, if any. */
  estimate: { meanKm: number; sigmaKm: number } | null;
}

/** A nuclear stand-off's yield (kt) and burst height (m; null or absent: the optimum), as the proposer chose them. */
export type BurstChoice = Pick<EffectDraw, 'yieldKt' | 'standoffM'>;

/** A quantity with the band that the unknowns (β or the burst's coupling, the body's size) give it. */
export interface Band {
  min: number;
  nominal: number;
  max: number;
}

export interface EffectPreview {
  kind: MissionType['kind'];
  /** Velocity change over the body's size range and β (kinetic) or the burst's coupling (nuclear). */
  deltaVMmPerS: Band;
  /** Earliest arrival if the mission were funded and launched as soon as it can be. */
  arrivalDate: string;
  /** Days from arrival to the potential impact; null when the mission would arrive too late. */
  leadTimeDays: number | null;
  /** Magnitude of the along-track shift at the encounter (km); null when too late. */
  shiftKm: Band | null;
  /** +1 pushes toward the corridor's end, −1 toward its start. */
  sign: 1 | -1;
  /** The estimate's mean now and after the nominal push; null without an estimate or when too late. */
  meanKm: number | null;
  movedMeanKm: number | null;
  sigmaKm: number | null;
  captureRadiusKm: number;
  /** Whether the nominally pushed mean lies outside the capture radius. */
  clearsCaptureRadius: boolean | null;
  /** Nuclear stand-off: the burst previewed (yield of each device, height above the surface). */
  burst: { yieldKt: number; deviceCount: number; standoffM: number | null } | null;
  /**
   * Nuclear stand-off only: whether the burst would break the body up on the mid-range body with
   * the nominal coupling, and on the smallest body with the strongest coupling of its range.
   */
  disruption: { atNominal: boolean; atWorst: boolean; specificEnergyJPerKg: number; thresholdJPerKg: number } | null;
}

/**
 * The effect a mission of this type would have, pushing in `direction`, if it arrived as early as
 * `schedule` allows (`missionEffectBand`: Δv over the body's size range and β or the burst's
 * coupling, the along-track shift at the encounter), and whether the nominal push moves the
 * estimate's mean out of the capture radius. `burst`: a nuclear stand-off's chosen yield and
 * height. Null for reconnaissance, which pushes nothing.
 */
export function previewEffect(
  spec: MissionType,
  direction: 'toward-start' | 'toward-end',
  schedule: MissionSchedule,
  context: PreviewContext,
  burst: BurstChoice = {},
): EffectPreview | null {
  const { asteroid } = context;
  const arrivalDate = earliestArrivalDate(schedule, context.scenarioDate);
  const daysLeft = daysBetween(arrivalDate, context.potentialImpactDate);
  const leadTimeDays = daysLeft > 0 ? daysLeft : null;
  const band = missionEffectBand(spec, asteroid, leadTimeDays ?? 0, burst);
  if (band === null) return null;

  let burstPreviewed: EffectPreview['burst'] = null;
  let disruption: EffectPreview['disruption'] = null;
  if (spec.kind === 'nuclear-standoff') {
    const midM = (asteroid.diameterMinM + asteroid.diameterMaxM) / 2;
    const at = (diameterM: number, draw: EffectDraw) => missionEffect(spec, { diameterM, densityKgM3: asteroid.densityKgM3 }, leadTimeDays ?? 0, { ...burst, ...draw });
    const nominal = at(midM, {});
    const worst = at(asteroid.diameterMinM, { energyCouplingFraction: NUCLEAR_ENERGY_COUPLING_RANGE.max });
    burstPreviewed = { yieldKt: burst.yieldKt ?? spec.yieldKt, deviceCount: spec.deviceCount, standoffM: burst.standoffM ?? null };
    if (nominal && worst) {
      disruption = {
        atNominal: nominal.disrupted,
        atWorst: worst.disrupted,
        specificEnergyJPerKg: nominal.specificEnergyJPerKg ?? 0,
        thresholdJPerKg: nominal.disruptionThresholdJPerKg ?? 0,
      };
    }
  }

  const sign = direction === 'toward-end' ? 1 : -1;
  const shiftKm = leadTimeDays === null ? null : band.shiftKm;
  const meanKm = context.estimate?.meanKm ?? null;
  const movedMeanKm = meanKm !== null && shiftKm !== null ? meanKm + sign * shiftKm.nominal : null;
  return {
    kind: spec.kind,
    deltaVMmPerS: band.deltaVMmPerS,
    arrivalDate,
    leadTimeDays,
    shiftKm,
    sign,
    meanKm,
    movedMeanKm,
    sigmaKm: context.estimate?.sigmaKm ?? null,
    captureRadiusKm: asteroid.captureRadiusKm,
    clearsCaptureRadius: movedMeanKm === null ? null : Math.abs(movedMeanKm) > asteroid.captureRadiusKm,
    burst: burstPreviewed,
    disruption,
  };
}

/** "0.31–0.94 mm/s (nominal 0.55 mm/s)", or one value when the band has no width. */
export function formatDeltaVBand(band: Band): string {
  if (band.min === band.max) return formatDeltaV(band.nominal);
  return `${formatDeltaV(band.min).replace(' mm/s', '')}–${formatDeltaV(band.max)} (nominal ${formatDeltaV(band.nominal)})`;
}

/** "2,100 km (1,200–3,800 km)", or one value when the band has no width. */
export function formatShiftBand(band: Band): string {
  if (band.min === band.max) return formatKm(band.nominal);
  return `${formatKm(band.nominal)} (${formatKm(band.min).replace(' km', '')}–${formatKm(band.max)})`;
}

/** A preview said in words: a plain bottom line first, then the numbers behind it. */
export interface EffectWords {
  /**
   * One sentence a non-specialist can act on: too late, only moving the impact point, enough to
   * make it miss, or perhaps; led by what the push does to the prediction when it turns a
   * predicted miss into a hit, a hit into a miss, or moves the point into another country.
   */
  headline: string;
  /** Δv, arrival and shift with their bands. */
  push: string;
  /** Where the push leaves the estimate's mean relative to the capture radius, when there is an estimate. */
  verdict: string | null;
  /** Nuclear stand-off: the risk of breaking the body up. */
  warning: string | null;
}

/**
 * The bottom line of a preview. It compares the push with the capture radius rather than with
 * today's estimate, whose uncertainty early on dwarfs any push: along the corridor, a push
 * shorter than the capture radius moves the impact point but cannot take an asteroid that would
 * strike more than the push away from the edge off the Earth; one longer than its diameter takes
 * it off from anywhere.
 */
function headlineOf(p: EffectPreview, towardName: string): string {
  if (p.shiftKm === null || p.leadTimeDays === null) return 'Too late — it would arrive after the encounter.';
  const moved = `about ${formatKm(p.shiftKm.nominal)} ${towardName}`;
  const radius = formatKm(p.captureRadiusKm);
  if (p.shiftKm.max < p.captureRadiusKm) {
    return `Moves the impact point ${moved}: along the corridor, not off the Earth (the capture radius is ${radius}). Unless it would strike that close to the edge, an asteroid on course still strikes, perhaps in another country.`;
  }
  if (p.shiftKm.min >= 2 * p.captureRadiusKm) return `Enough to take an asteroid on course off the Earth wherever it would strike: it pushes it ${moved}.`;
  return `May take it off the Earth: it pushes it ${moved}, of the order of the capture radius (${radius}); whether that suffices depends on where it would strike.`;
}

/** Where a point inside the capture radius strikes, in words ("near Nairobi, Kenya") with its country (null at sea). */
export type EncounterPlace = (encounterKm: number) => { words: string; country: string | null } | null;

/**
 * What the nominal push does to the prediction, when it changes its verdict: a predicted miss
 * that becomes a hit, a hit that becomes a miss, a point moved into another country; null when
 * it leaves the prediction a miss, or a hit in the same country.
 */
export function predictionChange(p: EffectPreview, placeOf?: EncounterPlace): string | null {
  if (p.meanKm === null || p.movedMeanKm === null) return null;
  const inside = (km: number) => Math.abs(km) <= p.captureRadiusKm;
  const before = inside(p.meanKm) ? (placeOf?.(p.meanKm) ?? null) : null;
  const after = inside(p.movedMeanKm) ? (placeOf?.(p.movedMeanKm) ?? null) : null;
  if (!inside(p.meanKm) && inside(p.movedMeanKm)) {
    return `This push would move the predicted point from outside the Earth to inside it: a predicted miss becomes a hit${after ? ` ${after.words}` : ''}.`;
  }
  if (inside(p.meanKm) && !inside(p.movedMeanKm)) {
    return `This push would move the predicted point from inside the Earth to outside it: a predicted hit${before ? ` ${before.words}` : ''} becomes a miss.`;
  }
  if (before && after && before.country !== after.country) {
    return `This push would move the predicted point into ${after.country === null ? 'the sea' : 'another country'}: from ${before.words} to ${after.words}.`;
  }
  return null;
}

/**
 * The preview in plain sentences, honest about what it does not settle: what the push does to
 * the prediction if it changes it (first), the bottom line, the push, where it leaves the
 * estimate's mean relative to the capture radius, and the disruption risk of a nuclear burst.
 * `towardName` names the direction ("toward Dhaka"); `placeOf`, when given, names the places.
 */
export function describeEffect(p: EffectPreview, towardName: string, placeOf?: EncounterPlace): EffectWords {
  const dv = `Δv ${formatDeltaVBand(p.deltaVMmPerS)}${burstWords(p.burst)}`;
  const change = p.shiftKm === null || p.leadTimeDays === null ? null : predictionChange(p, placeOf);
  const headline = change ? `${change} ${headlineOf(p, towardName)}` : headlineOf(p, towardName);
  const warning =
    p.disruption === null
      ? null
      : p.disruption.atNominal
        ? `Would likely break the body up (about ${Math.round(p.disruption.specificEnergyJPerKg)} J/kg against a threshold of ${Math.round(p.disruption.thresholdJPerKg)} J/kg): a fragment may stay on course.`
        : p.disruption.atWorst
          ? 'Would break the body up if it is at the small end of its size range and the burst couples at the strong end of its range: a fragment may stay on course.'
          : null;
  if (p.shiftKm === null || p.leadTimeDays === null) {
    return { headline, push: `${dv}, but it would arrive on ${formatScenarioDate(p.arrivalDate)}, too late to move the encounter.`, verdict: null, warning };
  }
  const push = `${dv}; arriving ${formatScenarioDate(p.arrivalDate)}, it would move the predicted point ${formatShiftBand(p.shiftKm)} ${towardName}.`;
  if (p.meanKm === null || p.movedMeanKm === null) return { headline, push, verdict: null, warning };
  const sigma = p.sigmaKm !== null ? ` (±${formatKm(p.sigmaKm)} at 1σ)` : '';
  const wasInside = Math.abs(p.meanKm) <= p.captureRadiusKm;
  const isInside = Math.abs(p.movedMeanKm) <= p.captureRadiusKm;
  const where = wasInside ? (isInside ? 'still inside' : 'outside: a predicted miss') : isInside ? 'inside: a predicted hit' : 'still outside';
  const verdict =
    `The capture radius is ${formatKm(p.captureRadiusKm)}; the predicted point is ${formatKm(Math.abs(p.meanKm))} from the centre${sigma} ` +
    `(${wasInside ? 'inside' : 'outside'}), ${formatKm(Math.abs(p.movedMeanKm))} after the push → ${where}.`;
  return { headline, push, verdict, warning };
}

/** ", from one 1,000 kt device at the optimum height, over the body's size and the burst's coupling": what a nuclear band is for. */
function burstWords(burst: EffectPreview['burst']): string {
  if (burst === null) return '';
  const devices = burst.deviceCount === 1 ? `one ${formatKt(burst.yieldKt)} device` : `${burst.deviceCount} devices of ${formatKt(burst.yieldKt)}`;
  const height = burst.standoffM === null ? 'at the optimum height' : `${Math.round(burst.standoffM).toLocaleString('en-US')} m above the surface`;
  return `, from ${devices} ${height}, over the body's size range and the uncertain coupling of the burst`;
}

const formatKt = (yieldKt: number) => `${formatNumber(yieldKt)} kt`;

/** A share (0..1) as a whole percentage that never rounds a real effect to 0 % or 100 %. */
function percent(share: number): string {
  if (share > 0 && share < 0.01) return 'less than 1%';
  if (share < 1 && share > 0.99) return 'over 99%';
  return `${Math.round(share * 100)}%`;
}

/** "halve it", or "narrow it by 35%" ("… once more", "… by a further 35%"): what a factor on the uncertainty does, in words. */
function narrowing(remaining: number, what: string, again = false): string {
  if (Math.abs(remaining - 0.5) < 0.005) return `halve ${what}${again ? ' once more' : ''}`;
  return `narrow ${what} by ${again ? 'a further ' : ''}${percent(1 - remaining)}`;
}

/**
 * What `fundingMUsd` of this actor's observation money buys at this round's resolution, in a
 * sentence (shared/physics/observation.ts, `observationFundingEffect`): how much narrower it
 * leaves the uncertainty, which does not depend on what the others spend; what the round does
 * with no money at all; and whether a blackout takes part or all of the effect away.
 * `withholding`: the actor keeps its tracking data back, so its money sharpens only its own estimate.
 */
export function describeObservationEffect(fundingMUsd: number | null, rules: ObservationRules, withholding: boolean): string {
  const f = rules.observableFraction;
  if (f <= 0) return 'The asteroid is too close to the Sun to be observed this round: observation money buys nothing now.';
  const amount = fundingMUsd ?? 0;
  const effect = observationFundingEffect(amount, rules);
  const blackout = f < 1 ? ` The asteroid is too close to the Sun to be seen for ${percent(1 - f)} of this round; these figures allow for that.` : '';
  const own = withholding ? ' You withhold your tracking data, so your money sharpens only your own estimate, not the published one.' : '';
  if (amount <= 0) {
    return (
      `With no money from anyone, this round’s observations ${narrowing(effect.remainingWithoutFunding, 'the uncertainty about where the asteroid will pass')}; ` +
      `every ${formatMUsd(rules.fundingForDoubleEffectMUsd)} spent by the whole table would ${narrowing(effect.remainingWithoutFunding, 'what remains', true)}.${blackout}${own}`
    );
  }
  return (
    `Your ${formatMUsd(amount)} leaves the uncertainty about where the asteroid will pass ${percent(1 - effect.fundingFactor)} smaller than without it, ` +
    `whatever the others spend (with no money from anyone, this round’s observations ${narrowing(effect.remainingWithoutFunding, 'it')}).${blackout}${own}`
  );
}
