// The after-action report (HSEEP's shape): drafted from the log, edited by the instructor,
// exported as printable HTML, Markdown and CSV.
import { csvText as csv } from '../csv.js';
import { replay } from '../engine/evolve.js';
import type { EventOf } from '../engine/events.js';
import { debriefEvents, debriefInitialState, type DebriefLog } from './log.js';
import type { KeyMoment } from './moments.js';
import type { TimelineEntry, TimelineKind } from './timeline.js';
import { actorName } from './words.js';

export const ratings = ['P', 'S', 'M', 'U'] as const;
/** HSEEP's ratings: Performed without challenges, with Some challenges, with Major challenges, Unable to be performed. */
export type Rating = (typeof ratings)[number];

/** What each rating means, as HSEEP words it. */
export const RATING_MEANINGS: Record<Rating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

export interface AarObservation {
  capability: string;
  rating: Rating | null;
  text: string;
  by: string;
  round: number;
  actor: string | null;
}

export interface ImprovementItem {
  issue: string;
  action: string;
  owner: string;
  /** ISO date, or '' when not set. */
  due: string;
}

/** An after-action report; every text field is the instructor's to edit. */
export interface AfterActionReport {
  title: string;
  overview: {
    exerciseName: string;
    scenario: string;
    /** Wall-clock dates the exercise ran (ISO, first and last event). */
    startedAt: string | null;
    endedAt: string | null;
    /** Scenario dates covered. */
    scenarioDates: string;
    participants: { actor: string; people: string[] }[];
    outcome: string;
    notes: string;
  };
  /** Objectives and the capabilities evaluated, from the scenario and the observations. */
  objectives: { actor: string; objective: string }[];
  capabilities: { capability: string; rating: Rating | null; observations: AarObservation[] }[];
  moments: KeyMoment[];
  strengths: string[];
  areasForImprovement: string[];
  improvementPlan: ImprovementItem[];
}

/** The rating recorded with an observation (rules v5), or null when the evaluator gave none. */
function ratingOf(event: EventOf<'ObservationRecorded'>): Rating | null {
  return event.rating ?? null;
}

/** The worse of two ratings (U worst); null counts as no rating. */
function worse(a: Rating | null, b: Rating | null): Rating | null {
  if (a === null) return b;
  if (b === null) return a;
  return ratings.indexOf(a) >= ratings.indexOf(b) ? a : b;
}

