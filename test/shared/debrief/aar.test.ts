import { beforeAll, describe, expect, it } from 'vitest';
import { aarHtml, aarMarkdown, csvField, decisionsCsv, draftAar, observationsCsv, rawLogJson, timelineCsv, type AfterActionReport } from '../../../shared/debrief/aar.js';
import type { LoggedEvent } from '../../../shared/debrief/api.js';
import type { DebriefLog } from '../../../shared/debrief/log.js';
import { keyMoments } from '../../../shared/debrief/moments.js';
import { buildTimeline, type TimelineEntry } from '../../../shared/debrief/timeline.js';
import { EVALUATOR_NAME, playDebriefTable } from './logs.js';

/** The busy table's log (its observations rated M and P by the evaluator) under a scenario that states objectives. */
function withObjectives(log: DebriefLog): DebriefLog {
  // 2031 KX states no objectives; a scenario that does gives each actor its own.
  const actors = log.scenario.actors.map((a) => (a.id === 'kenya' ? { ...a, objectives: ['Keep its people out of harm’s way', 'Get help | from partners'] } : a));
  return { ...log, scenario: { ...log.scenario, actors } };
}

/** RFC 4180 records: fields split on commas outside quotes, records on CRLF outside quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

/** Whether every element opened is closed in order (void elements aside): a well-formed document. */
function tagsBalance(html: string): boolean {
  const voids = new Set(['meta', 'br', 'link', 'img', 'hr', 'input']);
  const open: string[] = [];
  for (const [, close, tag] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const name = tag!.toLowerCase();
    if (voids.has(name)) continue;
    if (close === '') open.push(name);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

let log: DebriefLog;
let timeline: TimelineEntry[];
let report: AfterActionReport;

beforeAll(() => {
  log = withObjectives(playDebriefTable().debriefLog());
  timeline = buildTimeline(log);
  report = draftAar(log, timeline, keyMoments(log));
});

describe('draftAar', () => {
  it('fills the overview from the log: dates, participants by seat, the outcome', () => {
    expect(report.title).toBe('After-action report: 2031 KX: seven years of warning');
    expect(report.overview.startedAt).toBe(log.events[0]!.at);
    expect(report.overview.endedAt).toBe(log.events.at(-1)!.at);
    expect(report.overview.scenarioDates).toBe('2031-03-10 to 2035-01-15');
    expect(report.overview.participants).toContainEqual({ actor: 'Kenya', people: ['Player for kenya'] });
    expect(report.overview.participants).toContainEqual({ actor: 'Control cell', people: ['Fran (control)'] });
    expect(report.overview.participants).toContainEqual({ actor: 'Evaluators', people: [EVALUATOR_NAME] });
    expect(report.overview.outcome).toMatch(/pushed 2031 KX off the Earth/);
  });

  it('takes the objectives from the scenario, actor by actor', () => {
    const expected = log.scenario.actors.flatMap((a) => a.objectives.map((objective) => ({ actor: a.name, objective })));
    expect(expected.length).toBeGreaterThan(0);
    expect(report.objectives).toEqual(expected);
    expect(report.objectives).toContainEqual({ actor: 'Kenya', objective: 'Get help | from partners' });
    expect(aarMarkdown(report)).toContain('| Kenya | Get help \\| from partners |');
  });

  it('groups the observations by capability with their ratings, the worst as the draft rating', () => {
    const warning = report.capabilities.find((c) => c.capability === 'Public information and warning')!;
    expect(warning.observations[0]).toMatchObject({ actor: 'Kenya', by: EVALUATOR_NAME, round: 1, rating: 'M' });
    expect(warning.rating).toBe('M');
    const coordination = report.capabilities.find((c) => c.capability === 'Operational coordination')!;
    expect(coordination.observations.map((o) => o.rating)).toEqual(['P', null, null, null, null]);
    expect(coordination.rating).toBe('P');
    const observed = log.events.filter((e) => e.type === 'ObservationRecorded').length;
    expect(report.capabilities.reduce((n, c) => n + c.observations.length, 0)).toBe(observed);
  });

  it('seeds strengths from P ratings and areas for improvement, with a plan item each, from M and U', () => {
    expect(report.strengths).toEqual(['Operational coordination (United States): Round 1: observation 0.']);
    expect(report.areasForImprovement).toHaveLength(1);
    expect(report.areasForImprovement[0]).toMatch(/^Public information and warning \(Kenya\): Kenya kept its tracking data/);
    expect(report.improvementPlan).toEqual([{ issue: report.areasForImprovement[0], action: '', owner: 'Kenya', due: '' }]);
  });
});

describe('aarHtml', () => {
  it('is a standalone, well-formed HTML5 document with a language, a title and headings', () => {
    const html = aarHtml(report);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>After-action report: 2031 KX: seven years of warning</title>');
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const h of ['Exercise overview', 'Objectives', 'Capabilities and observations', 'Timeline of key moments', 'Strengths', 'Areas for improvement', 'Improvement plan']) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z]+">${h}</h2>`));
    }
    expect(tagsBalance(html)).toBe(true);
    expect(html).not.toMatch(/<link|<script|src=/);
  });

  it('gives every table a caption and every header cell a scope', () => {
    const html = aarHtml(report);
    expect(html.match(/<table>/g)!.length).toBe(html.match(/<caption>/g)!.length);
    expect(html.match(/<th[\s>]/g)!.length).toBeGreaterThan(10);
    expect(html.match(/<th(?=[\s>])(?![^>]*scope="(col|row)")/g)).toBeNull();
  });

  it('escapes what people wrote, so a script in an observation is text', () => {
    const html = aarHtml(report);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;, &quot;quoted&quot;');
    const edited = aarHtml({ ...report, title: 'A & B <i>', overview: { ...report.overview, notes: "It's <b>fine</b>" } });
    expect(edited).toContain('<title>A &amp; B &lt;i&gt;</title>');
    expect(edited).toContain('It&#39;s &lt;b&gt;fine&lt;/b&gt;');
  });

  it('prints on A4 with headers repeated on every page and rows and capabilities kept whole', () => {
    const html = aarHtml(report);
    expect(html).toMatch(/@page \{ size: A4; margin: [^}]+\}/);
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/thead \{ display: table-header-group; \}/);
    expect(print).toMatch(/tr, li, \.capability, dl \{ break-inside: avoid;/);
    expect(print).toMatch(/h2, h3 \{ break-after: avoid;/);
  });

  it('says so where a section is empty instead of printing an empty table', () => {
    const html = aarHtml({ ...report, improvementPlan: [], strengths: [] });
    expect(html).toContain('<p class="empty">No improvement items yet.</p>');
    expect(html).toContain('<p class="empty">None recorded yet.</p>');
  });
});

