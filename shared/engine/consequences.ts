// What happens at the encounter date: where the body strikes (or that it misses), what
// the impact does to the people around it, and who answers for it under the legal regime
// in force. Every number the world data gives is written into the outcome, so replay never
// needs the map or the cities.
import { createCorridor, encounterToCorridor } from '../geo/corridor.js';
import { parseCaseObject, type CaseInput } from '../law/case.js';
import { judgeCase, type RecordedFinding } from '../law/liability.js';
import { impactEffects, tsunamiAmplitudeM, tsunamiRimAmplitudeM } from '../physics/impact.js';
import type { WorldData } from './commands.js';
import type { Consequences, Outcome } from './events.js';
import type { ExerciseState, MissionState } from './state.js';

type ImpactPoint = NonNullable<Outcome['impactPoint']>;

/** The point on the risk corridor where an encounter inside the capture radius strikes, with its country. */
export function impactPointOf(state: ExerciseState, encounterKm: number, world: WorldData | undefined): ImpactPoint | null {
  const { scenario } = state;
  const hit = encounterToCorridor(createCorridor(scenario.riskCorridor.points), encounterKm, scenario.asteroid.captureRadiusKm);
  if (hit === null) return null;
  const country = world?.countryAt(hit.lat, hit.lon) ?? null;
  return { lat: hit.lat, lon: hit.lon, corridorKm: hit.distanceKm, countryIso3: country?.iso3 ?? null, countryName: country?.name ?? null };
}

const placeName = (p: ImpactPoint) => p.countryName ?? 'the open ocean';

/** The actor that speaks for the state at a point, if the scenario has one. */
function actorForCountry(state: ExerciseState, iso3: string | null): string | null {
  if (iso3 === null) return null;
  const a = state.scenario.actors.find((x) => (x.kind === 'space-faring-state' || x.kind === 'non-space-faring-state') && x.stateOfNationality === iso3);
  return a?.id ?? null;
}

/**
 * The outcome at the encounter date: a miss (with or without a deflection to thank) or an
 * impact with its effects (Collins et al. 2005), the people in the severe and exposed
 * zones, evacuation taken into account, the damage and the liability findings.
 */
