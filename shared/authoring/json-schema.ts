// The JSON Schema of the scenario file, generated from the zod schema (zod 4's `toJSONSchema`,
// the input side: what an author writes, defaults optional) and shipped as
// scenarios/scenario.schema.json, so that an editor with a YAML language server completes and
// checks a scenario as it is typed. A file opts in with its first line:
//   # yaml-language-server: $schema=./scenario.schema.json                  (beside the bundled files)
//   # yaml-language-server: $schema=https://<server>/api/scenario-schema.json
// The zod schema cannot carry its doc comments into JSON, so the descriptions an editor shows
// on hover are listed here by path; a test checks that every path still exists.
import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.js';

/** The schema's `$id`: a name, not an address (each server serves the file at /api/scenario-schema.json). */
export const SCENARIO_SCHEMA_ID = 'urn:deflect:scenario:2';

/** Where the generated schema is committed, from the repository's root. */
export const SCENARIO_SCHEMA_FILE = 'scenarios/scenario.schema.json';

/** The first line that makes a YAML language server check a bundled scenario file against the schema. */
export const YAML_LANGUAGE_SERVER_HEADER = '# yaml-language-server: $schema=./scenario.schema.json';

/**
 * What an editor shows on hover, by path in the scenario file (every field has one; a test says
 * which lack it): `a.b` for a field of an object, `a[]` for the items of a list.
 */
