// The scenario check an author runs before a table sits down: the YAML, the schema, then the
// physics, the calendar and what the table can play. Shared by the CLI (`deflect scenario
// check`), the HTTP upload and the browser's scenario preview. Every rule here asks the engine
// (dates, pushes, observation, inject conditions) rather than working the answer out again.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { addMonths, daysBetween, daysInMonth } from '../calendar.js';
import type { WorldData } from '../engine/commands.js';
import { ASSUMED_OCEAN_DEPTH_M } from '../engine/consequences.js';
import { earliestArrivalDate, missionEffectBand } from '../engine/mission-effect.js';
import { initialEstimate, observationRulesForRound, refineEstimate } from '../engine/observation.js';
import { countriesUnderCorridor, RISK_CORRIDOR_STEP_KM } from '../engine/orders.js';
import { createCorridor } from '../geo/corridor.js';
import { hazardAssessment, IAWN_MIN_DIAMETER_M, SMPAG_MAX_YEARS, SMPAG_MIN_DIAMETER_M } from '../physics/hazard.js';
import { impactorMassKg, joulesToMt, kineticEnergyJ } from '../physics/impact.js';
import { scenarioGeometryIssues } from '../scenario/geometry.js';
import { parseScenarioObject } from '../scenario/parse.js';
import { scenarioSchema, type InjectCondition, type MissionType, type Scenario } from '../scenario/schema.js';
import { formatPath } from '../validation.js';

/** How bad a finding is: an error stops the file from being played or uploaded; a warning says what a table would meet. */
export type Severity = 'error' | 'warning';

/** One thing the check found, at a path of the scenario file. */
export interface Finding {
  severity: Severity;
  /** Stable, namespaced: `schema/invalid`, `yaml/syntax`, `physics/capture_radius`, `calendar/blackout_outside`, `missions/too_late`, … */
  code: string;
  /** Dotted path inside the file (`asteroid.captureRadiusKm`, `injects[3].condition`); '' for the whole file. */
  path: string;
  /** 1-based line of the path in the YAML text, when the text is known. */
  line?: number;
  /** One sentence a scenario author understands; warnings say what the table would experience. */
  message: string;
}

/** The result of checking one file. */
export interface CheckReport {
  file: string;
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** The parsed scenario when the schema accepted it (even if later checks found errors). */
  scenario: Scenario | null;
  findings: Finding[];
}

/** When a mission type must be funded and launched for its arrival to come before the encounter. */
export interface MissionDeadline {
  missionTypeId: string;
  name: string;
  /** Arrival if funded in full at the first round (when no round can launch it, `launchRound` null: had it launched once built). */
  earliestArrival: string;
  /** Last round (1-based) whose funding can still arrive before the encounter; null if none. */
  lastUsefulRound: number | null;
  /** Latest launch date whose flight still arrives before the encounter. */
  launchBy: string;
  /**
   * The round (1-based) whose resolution launches it when funded in full at the first round:
   * the first round dated on or after its build is done; null when no round of the calendar is.
   */
  launchRound: number | null;
}

/** What the check may use besides the scenario: the world map, to tell which states and seas lie under the corridor. */
export interface CheckOptions {
  /**
   * The country under a point (the engine's `WorldData.countryAt`); absent, every state counts
   * as possibly at risk and the corridor's seas are not looked for.
   */
  countryAt?: WorldData['countryAt'];
}

/** Every finding code this check emits, with its severity. */
export const FINDING_CODES = {
  'yaml/syntax': 'error',
  'schema/invalid': 'error',
  'physics/capture_radius': 'error',
  'physics/corridor_length': 'error',
  'physics/truth_diameter': 'error',
  'physics/initial_estimate': 'warning',
  'physics/density': 'warning',
  'physics/sea_depth_missing': 'warning',
  'physics/estimate_wrong_side': 'warning',
  'hazard/iawn_never': 'warning',
  'hazard/smpag_never': 'warning',
  'hazard/no_un_body': 'warning',
  'calendar/blackout_outside': 'warning',
  'calendar/never_observable': 'warning',
  'missions/too_late': 'warning',
  'missions/funding_closes': 'warning',
  'missions/no_deflection': 'warning',
  'missions/too_weak': 'warning',
  'budgets/cannot_afford': 'warning',
  'injects/never_fires': 'warning',
  'actors/idle': 'warning',
} as const satisfies Record<string, Severity>;
export type FindingCode = keyof typeof FINDING_CODES;