describe('aarMarkdown', () => {
  it('escapes pipes and line breaks in table cells, so every row has the header’s columns', () => {
    const piped = {
      ...report,
      improvementPlan: [{ issue: 'Talk | listen\nthen act', action: 'Drill a|b', owner: 'Kenya', due: '2031-12-01' }],
    };
    const md = aarMarkdown(piped);
    expect(md).toContain('| Talk \\| listen<br>then act | Drill a\\|b | Kenya | 2031-12-01 |');
    for (const block of md.split('\n\n')) {
      const rows = block.split('\n').filter((l) => l.startsWith('|'));
      if (rows.length === 0) continue;
      const columns = (row: string) => row.replace(/\\\|/g, '').split('|').length;
      for (const r of rows) expect(columns(r)).toBe(columns(rows[0]!));
    }
  });

  it('has the report’s sections as headings and escapes HTML in text', () => {
    const md = aarMarkdown(report);
    expect(md.startsWith('# After-action report: 2031 KX: seven years of warning\n')).toBe(true);
    for (const h of ['## Exercise overview', '## Objectives', '## Capabilities and observations', '## Timeline of key moments', '## Strengths', '## Areas for improvement', '## Improvement plan']) {
      expect(md).toContain(`\n${h}\n`);
    }
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
  });
});

describe('CSV exports', () => {
  it('quotes fields by RFC 4180 and reads back exactly, commas, quotes and line breaks included', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField(-5)).toBe('-5');
  });

  it('writes the timeline with names, one record per event, and the decisions alone', () => {
    const names = Object.fromEntries(log.scenario.actors.map((a) => [a.id, a.name]));
    const records = parseCsv(timelineCsv(timeline, names));
    expect(records[0]).toEqual(['seq', 'wall time', 'scenario date', 'round', 'phase', 'kind', 'who', 'summary', 'audience']);
    expect(records).toHaveLength(timeline.length + 1);
    const observation = records.find((r) => r[5] === 'observation' && r[7]!.includes('<script>'))!;
    expect(observation[7]).toBe(timeline.find((e) => e.kind === 'observation')!.summary);
    expect(records.find((r) => r[7]!.startsWith('Kenya wrote privately'))![8]).toBe('United States; Kenya');
    const decisions = parseCsv(decisionsCsv(timeline, names));
    expect(decisions.slice(1).every((r) => ['orders', 'mission', 'agreement', 'un'].includes(r[5]!))).toBe(true);
    expect(decisions.length - 1).toBe(timeline.filter((e) => ['orders', 'mission', 'agreement', 'un'].includes(e.kind)).length);
  });

  it('writes the observations, strengths, areas and plan, each a record that reads back', () => {
    const records = parseCsv(observationsCsv(report));
    expect(records[0]).toEqual(['record', 'capability', 'rating', 'round', 'actor', 'by', 'text', 'action', 'owner', 'due']);
    expect(records.filter((r) => r[0] === 'observation')).toHaveLength(log.events.filter((e) => e.type === 'ObservationRecorded').length);
    const kenya = records.find((r) => r[0] === 'observation' && r[4] === 'Kenya')!;
    expect(kenya[6]).toBe('Kenya kept its tracking data <script>alert(1)</script>, "quoted", a, b.');
    expect(kenya[2]).toBe('M');
    expect(records.filter((r) => r[0] === 'improvement')).toHaveLength(1);
  });

  it('exports the raw log as JSON that parses back to the same events', () => {
    const parsed = JSON.parse(rawLogJson(log)) as { seed: number; events: LoggedEvent[] };
    expect(parsed.seed).toBe(log.seed);
    expect(parsed.events).toEqual(log.events);
  });
});