export const FIELD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  version: 'Scenario file format: 2.',
  id: 'Identifier of the scenario: lower-case letters, digits and dashes (at most 40).',
  title: 'Title shown in the lobby and on the projector.',
  summary: 'A paragraph telling the table what is at stake, shown before the first round.',
  asteroid: 'The body: what the table is told about it, and the hidden truth.',
  'asteroid.designation': 'Its provisional designation, e.g. 2031 KX.',
  'asteroid.diameterM': 'The published size range (m), from its brightness: the table knows only this.',
  'asteroid.diameterM.min': 'Smallest published diameter (m).',
  'asteroid.diameterM.max': 'Largest published diameter (m).',
  'asteroid.densityKgM3': 'The bulk density the table assumes (kg/m³): a rubble pile is about 1 200–2 000, stony 2 000–3 500.',
  'asteroid.entrySpeedKmS': 'Speed at atmospheric entry (km/s, 11–73); it fixes the capture radius.',
  'asteroid.entryAngleDeg': 'Entry angle above the horizon (degrees, 0–90]; 45 is the most likely.',
  'asteroid.potentialImpactDate': 'Date of the possible impact (YYYY-MM-DD), after the last round.',
  'asteroid.captureRadiusKm': 'Capture radius on the target plane (km); an encounter inside ±this hits the Earth. Must match the entry speed: b = RE·v0/√(v0² − vesc²).',
  'asteroid.initialEstimate': 'First published estimate of the encounter point along the line of variations.',
  'asteroid.initialEstimate.meanKm': 'Mean of the first estimate of the encounter point (km on the target plane; 0 is the Earth’s centre).',
  'asteroid.initialEstimate.sigmaKm': 'Standard deviation of the first estimate (km); with the mean and the capture radius it gives the first impact probability.',
  'asteroid.truth': 'Hidden from every participant: only the control cell and evaluators see it.',
  'asteroid.truth.diameterM': 'The body’s true diameter (m), within the published range.',
  'asteroid.truth.densityKgM3': 'The body’s true bulk density (kg/m³).',
  'asteroid.truth.encounterKm': 'Where the body really crosses the target plane (km); inside ±captureRadiusKm it strikes.',
  'asteroid.truth.kineticDisruption':
    'A rubble pile that sheds one fragment when a kinetic impactor strikes it (PDC 2015, PDC 2019); absent, impactors never break it. The fragment keeps the course the body had before the strike.',
  'asteroid.truth.kineticDisruption.fragmentMassFraction': 'Mass fraction of the body the fragment carries away, e.g. (80/210)³ ≈ 0.055.',
  'asteroid.truth.kineticDisruption.probability': 'Probability that the first impactor to strike sheds it (default 1).',
  'asteroid.truth.kineticDisruption.separationSpeedMmPerS': 'Largest along-track speed of the fragment relative to the body before the strike (mm/s); drawn uniformly in ±.',
  observation: 'How observation sharpens the estimate round by round.',
  'observation.baseShrink': 'Fraction by which the uncertainty shrinks in a round with no extra funding (0–0.95).',
  'observation.fundingForDoubleEffectMUsd': 'Extra observation funding (M USD) that doubles the round’s shrink effect.',
  'observation.blackouts': 'Periods when the body is too close to the Sun to observe: no refinement then.',
  'observation.blackouts[].from': 'First day of the blackout (YYYY-MM-DD).',
  'observation.blackouts[].to': 'Last day of the blackout (YYYY-MM-DD).',
  missionTypes: 'The catalogue of missions the table may fund: what each costs, how long it takes and what it delivers.',
  'missionTypes[].id': 'Identifier of the mission type, used in orders and logs.',
  'missionTypes[].name': 'Name shown to the table.',
  'missionTypes[].kind': 'reconnaissance, kinetic-impactor, gravity-tractor or nuclear-standoff; each needs its own numbers.',
  'missionTypes[].costMUsd': 'Full cost (M USD); the mission is built once contributions reach it.',
  'missionTypes[].buildMonths': 'Months from full funding until it can launch; launches happen at a round’s resolution.',
  'missionTypes[].flightMonths': 'Months from launch to arrival; it must arrive before the encounter.',
  'missionTypes[].reliability': 'Probability that the launch and the cruise succeed (0–1).',
  'missionTypes[].impactorCount': 'Kinetic impactor: number of spacecraft.',
  'missionTypes[].impactorMassKg': 'Kinetic impactor: mass of each spacecraft at impact (kg).',
  'missionTypes[].relativeSpeedKmS': 'Kinetic impactor: speed relative to the body at impact (km/s).',
  'missionTypes[].uncertaintyReduction': 'Reconnaissance: how much the arrival shrinks the uncertainty of the encounter point (0–1).',
  'missionTypes[].yieldKt': 'Nuclear stand-off: nominal yield of each device (kt).',
  'missionTypes[].deviceCount': 'Nuclear stand-off: number of devices (default 1).',
  'missionTypes[].yieldKtRange': 'Nuclear stand-off: the yields (kt) the proposer may choose from; only yieldKt unless given.',
  'missionTypes[].standoffM': 'Nuclear stand-off: the burst heights above the surface (m) the proposer may choose from; the optimum, (√2 − 1)·radius, unless given.',
  'missionTypes[].yieldKtRange.min': 'Smallest yield the proposer may choose (kt).',
  'missionTypes[].yieldKtRange.max': 'Largest yield the proposer may choose (kt).',
  'missionTypes[].standoffM.min': 'Lowest burst height the proposer may choose (m above the surface).',
  'missionTypes[].standoffM.max': 'Highest burst height the proposer may choose (m above the surface).',
  'missionTypes[].spacecraftMassKg': 'Gravity tractor: spacecraft mass (kg).',
  'missionTypes[].hoverDistanceM': 'Gravity tractor: hover distance from the body’s centre (m).',
  'missionTypes[].towMonths': 'Gravity tractor: months of towing.',
  injects: 'The master scenario events list: scripted injects fired when a round starts, when a condition first holds, or by hand.',
  'injects[].id': 'Identifier of the inject.',
  'injects[].round': 'Fire when this round starts (with a condition: not before it, and only if the condition holds).',
  'injects[].condition':
    'Fire when this first holds at the start of a round: probabilityAbove, probabilityBelow, noMissionFundedByRound, missionFailed, assistanceRefused, roundAtLeast, or all/any of a list.',
  'injects[].targets': '`all`, or the ids of the actors who receive it.',
  'injects[].persona': 'Who sends it, e.g. "Financial press" or "Analyst, national intelligence service".',
  'injects[].channel': 'news, official or intelligence.',
  'injects[].headline': 'One-line headline.',
  'injects[].body': 'The text the targets read.',
  'injects[].controllerNote': 'For the control cell only: what to watch for.',
  'injects[].expectedAction': 'What the control cell expects the table to do in answer (the MSEL’s "expected action"); control cell only.',
  evacuation: 'What evacuating or sheltering the territory at risk costs and spares.',
  'evacuation.costMUsd': 'What ordering the evacuation of its territory at risk costs a state (M USD), paid when ordered, wasted on a false alarm.',
  'evacuation.effectiveness': 'Fraction of casualties avoided where the evacuation was ordered.',
  'evacuation.shelterCostMUsd': 'Sheltering in place instead: its cost (M USD; default a fifth of the evacuation’s).',
  'evacuation.shelterEffectiveness': 'Sheltering in place: fraction of casualties avoided (default half the evacuation’s).',
  consequences: 'How the impact’s effects become harm: documented game parameters, not measurements.',
  'consequences.fatalityRateSevere': 'Fatality rate inside the wood-frame-collapse radius (26.8 kPa).',
  'consequences.fatalityRateExposed': 'Fatality rate inside the window-shatter radius (6.9 kPa).',
  'consequences.lossUsdPerExposedPerson': 'Economic loss per exposed inhabitant (USD).',
  legal: 'The legal regime in force.',
  'legal.regime': 'Which liability regime the findings apply.',
  un: 'How the states vote on resolutions the UN body puts to them: abstentions do not count.',
  'un.votingRule': 'simple-majority, two-thirds or consensus.',
  'un.automaticIawnNotification': 'IAWN notifies on its own as soon as its threshold is crossed, instead of waiting for the UN body’s seat.',
  scoring: 'Weights of the final score: safety of the actor’s people, budget kept, trust earned.',
  'scoring.safety': 'Weight of the safety of the actor’s people in the final score.',
  'scoring.budget': 'Weight of the budget kept in the final score.',
  'scoring.trust': 'Weight of the trust earned in the final score.',
  'scoring.casualtiesAtHalfSafety': 'The deaths that halve an actor’s safety score (engine default: 1 000).',
  'scoring.ownPeopleShare': 'How much of a state’s safety is its own people, the rest everyone’s (engine default: 0.5).',
  riskCorridor: 'The ground trace of every encounter point inside the capture radius.',
  'riskCorridor.description': 'The corridor in words, for the briefing.',
  'riskCorridor.points': 'The corridor’s polyline from its start to its end (great-circle arcs); its length must match the capture disc’s trace (2·RE to π·RE).',
  'riskCorridor.points[].lat': 'Latitude (degrees, −90 to 90).',
  'riskCorridor.points[].lon': 'Longitude (degrees, −180 to 180).',
  'riskCorridor.points[].label': 'A place name shown on the map.',
  'riskCorridor.waterDepths':
    'Depth of the sea floor (m) along the corridor’s ocean stretches, by distance from its first point (km); an ocean impact elsewhere assumes 4 000 m.',
  'riskCorridor.waterDepths[].fromKm': 'Start of the ocean stretch (km along the corridor from its first point).',
  'riskCorridor.waterDepths[].toKm': 'End of the ocean stretch (km along the corridor).',
  'riskCorridor.waterDepths[].depthM': 'Depth of the sea floor along the stretch (m, at most 11 000).',
  calendar: 'The rounds of the exercise.',
  'calendar.rounds': 'One entry per round, in date order; the last must come before the potential impact date.',
  'calendar.rounds[].date': 'The round’s scenario date (YYYY-MM-DD); income arrives and launches happen at round dates.',
  'calendar.rounds[].title': 'The round’s title.',
  'calendar.rounds[].news': 'Public news published at the start of the round’s briefing.',
  'calendar.rounds[].news[].headline': 'Headline of a news item.',
  'calendar.rounds[].news[].body': 'Text of a news item.',
  actors: 'The seats at the table: states, companies and the UN body.',
  'actors[].id': 'Identifier of the actor, used by injects and orders.',
  'actors[].name': 'Name shown to the table.',
  'actors[].kind': 'space-faring-state, non-space-faring-state, private-company or un-body.',
  'actors[].stateOfNationality': 'ISO 3166-1 alpha-3 code of the state the actor is or, for a company, of its state of nationality.',
  'actors[].budgetPerRoundMUsd': 'Income at the start of each round (M USD); unspent money carries over.',
  'actors[].capabilities': 'What the actor can bring to a campaign besides money.',
  'actors[].capabilities.launch': 'Can launch deep-space missions from its own territory (or, for a company, its own vehicles).',
  'actors[].capabilities.observatories': 'Has observatories: can share or withhold tracking data and offer science in kind.',
  'actors[].capabilities.deepSpaceNetwork': 'Has a deep-space tracking network: can offer a ground station in kind.',
  'actors[].capabilities.industry': 'Can build spacecraft.',
  'actors[].briefing': 'What every participant may know about the actor.',
  'actors[].secretBriefing': 'What only the actor’s seat reads.',
  'actors[].objectives': 'The actor’s objectives, shown to its seat.',
  'actors[].economicWeight': 'A state’s economic weight (any unit shared by the scenario’s states): its share of the security community’s burden; default its budget per round.',
  'actors[].communityMember': 'Whether a state belongs to the planetary-defence security community; default: every state at the table does.',
  'actors[].partyToProtocol': 'Whether a state is party to the planetary-defence liability protocol; default: every state at the table is.',
};