export function encounterOutcome(
  state: ExerciseState,
  trueEncounterKm: number,
  world: WorldData | undefined,
  fragment: { massFraction: number; encounterKm: number } | null = null,
): Outcome {
  const { scenario } = state;
  const designation = scenario.asteroid.designation;
  const deflectors = Object.values(state.missions).filter((m) => m.status === 'arrived' && m.shiftKm !== null && m.shiftKm !== 0);
  const undeflected = impactPointOf(state, scenario.asteroid.truth.encounterKm, world);
  // After a disruption, what strikes is the piece the resolution names: the bulk on the deflected course, or the fragment its drift took elsewhere.
  const strikingKm = fragment ? fragment.encounterKm : trueEncounterKm;
  const diameterM = scenario.asteroid.truth.diameterM * (fragment ? Math.cbrt(fragment.massFraction) : 1);
  const point = fragment && fragment.massFraction <= 0 ? null : impactPointOf(state, strikingKm, world);
  if (point === null) {
    const deflected = undeflected !== null && deflectors.length > 0;
    return {
      kind: deflected ? 'deflected' : 'no-impact',
      summary: deflected
        ? `${deflectors.map((m) => m.name).join(' and ')} pushed ${designation} off the Earth: it passes ${Math.round(Math.abs(trueEncounterKm) - scenario.asteroid.captureRadiusKm)} km outside the capture radius.`
        : `${designation} passes the Earth safely.`,
      impactPoint: null,
      consequences: null,
    };
  }
  const moved = deflectors.length > 0 && undeflected !== null && undeflected.countryIso3 !== point.countryIso3;
  const atSea = point.countryIso3 === null && point.countryName === null;
  const stated = atSea ? scenario.riskCorridor.waterDepths?.find((w) => point.corridorKm >= w.fromKm && point.corridorKm <= w.toKm) : undefined;
  const waterDepthM = stated?.depthM ?? ASSUMED_OCEAN_DEPTH_M;
  const effects = impactEffects({
    diameterM,
    densityKgM3: scenario.asteroid.truth.densityKgM3,
    velocityKmS: scenario.asteroid.entrySpeedKmS,
    angleDeg: scenario.asteroid.entryAngleDeg,
    ...(atSea ? { target: 'water' as const, waterDepthM } : { target: 'sedimentary' as const }),
  });
  const wave = effects.tsunami && effects.waterCavityDiameterKm !== null ? coastalRunUp(point, effects.waterCavityDiameterKm * 1000, waterDepthM, world) : null;
  const severeRadiusKm = effects.radiiKm.woodFrameCollapse;
  const exposedRadiusKm = effects.radiiKm.windowsShatter;
  const glassRingRadiusKm = effects.radiiKm.windowsMayShatter;
  // One query out to the outermost ring; each town is then placed in its zone by its distance.
  const reachKm = Math.max(exposedRadiusKm ?? 0, glassRingRadiusKm ?? 0);
  const reached = world && reachKm > 0 ? world.exposedPopulation(point.lat, point.lon, reachKm) : { population: 0, cities: [] };
  const exposedCities = reached.cities.filter((x) => exposedRadiusKm !== null && x.distanceKm <= exposedRadiusKm);
  const exposed = { population: exposedCities.reduce((s, x) => s + x.population, 0), cities: exposedCities };
  const glassRingPopulation = reached.population - exposed.population;
  const byCountry = harmByCountry(state, world, reached.cities, severeRadiusKm ?? 0, exposedRadiusKm ?? 0, wave?.towns ?? []);
  const severe = byCountry.reduce((s, x) => s + x.severePopulation, 0);
  const casualties = byCountry.reduce((s, x) => s + x.casualties, 0);
  const damageMUsd = byCountry.reduce((s, x) => s + x.damageMUsd, 0);
  const evacuated = byCountry.some((x) => x.evacuated);
  const consequences: Consequences = {
    energyMt: effects.energyMt,
    airburst: effects.airburst,
    burstAltitudeKm: effects.burstAltitudeKm,
    craterDiameterKm: effects.craterDiameterKm,
    severeRadiusKm,
    exposedRadiusKm,
    exposedPopulation: exposed.population,
    severePopulation: severe,
    glassRingRadiusKm,
    glassRingPopulation,
    ...(atSea
      ? {
          tsunami: effects.tsunami && {
            waterDepthM,
            waterDepthStated: stated !== undefined,
            waterCavityDiameterKm: effects.waterCavityDiameterKm!,
            rimAmplitudeM: effects.tsunami.rimAmplitudeM,
            reachKm: wave?.reachKm ?? 0,
            coastalPopulation: wave?.towns.reduce((s, t) => s + t.population, 0) ?? 0,
          },
        }
      : {}),
    largestCities: exposed.cities.slice(0, 5).map((x) => ({ name: x.name, population: x.population, distanceKm: x.distanceKm })),
    evacuated,
    casualties,
    damageMUsd,
    byCountry,
    undeflectedPoint: deflectors.length > 0 ? undeflected : null,
    liability: {
      regime: scenario.legal.regime,
      // Causation: each damage is set beside what the undeflected body would have done, by the same rules.
      findings: deflectors.length > 0 ? liabilityFindings(state, deflectors, byCountry, fragment !== null, undeflected && encounterOutcome({ ...state, missions: {} }, scenario.asteroid.truth.encounterKm, world).consequences) : [],
    },
  };
  const where = placeName(point);
  const summary = [
    fragment
      ? `${designation} broke up; ${fragment.massFraction >= 0.5 ? `its main mass (${Math.round(diameterM)} m)` : `a ${Math.round(diameterM)} m fragment`} strikes ${where}`
      : `${designation} strikes ${where}`,
    effects.airburst ? ` as a ${effects.blastEnergyMt.toFixed(1)} Mt airburst` : ` (${effects.energyMt.toFixed(0)} Mt)`,
    moved ? `; the deflection moved the impact point from ${placeName(undeflected!)}` : '',
    exposed.population > 0
      ? `. About ${exposed.population.toLocaleString('en-US')} people lived within ${exposedRadiusKm?.toFixed(0) ?? 0} km`
      : `. No town lies within ${exposedRadiusKm?.toFixed(0) ?? 0} km of the impact point`,
    wave && wave.towns.length > 0
      ? `; its tsunami (${effects.tsunami!.rimAmplitudeM.toFixed(0)} m at the rim${stated ? '' : `, over an assumed ${ASSUMED_OCEAN_DEPTH_M} m of water`}) runs up ${wave.towns.length.toLocaleString('en-US')} coastal towns of ${wave.towns.reduce((s, t) => s + t.population, 0).toLocaleString('en-US')} people`
      : '',
    glassRingPopulation > 0 && glassRingRadiusKm !== null
      ? `; windows may shatter out to ${glassRingRadiusKm.toFixed(0)} km, where ${glassRingPopulation.toLocaleString('en-US')} more lived`
      : '',
    reached.population > 0 && evacuated ? '; the evacuation spared most of them.' : '.',
  ].join('');
  return { kind: 'impact', summary, impactPoint: point, consequences };
}

