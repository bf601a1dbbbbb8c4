import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkScenarioText, missionDeadlines, type CheckOptions, type Finding } from '../../../shared/authoring/check.js';
import type { ScenarioInput } from '../../../shared/scenario/schema.js';
import { loadCountryLocator } from '../../../server/geo/countries.js';

// Each class of mistake the check catches, planted in a copy of 2031-KX (whose own warnings,
// the funding deadlines and the single impactor's weak push, are left aside by code).

const FILE = 'scenarios/2031-kx.yaml';
const kxText = readFileSync(new URL(`../../../${FILE}`, import.meta.url), 'utf8');
type Doc = ScenarioInput & Record<string, unknown>;

/** The check's findings on 2031-KX after `mutate` (the file re-written as YAML). */
function check(mutate: (doc: Doc) => void, options: CheckOptions = {}) {
  const doc = parse(kxText) as Doc;
  mutate(doc);
  return checkScenarioText(stringify(doc), FILE, options);
}

const withCode = (findings: readonly Finding[], code: string) => findings.filter((f) => f.code === code);
const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

describe('the bundled 2031-KX', () => {
  it('has no error, and its warnings are the funding deadlines and the pushes too weak to clear the Earth alone', () => {
    const report = checkScenarioText(kxText, FILE);
    expect(report.ok).toBe(true);
    expect(report.scenario?.id).toBe('2031-kx');
    expect(new Set(report.findings.map((f) => f.code))).toEqual(new Set(['missions/funding_closes', 'missions/too_weak']));
  });

  it('gives each mission type its last useful round and launch-by date as the engine schedules launches', () => {
    const report = checkScenarioText(kxText, FILE);
    const deadlines = missionDeadlines(report.scenario!);
    expect(deadlines.find((d) => d.missionTypeId === 'ki-campaign')).toEqual({
      missionTypeId: 'ki-campaign',
      name: 'Kinetic-impactor campaign (8 spacecraft)',
      // funded 2031-03-10, built by 2032-03-10, launched at round 3 (2032-10-01), 12 months of flight
      earliestArrival: '2033-10-01',
      lastUsefulRound: 4,
      // 12 months before the encounter on 2038-09-21, arriving the day before it
      launchBy: '2037-09-20',
      launchRound: 3,
    });
    expect(deadlines.find((d) => d.missionTypeId === 'tractor')?.lastUsefulRound).toBe(3);
  });

  it('counts the launch-by date back across a month end (a month before 1 March is the last day of January: 31 Jan + 1 month = 29 Feb)', () => {
    const report = check((d) => {
      d.asteroid.potentialImpactDate = '2036-03-01';
      d.missionTypes[1]!.flightMonths = 1;
    });
    expect(missionDeadlines(report.scenario!)[1]!.launchBy).toBe('2036-01-31');
  });
});

describe('YAML and schema mistakes', () => {
  it('reports a YAML syntax error with its line', () => {
    const report = checkScenarioText(kxText.replace('  densityKgM3: 2000\n', '  densityKgM3: [2000\n'), FILE);
    expect(report.ok).toBe(false);
    expect(report.scenario).toBeNull();
    expect(report.findings[0]).toMatchObject({ severity: 'error', code: 'yaml/syntax' });
    expect(report.findings[0]!.line).toBeGreaterThanOrEqual(19);
  });

  it('reports each schema issue at its dotted path and the line it is written on', () => {
    const text = kxText.replace('    kind: non-space-faring-state\n    stateOfNationality: KEN', '    kind: spacefaring\n    stateOfNationality: KEN').replace('  entryAngleDeg: 45\n', '');
    const report = checkScenarioText(text, FILE);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.code, f.path, f.line])).toEqual(
      expect.arrayContaining([
        ['schema/invalid', 'actors[2].kind', lineOf(text, 'kind: spacefaring')],
        // a missing field: the line of the object it is missing from
        ['schema/invalid', 'asteroid.entryAngleDeg', lineOf(text, 'asteroid:')],
      ]),
    );
    expect(report.findings).toHaveLength(2);
  });

  it('names an unknown field by its own path', () => {
    const report = check((d) => ((d.asteroid as Record<string, unknown>).captureRadius = 8286));
    expect(report.findings).toEqual([expect.objectContaining({ code: 'schema/invalid', path: 'asteroid.captureRadius', message: "unknown field 'captureRadius'" })]);
  });

  it('tells a malformed inject condition by the form the author meant, or lists the forms', () => {
    const report = check((d) => (d.injects![0]!.condition = { all: [{ roundAtLeast: 'two' }, { roundAfter: 2 }] } as never));
    expect(report.findings.map((f) => [f.path, f.message])).toEqual([
      ['injects[0].condition.all[0].roundAtLeast', 'Invalid input: expected number, received string'],
      ['injects[0].condition.all[1]', expect.stringContaining('matches none of the forms allowed here: one of probabilityAbove, probabilityBelow')],
    ]);
  });

  it('points a version-1 file at the format change', () => {
    const report = check((d) => ((d as Record<string, unknown>).version = 1));
    expect(report.findings).toEqual([expect.objectContaining({ code: 'schema/invalid', path: 'version', message: expect.stringMatching(/format 1 is no longer read/) })]);
  });
});