/** The fields written as calendar dates: the schema gives them the YYYY-MM-DD pattern (the check refuses 2031-02-30 too). */
export const DATE_FIELDS = ['asteroid.potentialImpactDate', 'observation.blackouts[].from', 'observation.blackouts[].to', 'calendar.rounds[].date'] as const;

/** A JSON Schema node, as far as this file reads it. */
type JsonSchemaNode = { [key: string]: unknown; properties?: Record<string, JsonSchemaNode>; items?: JsonSchemaNode; $ref?: string; description?: string };

/** The node a `FIELD_DESCRIPTIONS` path names in the generated schema (following `$ref` into `$defs`), or null. */
export function schemaNodeAt(root: JsonSchemaNode, path: string): JsonSchemaNode | null {
  const resolve = (n: JsonSchemaNode): JsonSchemaNode => {
    const ref = n.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return n;
    return resolve(((root.$defs ?? {}) as Record<string, JsonSchemaNode>)[ref.slice('#/$defs/'.length)] ?? n);
  };
  let node: JsonSchemaNode | undefined = root;
  for (const part of path.split('.')) {
    const name = part.replace(/\[\]$/, '');
    node = node ? resolve(node).properties?.[name] : undefined;
    if (node && part.endsWith('[]')) node = resolve(node).items;
    if (!node) return null;
  }
  return node;
}

/** The scenario file's JSON Schema (draft 2020-12) with its `$id`, title, description and the field descriptions. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchemaNode;
  for (const [path, description] of Object.entries(FIELD_DESCRIPTIONS)) {
    const node = schemaNodeAt(generated, path);
    if (node && node.description === undefined) node.description = description;
  }
  for (const path of DATE_FIELDS) {
    const node = schemaNodeAt(generated, path);
    if (node && node.pattern === undefined) node.pattern = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'Deflect scenario (format 2)',
    description:
      'A planetary-defence exercise for Deflect: the asteroid and its hidden truth, the observation model, the risk corridor, the calendar of rounds, the actors, the mission catalogue, injects, evacuation and the legal regime. `deflect scenario check FILE` checks what this schema cannot: the physics, the calendar and what the table can play.',
    ...rest,
  };
}

/** The schema as committed: pretty printed, with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
