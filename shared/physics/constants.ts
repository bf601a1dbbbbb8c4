// Physical constants and unit conversions used across the rules module, SI unless the
// name says otherwise. Values follow ../shared/reference/planetary-defense.md.

/** Joules in one kiloton of TNT. */
export const J_PER_KT = 4.184e12;
/** Joules in one megaton of TNT. */
export const J_PER_MT = 4.184e15;
/** Standard gravity at the surface (m/s²), as in Collins et al. (2005). */
export const G_SURFACE_MS2 = 9.8;
/** Newton's gravitational constant (m³ kg⁻¹ s⁻²). */
export const G_NEWTON = 6.674e-11;
/** Earth radius used by the impact-effects equations (m), Collins et al. (2005). */
export const EARTH_RADIUS_IMPACT_M = 6.37e6;
/** Mean Earth radius used for capture-radius and geodesy (km). */
export const EARTH_RADIUS_KM = 6371;
/** Escape speed at the Earth's surface (km/s). */
export const EARTH_ESCAPE_SPEED_KMS = 11.19;
/** Seconds in a Julian year. */
export const SECONDS_PER_YEAR = 365.25 * 86400;
/** Seconds in a day. */
export const SECONDS_PER_DAY = 86400;