type CountryHarm = Consequences['byCountry'][number];
type City = ReturnType<WorldData['exposedPopulation']>['cities'][number];

/** Depth of the sea (m) assumed for an ocean impact outside every stretch the scenario gives: a typical abyssal plain. */
export const ASSUMED_OCEAN_DEPTH_M = 4000;
/**
 * Run-up (m) from which a coastal town counts as exposed to the tsunami, and as in its severe
 * zone. Run-up choice: the run-up is taken equal to the 1/r rim-wave amplitude offshore of the
 * town (Collins et al. 2005), with no shoaling gain. Shoaling raises a wave on a shelf two- to
 * threefold, but the 1/r decay is itself an upper bound — the NASA asteroid-generated tsunami
 * workshop (NASA/TM-2017-219463) found the far-field waves of bodies under ~250 m much smaller —
 * so the two are left to offset. Game parameters, stated, not measurements.
 */
export const TSUNAMI_EXPOSED_RUNUP_M = 1;
export const TSUNAMI_SEVERE_RUNUP_M = 10;
/**
 * How far inland (km) the sea may lie, toward the impact, for a town to count as on the coast the
 * wave reaches. The whole town then counts, though the wave floods only its shore: with the 1/r
 * upper bound, the coastal figures are upper bounds too.
 */
export const COAST_DISTANCE_KM = 5;

/** A coastal town the tsunami reaches, with its run-up (m). */
interface CoastalTown extends City {
  runUpM: number;
}

/**
 * The coastal towns an ocean impact's rim wave reaches with at least the exposed run-up: towns
 * within the 1/r reach of that run-up whose side toward the impact is sea within
 * {@link COAST_DISTANCE_KM} (the map has no coastline of its own; this finds the shore facing
 * the wave, and leaves out towns inland and behind headlands).
 */
function coastalRunUp(
  point: ImpactPoint,
  cavityDiameterM: number,
  waterDepthM: number,
  world: WorldData | undefined,
): { reachKm: number; towns: CoastalTown[] } {
  const rimM = tsunamiRimAmplitudeM(cavityDiameterM, waterDepthM);
  const reachKm = Math.max(cavityDiameterM / 2, (rimM * cavityDiameterM) / 2 / TSUNAMI_EXPOSED_RUNUP_M) / 1000;
  if (!world) return { reachKm, towns: [] };
  const towns: CoastalTown[] = [];
  for (const town of world.exposedPopulation(point.lat, point.lon, reachKm).cities) {
    const runUpM = tsunamiAmplitudeM(cavityDiameterM, waterDepthM, town.distanceKm);
    if (runUpM < TSUNAMI_EXPOSED_RUNUP_M) continue;
    const seaward =
      town.distanceKm <= COAST_DISTANCE_KM ? point : createCorridor([town, point]).pointAt(COAST_DISTANCE_KM);
    if (world.countryAt(seaward.lat, seaward.lon) === null) towns.push({ ...town, runUpM });
  }
  return { reachKm, towns };
}