describe('physics', () => {
  it('errs on a capture radius its entry speed contradicts, at its line', () => {
    const text = kxText.replace('captureRadiusKm: 8286', 'captureRadiusKm: 9560');
    const report = checkScenarioText(text, FILE);
    expect(report.ok).toBe(false);
    expect(withCode(report.findings, 'physics/capture_radius')).toEqual([
      expect.objectContaining({ severity: 'error', path: 'asteroid.captureRadiusKm', line: lineOf(text, 'captureRadiusKm: 9560'), message: expect.stringContaining('gives 8286 km') }),
    ]);
  });

  it('errs on a corridor too short for the capture disc', () => {
    const report = check((d) => {
      d.riskCorridor.points = d.riskCorridor.points.slice(1, 4); // Lagos to Nairobi, about 3 700 km
      delete d.riskCorridor.waterDepths;
    });
    expect(report.ok).toBe(false);
    expect(withCode(report.findings, 'physics/corridor_length')).toEqual([expect.objectContaining({ severity: 'error', path: 'riskCorridor.points' })]);
  });

  it('errs on a true diameter outside the published range', () => {
    const report = check((d) => (d.asteroid.truth.diameterM = 400));
    expect(report.ok).toBe(false);
    expect(withCode(report.findings, 'physics/truth_diameter')).toEqual([expect.objectContaining({ severity: 'error', path: 'asteroid.truth.diameterM' })]);
  });

  it('warns of an implausible density, without making the file fail', () => {
    const report = check((d) => (d.asteroid.truth.densityKgM3 = 20000));
    expect(report.ok).toBe(true);
    expect(withCode(report.findings, 'physics/density')).toEqual([expect.objectContaining({ severity: 'warning', path: 'asteroid.truth.densityKgM3' })]);
  });

  it('warns of a first estimate that already knows the outcome, or that excludes the truth', () => {
    const known = check((d) => (d.asteroid.initialEstimate = { meanKm: 300, sigmaKm: 10 }));
    expect(withCode(known.findings, 'physics/initial_estimate')).toEqual([
      expect.objectContaining({ path: 'asteroid.initialEstimate.sigmaKm', message: expect.stringContaining('impact probability 100%') }),
    ]);
    const excluded = check((d) => (d.asteroid.initialEstimate = { meanKm: 150000, sigmaKm: 20000 }));
    expect(withCode(excluded.findings, 'physics/initial_estimate')).toEqual([expect.objectContaining({ path: 'asteroid.initialEstimate', message: expect.stringContaining('7.5 σ') })]);
  });
});

describe('which way the estimate points the table', () => {
  it('warns when the published estimate stays on the far side of the Earth’s centre from the truth until funding closes', () => {
    // With the truth at +2 150 km, a first mean far out on the other side, 3 σ away, keeps
    // the mean negative while σ shrinks, so the table would push the long way.
    const misleading = check((d) => {
      d.asteroid.initialEstimate = { meanKm: -2150 - 3 * 15000, sigmaKm: 15000 };
      d.asteroid.truth.encounterKm = 2150;
    });
    expect(withCode(misleading.findings, 'physics/estimate_wrong_side')).toEqual([
      expect.objectContaining({ path: 'asteroid.initialEstimate.meanKm', message: expect.stringContaining('pushes the long way') }),
    ]);
    const sameSide = check((d) => {
      d.asteroid.initialEstimate = { meanKm: 2150 + 3 * 15000, sigmaKm: 15000 };
      d.asteroid.truth.encounterKm = 2150;
    });
    expect(withCode(sameSide.findings, 'physics/estimate_wrong_side')).toEqual([]);
  });
});