const finding = (code: FindingCode, path: string, message: string): Finding => ({ severity: FINDING_CODES[code], code, path, message });

/** Bulk densities (kg/m³) a near-Earth asteroid may plausibly have: from a porous rubble pile to solid iron. */
export const PLAUSIBLE_DENSITY_KG_M3 = { min: 500, max: 8000 } as const;
/** How many standard deviations from the first estimate's mean the truth may lie before the first estimate is said to exclude it. */
export const TRUTH_MAX_SIGMAS = 4;
/** Below this fraction of the capture radius, the first estimate already knows the encounter point: nothing is left to observe. */
export const MIN_SIGMA_FRACTION_OF_CAPTURE_RADIUS = 0.01;
/**
 * Step (km) at which the corridor is walked for ocean stretches without a stated depth; a sea
 * crossed for less may be missed. The step of the walk for the states under it, so that both
 * ask the map about the same points, once.
 */
export const SEA_DEPTH_STEP_KM = RISK_CORRIDOR_STEP_KM;

const pct = (p: number) => `${+(p * 100).toFixed(2)}%`;
const km = (x: number) => `${Math.round(x).toLocaleString('en-US')} km`;
const musd = (x: number) => `${Math.round(x).toLocaleString('en-US')} M USD`;

/** The physics, calendar and playability checks of an already schema-valid scenario. */
export function checkScenario(scenario: Scenario, options: CheckOptions = {}): Finding[] {
  const deadlines = missionDeadlines(scenario);
  const countryAt = options.countryAt && remembered(options.countryAt);
  if (countryAt) options = { ...options, countryAt };
  return [
    ...physicsFindings(scenario),
    ...(countryAt ? seaDepthFindings(scenario, countryAt) : []),
    ...hazardFindings(scenario),
    ...calendarFindings(scenario),
    ...missionFindings(scenario, deadlines),
    ...estimateSideFindings(scenario, deadlines),
    ...budgetFindings(scenario, deadlines),
    ...injectFindings(scenario, deadlines),
    ...actorFindings(scenario, options),
  ];
}

/** A map lookup that answers each point once: the walks for seas and for states ask about the same points. */
function remembered(countryAt: NonNullable<CheckOptions['countryAt']>): NonNullable<CheckOptions['countryAt']> {
  const answers = new Map<string, ReturnType<typeof countryAt>>();
  return (lat, lon) => {
    const key = `${lat},${lon}`;
    if (!answers.has(key)) answers.set(key, countryAt(lat, lon));
    return answers.get(key)!;
  };
}

/** Reads YAML text, validates it against the schema, then runs `checkScenario`; findings carry line numbers. */
export function checkScenarioText(text: string, file: string, options: CheckOptions = {}): CheckReport {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const findings = doc.errors.map((e): Finding => {
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { ...finding('yaml/syntax', '', message), ...(e.linePos?.[0] ? { line: e.linePos[0].line } : {}) };
    });
    return { file, ok: false, scenario: null, findings };
  }
  const value: unknown = doc.toJS();
  const located = (f: Finding): Finding => {
    const line = lineOfPath(doc, lineCounter, parsePath(f.path));
    return line === undefined ? f : { ...f, line };
  };
  if ((value as { version?: unknown } | null)?.version === 1) {
    const parsed = parseScenarioObject(value, '');
    const message = parsed.ok ? '' : (parsed.errors[0] ?? '').replace(/^: version: /, '');
    return { file, ok: false, scenario: null, findings: [located(finding('schema/invalid', 'version', message))] };
  }
  const result = scenarioSchema.safeParse(value);
  if (!result.success) return { file, ok: false, scenario: null, findings: schemaFindings(result.error.issues).map(located) };
  const findings = checkScenario(result.data, options).map(located);
  return { file, ok: !findings.some((f) => f.severity === 'error'), scenario: result.data, findings };
}

/** One finding per zod issue, an unknown key each on its own path, a union's issue told by the form that was meant. */
function schemaFindings(issues: readonly z.core.$ZodIssue[]): Finding[] {
  return issues.flatMap(meantIssues).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => finding('schema/invalid', pathText([...issue.path, key]), `unknown field '${key}'`));
    }
    if (issue.code === 'invalid_union') {
      const forms = issue.path.includes('condition') ? `: ${INJECT_CONDITION_FORMS}` : '';
      return [finding('schema/invalid', pathText(issue.path), `matches none of the forms allowed here${forms}`)];
    }
    return [finding('schema/invalid', pathText(issue.path), issue.message)];
  });
}