/**
 * Share of the people in the glass ring (between the 6.9 kPa and 0.69 kPa rings) hurt, mostly
 * by flying glass: Chelyabinsk 2013 hurt about 1 500 people, nearly all by glass, among about
 * 1.5 million in its damaged area — of order 1e-3. A game parameter, not a measurement.
 */
export const GLASS_INJURY_RATE = 1e-3;
/** Loss per person in the glass ring (USD): Chelyabinsk's broken windows and roofs, about 1 billion roubles (~33 M USD) over about a million people. */
export const GLASS_LOSS_USD_PER_PERSON = 30;

/**
 * Splits the harm by country: each town reached is placed on the map, its people counted
 * in the severe zone (within the wood-frame-collapse radius), the exposed zone (windows
 * shatter) or the glass ring (windows may shatter), with the scenario's fatality rates and
 * the glass-injury rate, less what an evacuation ordered by that country's state spared.
 * Casualties are the people killed in the inner zones and hurt in the glass ring.
 */
function harmByCountry(
  state: ExerciseState,
  world: WorldData | undefined,
  cities: ReturnType<WorldData['exposedPopulation']>['cities'],
  severeRadiusKm: number,
  exposedRadiusKm: number,
  tsunamiTowns: readonly CoastalTown[] = [],
): CountryHarm[] {
  const { scenario } = state;
  const c = scenario.consequences;
  const groups = new Map<string, CountryHarm & { glassRingPopulation: number }>();
  // A coastal town the wave reaches counts in the zone of its run-up, or of the blast if worse.
  const byTown = new Map<string, City>();
  for (const city of cities) byTown.set(`${city.lat},${city.lon},${city.name}`, city);
  const zoneOf = new Map<City, 'severe' | 'exposed' | 'glass'>();
  for (const city of cities) zoneOf.set(city, city.distanceKm <= severeRadiusKm ? 'severe' : city.distanceKm <= exposedRadiusKm ? 'exposed' : 'glass');
  for (const t of tsunamiTowns) {
    const city = byTown.get(`${t.lat},${t.lon},${t.name}`) ?? t;
    const zone = t.runUpM >= TSUNAMI_SEVERE_RUNUP_M ? 'severe' : 'exposed';
    const was = zoneOf.get(city);
    if (was === undefined || was === 'glass' || (was === 'exposed' && zone === 'severe')) zoneOf.set(city, zone);
  }
  for (const [city, zone] of zoneOf) {
    const country = world?.countryAt(city.lat, city.lon) ?? null;
    const key = country?.iso3 ?? country?.name ?? city.countryIso2;
    let g = groups.get(key);
    if (!g) {
      const actor = actorForCountry(state, country?.iso3 ?? null);
      g = {
        countryIso3: country?.iso3 ?? null,
        countryName: country?.name ?? city.countryIso2,
        exposedPopulation: 0,
        severePopulation: 0,
        glassRingPopulation: 0,
        evacuated: actor !== null && state.evacuations[actor] !== undefined,
        sheltered: actor !== null && state.shelters[actor] !== undefined,
        casualties: 0,
        damageMUsd: 0,
      };
      groups.set(key, g);
    }
    if (zone === 'glass') g.glassRingPopulation += city.population;
    else g.exposedPopulation += city.population;
    if (zone === 'severe') g.severePopulation += city.population;
  }
  const ev = scenario.evacuation;
  const shelterEffect = ev.shelterEffectiveness ?? ev.effectiveness / 2;
  return [...groups.values()]
    .map((g) => ({
      ...g,
      casualties: Math.round(
        (g.severePopulation * c.fatalityRateSevere +
          (g.exposedPopulation - g.severePopulation) * c.fatalityRateExposed +
          g.glassRingPopulation * GLASS_INJURY_RATE) *
          (g.evacuated ? 1 - ev.effectiveness : g.sheltered ? 1 - shelterEffect : 1),
      ),
      damageMUsd: (g.exposedPopulation * c.lossUsdPerExposedPerson + g.glassRingPopulation * GLASS_LOSS_USD_PER_PERSON) / 1e6,
    }))
    .sort(
      (a, b) =>
        b.exposedPopulation - a.exposedPopulation || b.glassRingPopulation - a.glassRingPopulation || (a.countryName < b.countryName ? -1 : 1),
    );
}