describe('calendar', () => {
  it('warns of a blackout before the first round or after the encounter', () => {
    const report = check((d) => (d.observation.blackouts = [{ from: '2030-06-01', to: '2030-08-01' }, { from: '2032-03-01', to: '2032-05-31' }, { from: '2039-01-01', to: '2039-02-01' }]));
    expect(report.ok).toBe(true);
    expect(withCode(report.findings, 'calendar/blackout_outside').map((f) => f.path)).toEqual(['observation.blackouts[0]', 'observation.blackouts[2]']);
  });

  it('warns when the blackouts cover every round, so no observation ever refines the estimate', () => {
    const report = check((d) => (d.observation.blackouts = [{ from: '2031-01-01', to: '2038-01-01' }]));
    expect(withCode(report.findings, 'calendar/never_observable')).toEqual([expect.objectContaining({ severity: 'warning', path: 'observation.blackouts' })]);
    expect(withCode(checkScenarioText(kxText, FILE).findings, 'calendar/never_observable')).toEqual([]);
  });
});

describe('missions', () => {
  it('says after which round no kinetic impactor can arrive before the encounter', () => {
    const report = check((d) => {
      d.calendar.rounds[3]!.date = '2037-06-01'; // funded now, built in 2038: too late to fly
      d.calendar.rounds[4]!.date = '2038-01-15';
    });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'missions/funding_closes', message: expect.stringMatching(/^no Reconnaissance flyby, Kinetic impactor, .* funded after round 3 \(2032-10-01\) can arrive before the encounter/) }),
    );
  });

  it('warns, not errs, when no deflection mission can arrive: the table can only observe, warn and evacuate', () => {
    const report = check((d) => {
      for (const m of d.missionTypes) if (m.kind !== 'reconnaissance') m.buildMonths = 120;
    });
    expect(report.ok).toBe(true);
    expect(withCode(report.findings, 'missions/no_deflection')).toEqual([
      expect.objectContaining({ severity: 'warning', message: 'no deflection mission can arrive before the encounter, even if funded in full at round 1: the table can only observe, warn and evacuate' }),
    ]);
    expect(withCode(report.findings, 'missions/too_late')).toEqual([]); // the deflecting types are covered by no_deflection
  });

  it('warns of a mission type that can never arrive', () => {
    const report = check((d) => (d.missionTypes[0]!.flightMonths = 100));
    expect(withCode(report.findings, 'missions/too_late')).toEqual([expect.objectContaining({ path: 'missionTypes[0]', message: expect.stringMatching(/^no Reconnaissance flyby can arrive before the encounter/) })]);
  });

  it('warns of a push that cannot clear the Earth even if every budget funds it, and not when the truth misses anyway', () => {
    const weak = checkScenarioText(kxText, FILE);
    expect(withCode(weak.findings, 'missions/too_weak').map((f) => f.path)).toEqual(['missionTypes[1]', 'missionTypes[4]']); // the single impactor and the tractor
    const miss = check((d) => (d.asteroid.truth.encounterKm = 9000));
    expect(withCode(miss.findings, 'missions/too_weak')).toEqual([]);
  });
});

describe('budgets', () => {
  it('warns when all budgets together cannot pay for the cheapest deflection mission', () => {
    const report = check((d) => {
      for (const a of d.actors) a.budgetPerRoundMUsd = 10;
    });
    expect(withCode(report.findings, 'budgets/cannot_afford')).toEqual([expect.objectContaining({ severity: 'warning', path: 'actors', message: expect.stringContaining('300 M USD over the 5 rounds') })]);
  });

  it('warns when the money comes too late: enough over the game, not by the last useful round', () => {
    const report = check((d) => {
      for (const a of d.actors) a.budgetPerRoundMUsd = 25; // 150 a round: 600 by round 4, 750 in all
      for (const m of d.missionTypes) if (m.kind !== 'reconnaissance') m.costMUsd = 700;
    });
    expect(withCode(report.findings, 'budgets/cannot_afford')).toEqual([expect.objectContaining({ message: expect.stringContaining('no deflection mission can be paid for in time') })]);
  });
});