/** A first draft of the report from the log: everything the log knows, the judgements left to the instructor. */
export function draftAar(log: DebriefLog, timeline: readonly TimelineEntry[], moments: readonly KeyMoment[]): AfterActionReport {
  const { scenario } = log;
  const events = debriefEvents(log);
  const final = replay(debriefInitialState(log), events);
  const name = (id: string) => actorName(scenario, id);

  // Everyone who ever held a seat, by the seat: actors in the scenario's order, then the control cell and the evaluators.
  const names = new Map<string, string>();
  const seated = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type === 'ParticipantJoined') names.set(e.participantId, e.name);
    if (e.type === 'SeatClaimed') {
      const people = seated.get(e.seat) ?? new Set<string>();
      people.add(names.get(e.participantId) ?? e.participantId);
      seated.set(e.seat, people);
    }
  }
  const participants = [
    ...scenario.actors.map((a) => ({ actor: a.name, people: [...(seated.get(`actor:${a.id}`) ?? [])] })),
    { actor: 'Control cell', people: [...(seated.get('facilitator') ?? [])] },
    { actor: 'Evaluators', people: [...(seated.get('evaluator') ?? [])] },
  ].filter((p) => p.people.length > 0);

  const observations: AarObservation[] = events
    .filter((e): e is EventOf<'ObservationRecorded'> => e.type === 'ObservationRecorded')
    .map((e) => ({ capability: e.capability, rating: ratingOf(e), text: e.text, by: e.byName, round: e.round, actor: e.actorId ? name(e.actorId) : null }));
  const byCapability = new Map<string, AarObservation[]>();
  for (const o of observations) byCapability.set(o.capability, [...(byCapability.get(o.capability) ?? []), o]);
  // A capability's draft rating is the worst its observations gave: the instructor may raise it.
  const capabilities = [...byCapability].map(([capability, list]) => ({ capability, rating: list.reduce<Rating | null>((r, o) => worse(r, o.rating), null), observations: list }));

  const said = (o: AarObservation) => `${o.capability}${o.actor ? ` (${o.actor})` : ''}: ${o.text}`;
  const areas = observations.filter((o) => o.rating === 'M' || o.rating === 'U');
  const first = timeline[0];
  const last = timeline.at(-1);
  return {
    title: `After-action report: ${scenario.title}`,
    overview: {
      exerciseName: `${scenario.title} (${log.exerciseId})`,
      scenario: scenario.summary,
      startedAt: log.events[0]?.at ?? null,
      endedAt: log.events.at(-1)?.at ?? null,
      scenarioDates: first && last ? `${first.scenarioDate} to ${last.scenarioDate}` : scenario.calendar.rounds[0]!.date,
      participants,
      outcome: final.outcome?.summary ?? (final.phase === 'ended' ? `The exercise ended before the encounter: ${final.endReason ?? 'no reason given'}.` : 'The encounter has not been played yet.'),
      notes: '',
    },
    objectives: scenario.actors.flatMap((a) => a.objectives.map((objective) => ({ actor: a.name, objective }))),
    capabilities,
    moments: [...moments],
    strengths: observations.filter((o) => o.rating === 'P').map(said),
    areasForImprovement: areas.map(said),
    improvementPlan: areas.map((o) => ({ issue: said(o), action: '', owner: o.actor ?? '', due: '' })),
  };
}

// ---------------------------------------------------------------- HTML

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const PRINT_CSS = `
  :root { color-scheme: light; }
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.7rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #333; padding-bottom: 0.2rem; }
  h3 { font-size: 1.1rem; margin-top: 1.25rem; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
  th, td { border: 1px solid #999; padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
  thead th { background: #e8e8e8; }
  th[scope="row"] { background: #f4f4f4; width: 14rem; }
  .rating { font-weight: 700; }
  .empty { color: #555; font-style: italic; }
  @page { size: A4; margin: 18mm 15mm 20mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
    thead { display: table-header-group; }
    tfoot { display: table-footer-group; }
    tr, li, .capability, dl { break-inside: avoid; page-break-inside: avoid; }
    section { break-inside: auto; }
    h2, h3 { break-after: avoid; page-break-after: avoid; }
    a { color: inherit; text-decoration: none; }
  }
`;

function table(caption: string, headers: readonly string[], rows: readonly (readonly string[])[], emptyText: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(emptyText)}</p>`;
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function list(items: readonly string[], emptyText: string): string {
  if (items.length === 0) return `<p class="empty">${escapeHtml(emptyText)}</p>`;
  return `<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`;
}

function ratingText(rating: Rating | null): string {
  return rating === null ? 'Not rated' : `${rating} — ${RATING_MEANINGS[rating]}`;
}

/** The report as a standalone HTML document with a print stylesheet (A4, clean page breaks). */
export function aarHtml(report: AfterActionReport): string {
  const o = report.overview;
  const overviewRows: [string, string][] = [
    ['Exercise', o.exerciseName],
    ['Scenario', o.scenario],
    ['Ran', `${o.startedAt ?? '—'} to ${o.endedAt ?? '—'}`],
    ['Scenario dates', o.scenarioDates],
    ['Outcome', o.outcome],
    ...(o.notes.trim() !== '' ? ([['Notes', o.notes]] as [string, string][]) : []),
  ];
  const capabilities =
    report.capabilities.length === 0
      ? '<p class="empty">No observations were recorded.</p>'
      : report.capabilities
          .map(
            (c) => `<div class="capability">