/**
 * Liability for a deflected body that still strikes: the game's facts stated as a case for
 * the law module and judged under the scenario's regime. Assumptions, stated for the
 * debrief: the mission with the largest shift is taken as the cause; a company provider
 * launches from its state's territory; the lead, which contracts for the mission, procured
 * the launch, and the other states that paid into it are contributors, not procurers
 * (Liability Convention art. I(c)(i); the findings say it is contested); prior
 * consultation, apportionment and the UN mandate come from accepted agreements and
 * adopted resolutions.
 */
export function liabilityFindings(
  state: ExerciseState,
  deflectors: MissionState[],
  harm: readonly CountryHarm[],
  byFragment = false,
  withoutDeflection: Pick<Consequences, 'byCountry' | 'damageMUsd' | 'casualties'> | null = null,
): RecordedFinding[] {
  const { scenario } = state;
  const damaged = harm.filter((h) => h.countryIso3 !== null && h.damageMUsd > 0);
  if (damaged.length === 0) return [];
  const isState = (id: string) => {
    const k = scenario.actors.find((a) => a.id === id)?.kind;
    return k === 'space-faring-state' || k === 'non-space-faring-state';
  };
  // The security community: its members are the scenario's (by default every state at the table),
  // each bearing the burden by its economic weight, by default its budget (diffuse reciprocity).
  const states: CaseInput['states'] = scenario.actors
    .filter((a) => isState(a.id) && a.stateOfNationality)
    .map((a) => ({
      id: a.id,
      name: a.name,
      iso3: a.stateOfNationality!,
      communityMember: a.communityMember ?? true,
      // The protocol's parties: the scenario's (by default every state at the table; regime pd-protocol).
      partyToProtocol: a.partyToProtocol ?? true,
      ...(a.communityMember === false ? {} : { capacity: a.economicWeight ?? a.budgetPerRoundMUsd }),
    }));
  const stateIdByIso = new Map(states.map((s) => [s.iso3, s.id]));
  const stateFor = (iso3: string, name: string) => {
    const known = stateIdByIso.get(iso3);
    if (known) return known;
    const id = `state-${iso3.toLowerCase()}`;
    // A state not at the table is no member of the security community: it made no commitment.
    states.push({ id, name, iso3, communityMember: false, partyToProtocol: false });
    stateIdByIso.set(iso3, id);
    return id;
  };
  const companies = scenario.actors.filter((a) => a.kind === 'private-company' && a.stateOfNationality);
  const organisations: CaseInput['organisations'] = companies.map((c) => ({
    id: c.id,
    name: c.name,
    kind: 'company' as const,
    stateOfNationality: stateFor(c.stateOfNationality!, c.stateOfNationality!),
    authorisedUnderOstVi: Object.values(state.missions).every((m) => m.provider !== c.id || m.authorised === true),
  }));
  const launchStateOf = (m: MissionState) => {
    const provider = scenario.actors.find((a) => a.id === m.provider)!;
    return provider.kind === 'private-company' ? stateFor(provider.stateOfNationality!, provider.stateOfNationality!) : provider.id;
  };
  const missions: CaseInput['missions'] = deflectors.map((m) => {
    // Liability Convention art. I(c)(i): the lead contracts for the launch; paying into it is not procuring it.
    const procurers = [m.lead].filter((id) => isState(id));
    const participants = new Set([launchStateOf(m), ...procurers]);
    return {
      id: m.id,
      name: m.name,
      kind: m.kind,
      launchedBy: [launchStateOf(m)],
      procuredBy: procurers,
      territoryOrFacilityOf: [launchStateOf(m)],
      contributions: Object.entries(m.contributions)
        .filter(([id, amountMUsd]) => isState(id) && amountMUsd > 0)
        .map(([id, amountMUsd]) => ({ id, amountMUsd })),
      operator: m.provider,
      unMandate: m.unMandate,
      nuclear: m.kind === 'nuclear-standoff',
      // OST art. IX: consultation agreements about this mission that the consulted states accepted.
      priorConsultation: Object.values(state.agreements)
        .filter((a) => a.kind === 'consultation' && a.missionId === m.id && (a.status === 'accepted' || a.status === 'fulfilled'))
        .flatMap((a) => a.parties)
        .filter((id) => isState(id)),
      // Liability Convention art. V(2): apportionment agreed among the mission's launching states.
      apportionmentAgreements: Object.values(state.agreements)
        .filter((a) => a.kind === 'apportionment' && a.missionId === m.id && a.status === 'accepted')
        // Art. V(2) binds participants only: an agreement naming others is left out.
        .filter((a) => Object.keys(a.shares).every((id) => participants.has(id)))
        .map((a) => ({ parties: Object.keys(a.shares), shares: Object.values(a.shares) })),
    };
  });
  const cause = [...deflectors].sort((a, b) => Math.abs(b.shiftKm!) - Math.abs(a.shiftKm!))[0]!;
  // The counterfactual (ARSIWA art. 25 turns on it): the harm with the deflection and without it, over all victims.
  const sum = (xs: readonly CountryHarm[], key: 'damageMUsd' | 'casualties') => xs.reduce((s, x) => s + x[key], 0);
  const undeflectedDamage = (iso3: string) => withoutDeflection?.byCountry.find((x) => x.countryIso3 === iso3)?.damageMUsd ?? 0;
  const facts: CaseInput = {
    version: 1,
    date: scenario.asteroid.potentialImpactDate,
    states,
    organisations,
    // The protocol's common fund exists only if the table created it by an adopted resolution.
    commonFundCreated: Object.values(state.resolutions).some((r) => r.kind === 'create-common-fund' && r.status === 'adopted'),
    missions: missions.map((m) =>
      m.id === cause.id && withoutDeflection
        ? {
            ...m,
            counterfactual: {
              withDeflection: { damageMUsd: sum(harm, 'damageMUsd'), casualties: sum(harm, 'casualties') },
              withoutDeflection: { damageMUsd: withoutDeflection.damageMUsd, casualties: withoutDeflection.casualties },
            },
          }
        : m,
    ),
    // One damage per country harmed: each state claims for its own.
    damages: damaged.map((h) => {
      const victim = stateFor(h.countryIso3!, h.countryName);
      return {
        id: `impact-${h.countryIso3!.toLowerCase()}`,
        date: scenario.asteroid.potentialImpactDate,
        where: 'surface' as const,
        cause: byFragment ? ('fragment-of-deflected-asteroid' as const) : ('deflected-asteroid' as const),
        missionId: cause.id,
        victimState: victim,
        victimsNationals: [victim],
        victimsParticipating: false,
        amountMUsd: h.damageMUsd,
        ...(withoutDeflection ? { undeflectedAmountMUsd: undeflectedDamage(h.countryIso3!) } : {}),
        claimantFault: 'none' as const,
        bindingAgreement: false,
      };
    }),
  };
  const parsed = parseCaseObject(facts, 'impact case');
  if (!parsed.ok) return [{ damageId: 'impact', error: parsed.errors.join('; ') }];
  return judgeCase(parsed.facts, scenario.legal.regime).findings;
}
