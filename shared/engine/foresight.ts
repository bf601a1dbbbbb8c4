// What a player should know before committing money or a direction of push, foreseen with the
// same rules that will judge the outcome: whether paying makes a state a launching state (the
// law module's `launchingStates`, Liability Convention art. I(c)), and whether the push moves
// the predicted impact point toward a country that was not consulted (OST art. IX; the
// findings hold the deflecting states responsible for damage there, shared/law/deflection.ts).
// Pure: the caller hands in what its seat can see and a way to tell which country lies where.
import { corridorKmPerEncounterKm, createCorridor, encounterToCorridor } from '../geo/corridor.js';
import type { Case, Mission } from '../law/case.js';
import { launchingStates } from '../law/launching.js';
import { normalCdf } from '../physics/observation.js';
import type { AgreementState, EstimatePoint, MissionState } from './state.js';
import type { PlayerView, PublicActor } from './view.js';

/** What the player is about to commit: money to a mission, or a proposal pushing one way. */
export type Commitment =
  | { kind: 'contribution'; missionId: string; amountMUsd: number }
  | { kind: 'proposal'; direction: MissionState['direction'] };

/** What a seat sees that the foresight needs (a `PlayerView` will do). */
export interface ForesightView {
  actors: readonly Pick<PublicActor, 'id' | 'name' | 'kind' | 'stateOfNationality'>[];
  missions: readonly Pick<PlayerView['missions'][number], 'id' | 'name' | 'kind' | 'lead' | 'provider' | 'direction' | 'contributions' | 'status' | 'expectedShiftKm'>[];
  agreements: readonly Pick<AgreementState, 'kind' | 'missionId' | 'parties' | 'status'>[];
  estimates: readonly Pick<EstimatePoint, 'meanKm' | 'sigmaKm'>[];
  asteroid: { captureRadiusKm: number };
  riskCorridor: { points: readonly { lat: number; lon: number; label: string | null }[] };
  exercise: { legalRegime: string };
}

/** Which country lies under a point (the world data's `countryAt`), null at sea. */
export type CountryAt = (lat: number, lon: number) => { iso3: string | null; name: string } | null;

/** How far apart (km along the corridor) the foresight looks for the countries a push moves toward. */
const SAMPLE_STEP_KM = 20;

/**
 * Warnings, in sentences, for a commitment `actorId` is about to make: whether its money or its
 * lead makes it a launching state, and whether the push moves the predicted impact point toward
 * a country whose state has not accepted a consultation agreement about the mission.
 * `shiftEncounterKm`: the push's expected size on the target plane (the caller's preview), when
 * known; without it the foresight looks as far as the next country that way. `countryAt`: absent,
 * no direction warning.
 */