describe('injects', () => {
  const withInject = (condition: unknown, round?: number) =>
    check((d) => {
      d.injects = [...(d.injects ?? []), { id: 'planted', ...(round ? { round } : {}), condition: condition as never, targets: 'all', persona: 'Press', channel: 'news', headline: 'h', body: 'b' }];
    });
  const never = (report: ReturnType<typeof check>) => withCode(report.findings, 'injects/never_fires');

  it.each([
    ['a probability above 100%', { probabilityAbove: 1 }, 'never above 100%'],
    ['a probability below 0%', { probabilityBelow: 0 }, 'never below 0%'],
    ['contradictory probability bounds', { all: [{ probabilityAbove: 0.6 }, { probabilityBelow: 0.4 }] }, 'above 60% and below 40% at once'],
    ['a round beyond the last', { roundAtLeast: 6 }, 'round 6 never comes: the calendar has 5 rounds'],
    ['no mission funded by a round beyond the last', { any: [{ noMissionFundedByRound: 7 }, { probabilityAbove: 1 }] }, 'round 7 never comes'],
  ])('warns of an inject whose condition can never hold: %s', (_what, condition, reason) => {
    const report = withInject(condition);
    expect(report.ok).toBe(true);
    expect(never(report)).toEqual([expect.objectContaining({ severity: 'warning', path: 'injects[3].condition', line: expect.any(Number), message: expect.stringContaining(reason) })]);
  });

  it('warns of a mission failure in a scenario whose missions cannot fail', () => {
    const report = check((d) => {
      d.actors = d.actors.filter((a) => a.kind !== 'private-company');
      d.injects = [];
      for (const m of d.missionTypes) m.reliability = 1;
      d.injects.push({ id: 'planted', condition: { missionFailed: true }, targets: 'all', persona: 'Press', channel: 'news', headline: 'h', body: 'b' });
    });
    expect(never(report)).toEqual([expect.objectContaining({ message: expect.stringContaining('no mission can fail') })]);
  });

  it('warns when the inject round leaves no round for the condition (a failure is seen the round after a launch)', () => {
    const report = withInject({ all: [{ missionFailed: true }, { roundAtLeast: 2 }] });
    expect(never(report)).toEqual([]); // a launch at round 3 can fail and be seen at round 4
    const late = check((d) => {
      d.calendar.rounds = d.calendar.rounds.slice(0, 3); // a launch at round 3 is seen failed at round 4, which never comes
      d.injects = [{ id: 'planted', round: 2, condition: { missionFailed: true }, targets: 'all', persona: 'Press', channel: 'news', headline: 'h', body: 'b' }];
    });
    expect(never(late)).toEqual([expect.objectContaining({ message: expect.stringContaining('round 4 at the earliest') })]);
  });

  it('lets a condition that can hold pass', () => {
    expect(never(withInject({ any: [{ probabilityAbove: 1 }, { all: [{ probabilityAbove: 0.2 }, { roundAtLeast: 3 }] }] }, 2))).toEqual([]);
  });
});

describe('actors who can do nothing', () => {
  const locator = loadCountryLocator('110m');
  const world: CheckOptions = { countryAt: (lat, lon) => locator.countryAt(lat, lon) };

  it('warns of a company with no budget, no launcher and no industry', () => {
    const report = check((d) => {
      const astra = d.actors.find((a) => a.id === 'astra')!;
      astra.budgetPerRoundMUsd = 0;
      astra.capabilities = {};
    });
    expect(withCode(report.findings, 'actors/idle')).toEqual([expect.objectContaining({ severity: 'warning', path: 'actors[4]', message: expect.stringMatching(/^Astra Dynamics can do nothing/) })]);
  });

  it('warns of a state with no budget and no capability away from the corridor, not of one under it', () => {
    const report = check((d) => {
      for (const a of d.actors.filter((x) => x.id === 'japan' || x.id === 'kenya')) {
        a.kind = 'non-space-faring-state';
        a.budgetPerRoundMUsd = 0;
        a.capabilities = {};
      }
    }, world);
    expect(withCode(report.findings, 'actors/idle').map((f) => f.path)).toEqual(['actors[1]']); // Japan; Kenya has people to evacuate
  });

  it('without a world map counts every state as possibly at risk', () => {
    const report = check((d) => {
      const japan = d.actors.find((a) => a.id === 'japan')!;
      japan.budgetPerRoundMUsd = 0;
      japan.capabilities = {};
    });
    expect(withCode(report.findings, 'actors/idle')).toEqual([]);
  });
});