<h3>${escapeHtml(c.capability)}</h3>
<p>Rating: <span class="rating">${escapeHtml(ratingText(c.rating))}</span></p>
${table(`Observations: ${c.capability}`, ['Round', 'Actor', 'Observation', 'Rating', 'By'], c.observations.map((x) => [String(x.round), x.actor ?? '—', x.text, x.rating ?? '—', x.by]), 'No observations.')}
</div>`,
          )
          .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
<p>${escapeHtml(o.exerciseName)}</p>
</header>
<main>
<section aria-labelledby="overview">
<h2 id="overview">Exercise overview</h2>
<table>
<caption>Overview</caption>
<tbody>
${overviewRows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</tbody>
</table>
${table('Participants', ['Seat', 'People'], o.participants.map((p) => [p.actor, p.people.join(', ')]), 'No participants were seated.')}
</section>
<section aria-labelledby="objectives">
<h2 id="objectives">Objectives</h2>
${table('Objectives by actor', ['Actor', 'Objective'], report.objectives.map((x) => [x.actor, x.objective]), 'The scenario states no objectives.')}
</section>
<section aria-labelledby="capabilities">
<h2 id="capabilities">Capabilities and observations</h2>
<p>Ratings: ${ratings.map((r) => `${r} = ${escapeHtml(RATING_MEANINGS[r])}`).join('; ')}.</p>
${capabilities}
</section>
<section aria-labelledby="moments">
<h2 id="moments">Timeline of key moments</h2>
${table('Key moments', ['Round', 'Scenario date', 'Moment', 'What it meant'], report.moments.map((m) => [String(m.round), m.scenarioDate, m.title, m.detail]), 'No key moments.')}
</section>
<section aria-labelledby="strengths">
<h2 id="strengths">Strengths</h2>
${list(report.strengths, 'None recorded yet.')}
</section>
<section aria-labelledby="areas">
<h2 id="areas">Areas for improvement</h2>
${list(report.areasForImprovement, 'None recorded yet.')}
</section>
<section aria-labelledby="plan">
<h2 id="plan">Improvement plan</h2>
${table('Improvement plan', ['Issue', 'Corrective action', 'Owner', 'Due'], report.improvementPlan.map((i) => [i.issue, i.action, i.owner, i.due]), 'No improvement items yet.')}
</section>
</main>
</body>
</html>
`;
}

// ---------------------------------------------------------------- Markdown

/** Text made safe for a Markdown table cell: pipes escaped, line breaks as <br>, HTML brackets escaped. */
function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