export function commitmentWarnings(view: ForesightView, actorId: string, commitment: Commitment, countryAt?: CountryAt, shiftEncounterKm?: number | null): string[] {
  const actor = view.actors.find((a) => a.id === actorId);
  if (!actor || (actor.kind !== 'space-faring-state' && actor.kind !== 'non-space-faring-state')) return [];
  const warnings: string[] = [];
  const mission = commitment.kind === 'contribution' ? view.missions.find((m) => m.id === commitment.missionId) : undefined;
  if (commitment.kind === 'contribution') {
    if (!mission || commitment.amountMUsd <= 0) return [];
    const link = launchingLink(view, mission, actorId, commitment.amountMUsd);
    if (link === 'launching') {
      warnings.push('You lead this mission: you procure its launch, which makes you a launching state (Liability Convention art. I(c)) — you answer for the damage it does.');
    } else if (link === 'contributor') {
      warnings.push(
        "Paying into a mission does not make you a launching state under the reading this exercise uses (only the lead procures the launch), but a broader reading of 'procures' (art. I(c)) would — contested.",
      );
    }
  }
  if (commitment.kind === 'proposal') {
    warnings.push('Proposing a mission makes you its lead: you procure its launch, which makes you a launching state (Liability Convention art. I(c)) — you answer for the damage it does.');
  }
  if (countryAt) {
    const direction = commitment.kind === 'contribution' ? mission!.direction : commitment.direction;
    const expected = commitment.kind === 'contribution' ? (mission!.expectedShiftKm ?? shiftEncounterKm) : shiftEncounterKm;
    const toward = countriesToward(view, direction, expected ?? null, countryAt);
    const consulted = new Set(
      view.agreements
        .filter((a) => a.kind === 'consultation' && mission !== undefined && a.missionId === mission.id && (a.status === 'accepted' || a.status === 'fulfilled'))
        .flatMap((a) => a.parties),
    );
    const deflecting = new Set([actorId, ...(mission ? [mission.lead] : [])]);
    const unconsulted = toward.filter((c) => {
      const state = view.actors.find((a) => a.stateOfNationality !== null && (c.iso3 !== null ? a.stateOfNationality === c.iso3 : a.name === c.name));
      return !(state && (deflecting.has(state.id) || consulted.has(state.id)));
    });
    if (unconsulted.length > 0) warnings.push(directionWarning(view.exercise.legalRegime, unconsulted.map((c) => c.name)));
  }
  return warnings;
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** What pushing toward unconsulted countries risks under the regime in force. */
function directionWarning(regime: string, names: readonly string[]): string {
  const toward = `This push moves the predicted impact point toward ${listed(names)}, which ${names.length === 1 ? 'has' : 'have'} not been consulted (OST art. IX)`;
  switch (regime) {
    case 'liability-convention':
    case 'pd-protocol':
      return `${toward}: if it strikes there, the states behind the mission may be found at fault. A consultation agreement about the mission, accepted by ${names.length === 1 ? 'it' : 'them'}, avoids that.`;
    case 'liability-convention-strict':
      return `${toward}: if it strikes there, the mission's launching states pay for the damage whether or not they consulted (Liability Convention art. II), but consulting is still due.`;
    default:
      return `${toward}: if it strikes there, the security community bears the damage together, but consulting is still due.`;
  }
}

/**
 * The link money gives `actorId` to a mission, by the law module's own reading (Liability
 * Convention art. I(c)): `launching` when it leads (procures the launch) or launches it,
 * `contributor` when it only pays, `none` otherwise. The facts are stated as the resolution
 * states them (shared/engine/consequences.ts): the lead procures, the provider launches.
 */
function launchingLink(view: ForesightView, m: ForesightView['missions'][number], actorId: string, amountMUsd: number): 'launching' | 'contributor' | 'none' {
  const provider = view.actors.find((a) => a.id === m.provider);
  const company = provider?.kind === 'private-company' && provider.stateOfNationality !== null;
  const stateOf = (iso3: string) => view.actors.find((a) => a.stateOfNationality === iso3 && a.kind !== 'private-company')?.id ?? `state-${iso3.toLowerCase()}`;
  const launcher = company ? stateOf(provider.stateOfNationality!) : m.provider;
  const contributions = { ...m.contributions, [actorId]: (m.contributions[actorId] ?? 0) + amountMUsd };
  const facts: Mission = {
    id: m.id,
    kind: m.kind,
    launchedBy: [launcher],
    procuredBy: [m.lead],
    territoryOrFacilityOf: [launcher],
    contributions: Object.entries(contributions).map(([id, amount]) => ({ id, amountMUsd: amount })),
    operator: m.provider,
    uncertain: [],
    unMandate: 'none',
    nuclear: m.kind === 'nuclear-standoff',
    dueDiligence: 'disputed',
    priorConsultation: [],
    apportionmentAgreements: [],
  };
  // launchingStates reads only the organisations of the case: the company that flies it, if any.
  const organisations: Case['organisations'] = company
    ? [{ id: m.provider, name: provider.name, kind: 'company', stateOfNationality: launcher, authorisedUnderOstVi: true }]
    : [];
  const entry = launchingStates(facts, { organisations } as Case).find((e) => e.id === actorId);
  if (!entry) return 'none';
  return entry.launchingState ? 'launching' : entry.bases.some((b) => b.basis === 'contributes') ? 'contributor' : 'none';
}

/**
 * Where the asteroid is expected to strike if it strikes (km on the target plane): the mean of the
 * estimate's normal distribution cut to the capture disc's chord [−b, b], μ + σ·(φ(α) − φ(β)) /
 * (Φ(β) − Φ(α)) with α = (−b − μ)/σ, β = (b − μ)/σ — a point on the ground even while the
 * estimate's own mean still lies off the Earth. Null when the estimate leaves no chance of a strike.
 */
export function expectedStrikeKm(meanKm: number, sigmaKm: number, captureRadiusKm: number): number | null {
  if (!(sigmaKm > 0)) return Math.abs(meanKm) <= captureRadiusKm ? meanKm : null;
  const alpha = (-captureRadiusKm - meanKm) / sigmaKm;
  const beta = (captureRadiusKm - meanKm) / sigmaKm;
  const mass = normalCdf(beta) - normalCdf(alpha);
  if (!(mass > 1e-12)) return null;
  const pdf = (x: number) => Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
  return Math.min(captureRadiusKm, Math.max(-captureRadiusKm, meanKm + (sigmaKm * (pdf(alpha) - pdf(beta))) / mass));
}

/**
 * The countries a push in `direction` moves the expected strike point (`expectedStrikeKm`)
 * toward, in order, not counting the one it lies in now: those within the push's reach along
 * the corridor when `shiftEncounterKm` is known, else the next country that way. Empty without
 * an estimate or when it leaves no chance of a strike.
 */
function countriesToward(view: ForesightView, direction: MissionState['direction'], shiftEncounterKm: number | null, countryAt: CountryAt): { iso3: string | null; name: string }[] {
  const latest = view.estimates.at(-1);
  if (!latest || view.riskCorridor.points.length < 2) return [];
  const corridor = createCorridor(view.riskCorridor.points.map((p) => ({ lat: p.lat, lon: p.lon, label: p.label ?? undefined })));
  const radius = view.asteroid.captureRadiusKm;
  const strikeKm = expectedStrikeKm(latest.meanKm, latest.sigmaKm, radius);
  const here = strikeKm === null ? null : encounterToCorridor(corridor, strikeKm, radius);
  if (!here) return [];
  const sign = direction === 'toward-end' ? 1 : -1;
  const reachKm = shiftEncounterKm === null || shiftEncounterKm === undefined ? corridor.lengthKm : Math.abs(shiftEncounterKm) * corridorKmPerEncounterKm(corridor, radius);
  const start = countryAt(here.lat, here.lon);
  const found: { iso3: string | null; name: string }[] = [];
  for (let d = SAMPLE_STEP_KM; d <= reachKm + SAMPLE_STEP_KM / 2; d += SAMPLE_STEP_KM) {
    const km = here.distanceKm + sign * Math.min(d, reachKm);
    if (km < 0 || km > corridor.lengthKm) break;
    const p = corridor.pointAt(km);
    const c = countryAt(p.lat, p.lon);
    if (!c || c.name === start?.name || found.some((f) => f.name === c.name)) continue;
    found.push(c);
    // Without the push's size, only the next country that way.
    if (shiftEncounterKm === null || shiftEncounterKm === undefined) break;
  }
  return found;
}
