// The yield and burst height a proposer may choose for a nuclear stand-off, where the catalogue
// offers a range (`yieldKtRange`, `standoffM`). Only the shape of what was typed is checked here,
// as the command's schema checks it; whether it lies within the range is the server's to say
// (shared/engine/missions.ts), and the inputs carry the range for the browser to hint at it.
import type { MissionType } from '../../shared/scenario/schema.js';

/** What the proposal form offers for a mission type: the ranges to choose within, or null when nothing can be chosen. */
export interface BurstOptions {
  /** The yields of each device (kt) and the nominal one; null when the catalogue fixes the yield. */
  yieldKt: { min: number; max: number; nominal: number } | null;
  /** The burst heights above the surface (m); null when the burst is at the optimum height. */
  standoffM: { min: number; max: number } | null;
}

/** The choices a mission type leaves the proposer: null unless a nuclear stand-off's catalogue entry gives a yield or height range. */
export function burstOptions(spec: MissionType | null | undefined): BurstOptions | null {
  if (spec?.kind !== 'nuclear-standoff' || (!spec.yieldKtRange && !spec.standoffM)) return null;
  return {
    yieldKt: spec.yieldKtRange ? { ...spec.yieldKtRange, nominal: spec.yieldKt } : null,
    standoffM: spec.standoffM ? { ...spec.standoffM } : null,
  };
}

/** A burst as chosen on the form: what the command sends and the preview follows (absent: nominal yield, optimum height). */
export interface ChosenBurst {
  yieldKt?: number;
  standoffM?: number;
}

/** A typed positive number, null when the field is empty, undefined when it is not a number. */
function positive(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The burst the form's fields describe, for the command and the preview: an empty yield is the
 * nominal one and an empty height the optimum (neither is sent); null when a field holds
 * something that is not a positive number.
 */
export function readBurst(options: BurstOptions | null, yieldText: string, standoffText: string): ChosenBurst | null {
  if (options === null) return {};
  const yieldKt = options.yieldKt ? positive(yieldText) : null;
  const standoffM = options.standoffM ? positive(standoffText) : null;
  if (yieldKt === undefined || standoffM === undefined) return null;
  return { ...(yieldKt !== null ? { yieldKt } : {}), ...(standoffM !== null ? { standoffM } : {}) };
}