/** Text made safe for a Markdown paragraph or list item. */
function mdText(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function mdTable(headers: readonly string[], rows: readonly (readonly string[])[], emptyText: string): string {
  if (rows.length === 0) return `_${emptyText}_\n`;
  return [`| ${headers.map(mdCell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n') + '\n';
}

function mdList(items: readonly string[], emptyText: string): string {
  return items.length === 0 ? `_${emptyText}_\n` : items.map((i) => `- ${mdText(i)}`).join('\n') + '\n';
}

/** The report as Markdown. */
export function aarMarkdown(report: AfterActionReport): string {
  const o = report.overview;
  const parts = [
    `# ${mdText(report.title)}\n`,
    `## Exercise overview\n`,
    mdTable(
      ['Item', 'Detail'],
      [['Exercise', o.exerciseName], ['Scenario', o.scenario], ['Ran', `${o.startedAt ?? '—'} to ${o.endedAt ?? '—'}`], ['Scenario dates', o.scenarioDates], ['Outcome', o.outcome], ...(o.notes.trim() !== '' ? [['Notes', o.notes]] : [])],
      '',
    ),
    `### Participants\n`,
    mdTable(['Seat', 'People'], o.participants.map((p) => [p.actor, p.people.join(', ')]), 'No participants were seated.'),
    `## Objectives\n`,
    mdTable(['Actor', 'Objective'], report.objectives.map((x) => [x.actor, x.objective]), 'The scenario states no objectives.'),
    `## Capabilities and observations\n`,
    `Ratings: ${ratings.map((r) => `${r} = ${RATING_MEANINGS[r]}`).join('; ')}.\n`,
    ...(report.capabilities.length === 0
      ? ['_No observations were recorded._\n']
      : report.capabilities.flatMap((c) => [
          `### ${mdText(c.capability)}\n`,
          `Rating: **${ratingText(c.rating)}**\n`,
          mdTable(['Round', 'Actor', 'Observation', 'Rating', 'By'], c.observations.map((x) => [String(x.round), x.actor ?? '—', x.text, x.rating ?? '—', x.by]), 'No observations.'),
        ])),
    `## Timeline of key moments\n`,
    mdTable(['Round', 'Scenario date', 'Moment', 'What it meant'], report.moments.map((m) => [String(m.round), m.scenarioDate, m.title, m.detail]), 'No key moments.'),
    `## Strengths\n`,
    mdList(report.strengths, 'None recorded yet.'),
    `## Areas for improvement\n`,
    mdList(report.areasForImprovement, 'None recorded yet.'),
    `## Improvement plan\n`,
    mdTable(['Issue', 'Corrective action', 'Owner', 'Due'], report.improvementPlan.map((i) => [i.issue, i.action, i.owner, i.due]), 'No improvement items yet.'),
  ];
  return parts.join('\n');
}

// ---------------------------------------------------------------- CSV

/** One CSV field, guarded against formula injection (kept here for the report's callers; it lives in shared/csv.ts). */
export { csvField } from '../csv.js';

function audienceWords(audience: TimelineEntry['audience'], actorNames: Readonly<Record<string, string>>): string {
  if (audience === 'everyone') return 'everyone';
  if (audience === 'control') return 'control cell';
  return audience.map((id) => actorNames[id] ?? id).join('; ');
}

/** The timeline as CSV (RFC 4180): seq, wall time, scenario date, round, phase, kind, who, summary, audience. */
export function timelineCsv(entries: readonly TimelineEntry[], actorNames: Readonly<Record<string, string>> = {}): string {
  return csv(
    ['seq', 'wall time', 'scenario date', 'round', 'phase', 'kind', 'who', 'summary', 'audience'],
    entries.map((e) => [e.seq, e.at, e.scenarioDate, e.round, e.phase, e.kind, e.who, e.summary, audienceWords(e.audience, actorNames)]),
  );
}

/** The kinds of timeline entry that are the table's decisions. */
export const decisionKinds: readonly TimelineKind[] = ['orders', 'mission', 'agreement', 'un'];

/** The decisions (orders, missions, agreements, UN votes) as CSV, in the timeline's columns. */
export function decisionsCsv(entries: readonly TimelineEntry[], actorNames: Readonly<Record<string, string>> = {}): string {
  return timelineCsv(
    entries.filter((e) => decisionKinds.includes(e.kind)),
    actorNames,
  );
}

/** The observations and improvement plan as CSV. */
export function observationsCsv(report: AfterActionReport): string {
  const header = ['record', 'capability', 'rating', 'round', 'actor', 'by', 'text', 'action', 'owner', 'due'];
  const rows: (string | number | null)[][] = [
    ...report.capabilities.flatMap((c) => c.observations.map((o) => ['observation', c.capability, o.rating, o.round, o.actor, o.by, o.text, null, null, null])),
    ...report.strengths.map((s) => ['strength', null, null, null, null, null, s, null, null, null]),
    ...report.areasForImprovement.map((s) => ['area for improvement', null, null, null, null, null, s, null, null, null]),
    ...report.improvementPlan.map((i) => ['improvement', null, null, null, null, null, i.issue, i.action, i.owner, i.due]),
  ];
  return csv(header, rows);
}

/** The raw log as JSON: what the server stored, for archiving or a later replay. */
export function rawLogJson(log: DebriefLog): string {
  return `${JSON.stringify({ exerciseId: log.exerciseId, scenarioId: log.scenario.id, seed: log.seed, scenario: log.scenario, events: log.events }, null, 2)}\n`;
}