const INJECT_CONDITION_FORMS = 'one of probabilityAbove, probabilityBelow, noMissionFundedByRound, missionFailed, assistanceRefused, roundAtLeast, all or any';

/**
 * The issues of the form an author meant where a union refused a value: the one branch whose
 * keys the value has (no unknown key at its root), its issues at their full paths; the union's
 * own issue when no single branch fits.
 */
function meantIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const meant = issue.errors.filter((branch) => !branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0));
  if (meant.length !== 1) return [issue];
  return meant[0]!.flatMap((i) => meantIssues({ ...i, path: [...issue.path, ...i.path] }));
}

const pathText = (path: readonly PropertyKey[]) => (path.length === 0 ? '' : formatPath(path));

/** `injects[3].condition` → ['injects', 3, 'condition']. */
function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The 1-based line where a path of the document is written: its key, or the item of a list; the nearest written ancestor for a missing field. */
function lineOfPath(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      offset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as { range?: [number, number, number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

// — Physics ————————————————————————————————————————————————————————————————

function physicsFindings(s: Scenario): Finding[] {
  const out: Finding[] = scenarioGeometryIssues(s).map((issue) => {
    const path = formatPath(issue.path);
    return finding(path === 'asteroid.captureRadiusKm' ? 'physics/capture_radius' : 'physics/corridor_length', path, issue.message);
  });
  const a = s.asteroid;
  if (a.truth.diameterM < a.diameterM.min || a.truth.diameterM > a.diameterM.max) {
    out.push(
      finding(
        'physics/truth_diameter',
        'asteroid.truth.diameterM',
        `the true diameter, ${a.truth.diameterM} m, lies outside the published range of ${a.diameterM.min}–${a.diameterM.max} m: the table would be told a size the body cannot have`,
      ),
    );
  }
  for (const [path, density] of [
    ['asteroid.densityKgM3', a.densityKgM3],
    ['asteroid.truth.densityKgM3', a.truth.densityKgM3],
  ] as const) {
    if (density < PLAUSIBLE_DENSITY_KG_M3.min || density > PLAUSIBLE_DENSITY_KG_M3.max) {
      out.push(
        finding(
          'physics/density',
          path,
          `${density} kg/m³ is no asteroid's bulk density (a rubble pile is about 1 200–2 000, stony 2 000–3 500, iron up to about 7 800): every push and every impact effect would scale with it`,
        ),
      );
    }
  }
  const { meanKm, sigmaKm } = a.initialEstimate;
  if (sigmaKm < MIN_SIGMA_FRACTION_OF_CAPTURE_RADIUS * a.captureRadiusKm) {
    out.push(
      finding(
        'physics/initial_estimate',
        'asteroid.initialEstimate.sigmaKm',
        `an uncertainty of ${km(sigmaKm)} against a capture radius of ${km(a.captureRadiusKm)} means the first estimate already knows the outcome (impact probability ${pct(initialEstimate(s).impactProbability)}): observing would tell the table nothing`,
      ),
    );
  }
  const sigmas = Math.abs(a.truth.encounterKm - meanKm) / sigmaKm;
  if (sigmas > TRUTH_MAX_SIGMAS) {
    out.push(
      finding(
        'physics/initial_estimate',
        'asteroid.initialEstimate',
        `the true encounter point (${km(a.truth.encounterKm)}) lies ${sigmas.toFixed(1)} σ from the first estimate (${km(meanKm)} ± ${km(sigmaKm)}): the table would watch the estimate jump instead of converge`,
      ),
    );
  }
  return out;
}

/**
 * One warning per run of the corridor over the sea (where `countryAt` finds no country, as the
 * engine does for an impact) that no `riskCorridor.waterDepths` stretch covers: an impact there
 * would be computed over the assumed abyssal plain. Walked every SEA_DEPTH_STEP_KM.
 */
function seaDepthFindings(s: Scenario, countryAt: NonNullable<CheckOptions['countryAt']>): Finding[] {
  let corridor;
  try {
    corridor = createCorridor(s.riskCorridor.points);
  } catch {
    return []; // the schema has already refused the points
  }
  const stated = s.riskCorridor.waterDepths ?? [];
  const uncovered = (atKm: number) => {
    const p = corridor.pointAt(atKm);
    return countryAt(p.lat, p.lon) === null && !stated.some((w) => atKm >= w.fromKm && atKm <= w.toKm);
  };
  const runs: { fromKm: number; toKm: number }[] = [];
  const steps = Math.ceil(corridor.lengthKm / SEA_DEPTH_STEP_KM);
  let open: { fromKm: number; toKm: number } | null = null;
  for (let i = 0; i <= steps; i++) {
    const atKm = Math.min(corridor.lengthKm, i * SEA_DEPTH_STEP_KM);
    if (!uncovered(atKm)) open = null;
    else if (open) open.toKm = atKm;
    else runs.push((open = { fromKm: atKm, toKm: atKm }));
  }
  const path = s.riskCorridor.waterDepths ? 'riskCorridor.waterDepths' : 'riskCorridor';
  return runs.map((r) => {
    const where = r.toKm > r.fromKm ? `km ${Math.round(r.fromKm)}–${Math.round(r.toKm)}` : `km ${Math.round(r.fromKm)}`;
    return finding(
      'physics/sea_depth_missing',
      path,
      `an impact at ${where} (sea) would assume an abyssal plain of ${ASSUMED_OCEAN_DEPTH_M.toLocaleString('en-US')} m: state the depth in riskCorridor.waterDepths`,
    );
  });
}

// — Hazard thresholds ————————————————————————————————————————————————————————

/**
 * Whether IAWN and SMPAG can ever act (physics/hazard.ts, reference §3): the thresholds as the
 * engine applies them (`tableHazard`: the largest published size, the time left at the round's
 * date), at the highest probability there can be, at any round.
 */
function hazardFindings(s: Scenario): Finding[] {
  const a = s.asteroid;
  const energyMt = joulesToMt(kineticEnergyJ(impactorMassKg((a.diameterM.min + a.diameterM.max) / 2, a.densityKgM3), a.entrySpeedKmS * 1000));
  const atRounds = s.calendar.rounds.map((r) =>
    hazardAssessment({ impactProbability: 1, energyMt, yearsToImpact: Math.max(daysBetween(r.date, a.potentialImpactDate) / 365.25, 1 / 365.25), diameterM: a.diameterM.max }),
  );
  const out: Finding[] = [];
  if (!s.actors.some((x) => x.kind === 'un-body')) {
    out.push(
      finding(
        'hazard/no_un_body',
        'actors',
        s.un.automaticIawnNotification
          ? 'no UN body sits at the table: IAWN notifies on its own, but nobody can convene SMPAG or put a resolution to the vote'
          : 'no UN body sits at the table: nobody can issue IAWN’s notification, convene SMPAG or put a resolution to the vote',
      ),
    );
  }
  if (!atRounds.some((h) => h.iawnNotify)) {
    out.push(finding('hazard/iawn_never', 'asteroid.diameterM.max', `IAWN never notifies: it acts for bodies over ${IAWN_MIN_DIAMETER_M} m, and the largest published size is ${a.diameterM.max} m`));
  }
  if (!atRounds.some((h) => h.smpagOptions)) {
    const why =
      a.diameterM.max <= SMPAG_MIN_DIAMETER_M
        ? { path: 'asteroid.diameterM.max', text: `it works on bodies over ${SMPAG_MIN_DIAMETER_M} m, and the largest published size is ${a.diameterM.max} m` }
        : { path: 'asteroid.potentialImpactDate', text: `it works on impacts within ${SMPAG_MAX_YEARS} years, and the last round is further from the encounter` };
    out.push(finding('hazard/smpag_never', why.path, `SMPAG never publishes mission options, whatever the probability: ${why.text}`));
  }
  return out;
}

// — Calendar ———————————————————————————————————————————————————————————————

function calendarFindings(s: Scenario): Finding[] {
  const out: Finding[] = [];
  const rounds = s.calendar.rounds;
  const first = rounds[0]!.date;
  const encounter = s.asteroid.potentialImpactDate;
  s.observation.blackouts.forEach((b, i) => {
    if (b.to < first || b.from > encounter) {
      const when = b.to < first ? `ends before the first round (${first})` : `starts after the encounter (${encounter})`;
      out.push(finding('calendar/blackout_outside', `observation.blackouts[${i}]`, `the blackout ${b.from} – ${b.to} ${when}: it never hides the body from the table`));
    }
  });
  const fractions = rounds.map((r, i) => observationRulesForRound(s, i + 1, r.date).observableFraction);
  if (s.observation.blackouts.length > 0 && fractions.every((f) => f === 0)) {
    out.push(
      finding(
        'calendar/never_observable',
        'observation.blackouts',
        `the blackouts cover every round: no observation ever refines the estimate, so the impact probability stays at the first estimate's ${pct(initialEstimate(s).impactProbability)} until the end`,
      ),
    );
  }
  return out;
}

// — Missions ———————————————————————————————————————————————————————————————

/** The latest day before `date` (one day back, across month and year ends). */
function dayBefore(date: string): string {
  const day = Number(date.slice(8, 10));
  if (day > 1) return `${date.slice(0, 8)}${String(day - 1).padStart(2, '0')}`;
  const prev = addMonths(`${date.slice(0, 8)}01`, -1);
  return `${prev.slice(0, 8)}${String(daysInMonth(Number(prev.slice(0, 4)), Number(prev.slice(5, 7)))).padStart(2, '0')}`;
}

/**
 * When a mission funded in full at `round` flies as the engine runs it: built from the
 * round's date (`buildMonths`), launched by the first later round dated on or after that, and
 * arriving `flightMonths` after its launch (`earliestArrivalDate`); null when no round of the
 * calendar can launch it.
 */
function scheduleIfFundedAt(s: Scenario, type: MissionType, round: number): { launchRound: number; arrival: string } | null {
  const rounds = s.calendar.rounds;
  const readyDate = addMonths(rounds[round - 1]!.date, type.buildMonths);
  for (let k = round + 1; k <= rounds.length; k++) {
    const launchDate = rounds[k - 1]!.date;
    if (launchDate < readyDate) continue;
    const arrival = earliestArrivalDate({ readyDate, arrivalDate: null, buildMonths: type.buildMonths, flightMonths: type.flightMonths }, launchDate);
    return { launchRound: k, arrival };
  }
  return null;
}

/** Each mission type's deadlines against the encounter date (the preview's calendar and the `missions/too_late` warnings). */
export function missionDeadlines(scenario: Scenario): MissionDeadline[] {
  const encounter = scenario.asteroid.potentialImpactDate;
  const rounds = scenario.calendar.rounds;
  return scenario.missionTypes.map((type) => {
    const atFirst = scheduleIfFundedAt(scenario, type, 1);
    const earliestArrival =
      atFirst?.arrival ?? earliestArrivalDate({ readyDate: null, arrivalDate: null, buildMonths: type.buildMonths, flightMonths: type.flightMonths }, rounds[0]!.date);
    let lastUsefulRound: number | null = null;
    for (let r = 1; r <= rounds.length; r++) {
      const schedule = scheduleIfFundedAt(scenario, type, r);
      if (schedule && schedule.arrival < encounter) lastUsefulRound = r;
    }
    let launchBy = addMonths(encounter, -type.flightMonths);
    while (addMonths(launchBy, type.flightMonths) >= encounter) launchBy = dayBefore(launchBy);
    return { missionTypeId: type.id, name: type.name, earliestArrival, lastUsefulRound, launchBy, launchRound: atFirst?.launchRound ?? null };
  });
}

const deflects = (t: MissionType) => t.kind !== 'reconnaissance';
const totalBudgetPerRoundMUsd = (s: Scenario) => s.actors.reduce((sum, a) => sum + a.budgetPerRoundMUsd, 0);

function missionFindings(s: Scenario, deadlines: readonly MissionDeadline[]): Finding[] {
  const out: Finding[] = [];
  const rounds = s.calendar.rounds;
  const a = s.asteroid;
  const arriving = s.missionTypes.filter((t, i) => deflects(t) && deadlines[i]!.lastUsefulRound !== null);
  const noDeflection = arriving.length === 0;
  if (noDeflection) {
    const message = s.missionTypes.some(deflects)
      ? 'no deflection mission can arrive before the encounter, even if funded in full at round 1: the table can only observe, warn and evacuate'
      : 'no mission type deflects the body: the table can only observe, warn and evacuate';
    out.push(finding('missions/no_deflection', 'missionTypes', message));
  }
  s.missionTypes.forEach((type, i) => {
    const d = deadlines[i]!;
    const path = `missionTypes[${i}]`;
    if (d.lastUsefulRound === null) {
      if (noDeflection && deflects(type)) return;
      const why =
        d.launchRound === null
          ? `funded at round 1 it is built by ${addMonths(rounds[0]!.date, type.buildMonths)}, after the last round that could launch it`
          : `funded at round 1 it launches at round ${d.launchRound} and arrives on ${d.earliestArrival}, on or after the encounter (${a.potentialImpactDate})`;
      out.push(finding('missions/too_late', path, `no ${type.name} can arrive before the encounter: ${why}`));
    }
  });
  // Funding that closes before the last round: one warning per closing round, naming its mission types.
  const closing = new Map<number, number[]>();
  deadlines.forEach((d, i) => {
    if (d.lastUsefulRound !== null && d.lastUsefulRound < rounds.length) closing.set(d.lastUsefulRound, [...(closing.get(d.lastUsefulRound) ?? []), i]);
  });
  for (const [round, indices] of [...closing].sort((x, y) => x[0] - y[0])) {
    const names = indices.map((i) => s.missionTypes[i]!.name);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
    const launchBy = indices.map((i) => deadlines[i]!.launchBy).sort().at(-1)!;
    out.push(
      finding(
        'missions/funding_closes',
        `missionTypes[${indices[0]!}]`,
        `no ${list} funded after round ${round} (${rounds[round - 1]!.date}) can arrive before the encounter; a launch after ${launchBy} arrives too late`,
      ),
    );
  }
  // A push big enough? Only where the truth hits: the point must leave the capture disc.
  const neededKm = a.captureRadiusKm - Math.abs(a.truth.encounterKm);
  if (neededKm <= 0) return out;
  const budget = totalBudgetPerRoundMUsd(s);
  s.missionTypes.forEach((type, i) => {
    const d = deadlines[i]!;
    if (!deflects(type) || d.lastUsefulRound === null) return;
    const count = Math.floor((budget * d.lastUsefulRound) / type.costMUsd);
    if (count === 0) return; // the budgets finding says so
    // The hidden true body decides the outcome, not the published mid-size the table plans with.
    const { diameterM, densityKgM3 } = a.truth;
    const band = missionEffectBand(type, { diameterMinM: diameterM, diameterMaxM: diameterM, densityKgM3 }, daysBetween(d.earliestArrival, a.potentialImpactDate));
    const shiftKm = band?.shiftKm.nominal ?? 0;
    if (count * shiftKm >= neededKm) return;
    const fleet = count === 1 ? 'one' : `${count} of them`;
    out.push(
      finding(
        'missions/too_weak',
        `missionTypes[${i}]`,
        `even if every budget at the table funded ${type.name} and nothing else (${fleet} by round ${d.lastUsefulRound}), their nominal push on the true ${Math.round(diameterM)} m body, arriving ${d.earliestArrival}, moves the encounter point ${km(count * shiftKm)}; it must move ${km(neededKm)} to leave the capture radius`,
      ),
    );
  });
  return out;
}

/**
 * Which way the published estimate points a table. The engine moves the estimate's mean toward
 * the truth only as fast as σ shrinks (shared/physics/observation.ts), so a truth several σ from
 * the first mean stays on the far side of the Earth's centre for rounds: a table that pushes
 * toward the nearer exit of the capture disc, as the estimate shows it, pushes the long way.
 */
function estimateSideFindings(s: Scenario, deadlines: readonly MissionDeadline[]): Finding[] {
  const a = s.asteroid;
  const truthKm = a.truth.encounterKm;
  if (truthKm === 0 || Math.abs(truthKm) >= a.captureRadiusKm) return [];
  const lastUseful = Math.max(0, ...deadlines.filter((d, i) => deflects(s.missionTypes[i]!) && d.lastUsefulRound !== null).map((d) => d.lastUsefulRound!));
  if (lastUseful === 0) return [];
  // The estimate each round's table reads: the first one, then each round's noise-free refinement without extra funding.
  let estimate = initialEstimate(s);
  for (let round = 1; round <= lastUseful; round++) {
    if (Math.sign(estimate.meanKm) === Math.sign(truthKm)) return [];
    estimate = refineEstimate(s, estimate, 0, 0, observationRulesForRound(s, round, s.calendar.rounds[round - 1]!.date).observableFraction);
  }
  const z = Math.abs(a.initialEstimate.meanKm - truthKm) / a.initialEstimate.sigmaKm;
  return [
    finding(
      'physics/estimate_wrong_side',
      'asteroid.initialEstimate.meanKm',
      `until round ${lastUseful}, the last whose funding can still deflect, the published estimate puts the encounter on the other side of the Earth's centre from the truth (${km(truthKm)}): a table pushing toward the nearer edge pushes the long way; the truth lies ${z.toFixed(1)} σ from the first mean, and the engine keeps that offset in σ as the uncertainty shrinks — put the first mean on the truth's side or nearer it`,
    ),
  ];
}

// — Budgets ————————————————————————————————————————————————————————————————

function budgetFindings(s: Scenario, deadlines: readonly MissionDeadline[]): Finding[] {
  const budget = totalBudgetPerRoundMUsd(s);
  const candidates = s.missionTypes
    .map((type, i) => ({ type, lastUsefulRound: deadlines[i]!.lastUsefulRound }))
    .filter((c) => deflects(c.type));
  if (candidates.length === 0) return [];
  const useful = candidates.filter((c) => c.lastUsefulRound !== null);
  const affordable = (c: { type: MissionType; lastUsefulRound: number | null }, rounds: number) => budget * rounds >= c.type.costMUsd;
  const cheapest = [...candidates].sort((x, y) => x.type.costMUsd - y.type.costMUsd)[0]!;
  if (!affordable(cheapest, s.calendar.rounds.length)) {
    return [
      finding(
        'budgets/cannot_afford',
        'actors',
        `all budgets together raise ${musd(budget * s.calendar.rounds.length)} over the ${s.calendar.rounds.length} rounds, less than the cheapest deflection mission (${cheapest.type.name}, ${musd(cheapest.type.costMUsd)}): no push can ever be paid for`,
      ),
    ];
  }
  if (useful.length > 0 && !useful.some((c) => affordable(c, c.lastUsefulRound!))) {
    const best = [...useful].sort((x, y) => x.type.costMUsd - budget * x.lastUsefulRound! - (y.type.costMUsd - budget * y.lastUsefulRound!))[0]!;
    return [
      finding(
        'budgets/cannot_afford',
        'actors',
        `no deflection mission can be paid for in time: ${best.type.name} costs ${musd(best.type.costMUsd)} but all budgets together raise only ${musd(budget * best.lastUsefulRound!)} by round ${best.lastUsefulRound}, its last useful round`,
      ),
    ];
  }
  return [];
}

// — Injects ————————————————————————————————————————————————————————————————

/**
 * The states in which an inject condition may hold, as the engine checks it (`conditionHolds`
 * at the start of a round): from some round on, with the impact probability strictly between
 * two bounds. A condition is a union of such regions.
 */
interface Region {
  fromRound: number;
  pAbove: number;
  pBelow: number;
}

const meet = (x: Region, y: Region): Region => ({ fromRound: Math.max(x.fromRound, y.fromRound), pAbove: Math.max(x.pAbove, y.pAbove), pBelow: Math.min(x.pBelow, y.pBelow) });

/** The first round at whose start a failed launch can be seen: the launch round of the quickest mission funded at round 1, plus one; null if no mission can fail. */
function firstFailureRound(s: Scenario, deadlines: readonly MissionDeadline[]): number | null {
  // A company's bid or in-kind help sets a reliability of at most 0.99 (missions.ts), so with a company at the table every mission may fail.
  const canFail = s.missionTypes.some((t) => t.reliability < 1) || s.actors.some((a) => a.kind === 'private-company');
  const launches = deadlines.map((d) => d.launchRound).filter((r): r is number => r !== null);
  if (!canFail || launches.length === 0) return null;
  return Math.min(...launches) + 1;
}

function regionsOf(c: InjectCondition, ctx: { rounds: number; failureRound: number | null }, reasons: string[]): Region[] {
  const any: Region = { fromRound: 1, pAbove: -1, pBelow: 2 };
  const fromRound = (n: number, why: string): Region[] => {
    if (n <= ctx.rounds) return [{ ...any, fromRound: n }];
    reasons.push(why);
    return [];
  };
  if ('probabilityAbove' in c) {
    if (c.probabilityAbove < 1) return [{ ...any, pAbove: c.probabilityAbove }];
    reasons.push('the impact probability is never above 100%');
    return [];
  }
  if ('probabilityBelow' in c) {
    if (c.probabilityBelow > 0) return [{ ...any, pBelow: c.probabilityBelow }];
    reasons.push('the impact probability is never below 0%');
    return [];
  }
  if ('noMissionFundedByRound' in c) return fromRound(c.noMissionFundedByRound, `round ${c.noMissionFundedByRound} never comes: the calendar has ${ctx.rounds} rounds`);
  if ('roundAtLeast' in c) return fromRound(c.roundAtLeast, `round ${c.roundAtLeast} never comes: the calendar has ${ctx.rounds} rounds`);
  if ('missionFailed' in c) {
    if (ctx.failureRound === null) {
      reasons.push('no mission can fail: every mission type has reliability 1 (or none can launch within the calendar) and no company bids');
      return [];
    }
    return fromRound(ctx.failureRound, `a failed launch is seen at round ${ctx.failureRound} at the earliest, after the last round`);
  }
  if ('assistanceRefused' in c) return fromRound(2, 'a refusal is seen from the round after it, and the calendar has one round');
  if ('all' in c) {
    let regions: Region[] = [any];
    for (const part of c.all) {
      const next = regionsOf(part, ctx, reasons);
      const met = regions.flatMap((x) => next.map((y) => meet(x, y)));
      const live = met.filter((r) => alive(r, ctx.rounds));
      if (live.length === 0 && met.length > 0) reasons.push(contradiction(met));
      regions = live;
    }
    return regions;
  }
  return c.any.flatMap((part) => regionsOf(part, ctx, reasons));
}

const alive = (r: Region, rounds: number) => r.fromRound <= rounds && r.pAbove < r.pBelow && r.pAbove < 1 && r.pBelow > 0;

function contradiction(regions: readonly Region[]): string {
  const r = regions[0]!;
  if (r.pAbove >= r.pBelow) return `the probability would have to be above ${pct(r.pAbove)} and below ${pct(r.pBelow)} at once`;
  return `its parts need round ${r.fromRound} or later, after the last round`;
}

function injectFindings(s: Scenario, deadlines: readonly MissionDeadline[]): Finding[] {
  const ctx = { rounds: s.calendar.rounds.length, failureRound: firstFailureRound(s, deadlines) };
  const out: Finding[] = [];
  s.injects.forEach((inject, i) => {
    if (inject.condition === undefined) return;
    const reasons: string[] = [];
    const base: Region = { fromRound: inject.round ?? 1, pAbove: -1, pBelow: 2 };
    const regions = regionsOf(inject.condition, ctx, reasons).map((r) => meet(base, r));
    if (regions.some((r) => alive(r, ctx.rounds))) return;
    if (reasons.length === 0) reasons.push(`it may fire only from round ${inject.round}, and the condition cannot hold from then on`);
    out.push(finding('injects/never_fires', `injects[${i}].condition`, `the inject '${inject.id}' never fires: ${[...new Set(reasons)].join('; ')}`));
  });
  return out;
}

// — Actors —————————————————————————————————————————————————————————————————

function actorFindings(s: Scenario, options: CheckOptions): Finding[] {
  const under = options.countryAt ? countriesUnderCorridor(s.riskCorridor.points, options.countryAt) : null;
  const out: Finding[] = [];
  s.actors.forEach((actor, i) => {
    if (actor.budgetPerRoundMUsd > 0) return;
    const caps = actor.capabilities;
    const atRisk = under === null || actor.stateOfNationality === undefined || under.has(actor.stateOfNationality);
    let idle = false;
    let what = '';
    switch (actor.kind) {
      case 'un-body':
        break; // IAWN, SMPAG and resolutions need no money
      case 'private-company':
        idle = !caps.launch && !caps.industry;
        what = 'a company with no budget, no launcher and no industry can neither fly, build nor pay for anything';
        break;
      case 'space-faring-state':
      case 'non-space-faring-state':
        idle = !caps.launch && !caps.industry && !caps.observatories && !caps.deepSpaceNetwork && !atRisk;
        what = 'a state with no budget, no capability and no territory under the corridor can pay for nothing, contribute nothing and has no one to evacuate';
        break;
    }
    if (idle) out.push(finding('actors/idle', `actors[${i}]`, `${actor.name} can do nothing at the table: ${what}`));
  });
  return out;
}