describe('seas without a stated depth', () => {
  const locator = loadCountryLocator('110m');
  const world: CheckOptions = { countryAt: (lat, lon) => locator.countryAt(lat, lon) };
  // From the mid-Atlantic to Lagos (3 929 km): sea for its first 2 127 km on the 1:110m map, then West Africa.
  const overTheAtlantic = (d: Doc) => {
    d.riskCorridor.points = [
      { lat: 8.0, lon: -32.0, label: 'Central Atlantic' },
      { lat: 6.5, lon: 3.6, label: 'Lagos' },
    ];
    delete d.riskCorridor.waterDepths;
  };

  it('warns that an impact on an ocean stretch without a stated depth would assume the abyssal plain, and says where', () => {
    const report = check(overTheAtlantic, world);
    expect(withCode(report.findings, 'physics/sea_depth_missing')).toEqual([
      {
        severity: 'warning',
        code: 'physics/sea_depth_missing',
        path: 'riskCorridor',
        line: lineOf(stringify(parse(kxText)), 'riskCorridor:'),
        message: 'an impact at km 0–2125 (sea) would assume an abyssal plain of 4,000 m: state the depth in riskCorridor.waterDepths',
      },
    ]);
  });

  it('names only the part of the sea that no stated stretch covers', () => {
    const report = check((d) => {
      overTheAtlantic(d);
      d.riskCorridor.waterDepths = [{ fromKm: 0, toKm: 2000, depthM: 4800 }];
    }, world);
    expect(withCode(report.findings, 'physics/sea_depth_missing').map((f) => [f.path, f.message.split(' (sea)')[0]])).toEqual([
      ['riskCorridor.waterDepths', 'an impact at km 2025–2125'],
    ]);
  });

  it('is silent when every ocean stretch has a depth, and without a world map', () => {
    const covered = (d: Doc) => {
      overTheAtlantic(d);
      d.riskCorridor.waterDepths = [{ fromKm: 0, toKm: 2130, depthM: 4800 }];
    };
    expect(withCode(check(covered, world).findings, 'physics/sea_depth_missing')).toEqual([]);
    expect(withCode(check(overTheAtlantic).findings, 'physics/sea_depth_missing')).toEqual([]);
  });
});

describe('hazard thresholds', () => {
  it('warns when the body is too small for SMPAG, or for IAWN, ever to act', () => {
    const small = check((d) => {
      d.asteroid.diameterM = { min: 20, max: 45 };
      d.asteroid.truth.diameterM = 30;
    });
    expect(withCode(small.findings, 'hazard/smpag_never')).toEqual([expect.objectContaining({ path: 'asteroid.diameterM.max', message: expect.stringContaining('over 50 m') })]);
    expect(withCode(small.findings, 'hazard/iawn_never')).toEqual([]);
    const tiny = check((d) => {
      d.asteroid.diameterM = { min: 5, max: 9 };
      d.asteroid.truth.diameterM = 8;
    });
    expect(withCode(tiny.findings, 'hazard/iawn_never')).toEqual([expect.objectContaining({ path: 'asteroid.diameterM.max' })]);
  });

  it('warns when the encounter stays beyond SMPAG’s 50 years at every round', () => {
    const far = check((d) => {
      d.asteroid.potentialImpactDate = '2095-09-21';
    });
    expect(withCode(far.findings, 'hazard/smpag_never')).toEqual([expect.objectContaining({ path: 'asteroid.potentialImpactDate' })]);
  });

  it('warns when no UN body sits at the table', () => {
    const report = check((d) => {
      d.actors = d.actors.filter((a) => a.kind !== 'un-body');
      d.injects = []; // one is addressed to COPUOS
    });
    expect(report.ok).toBe(true);
    expect(withCode(report.findings, 'hazard/no_un_body')).toEqual([expect.objectContaining({ message: expect.stringContaining('nobody can issue IAWN’s notification') })]);
  });
});
