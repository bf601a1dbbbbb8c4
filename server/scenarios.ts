import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenarioYaml } from '../shared/scenario/parse.js';
import type { Scenario } from '../shared/scenario/schema.js';
import type { ScenarioListResponse } from '../shared/protocol.js';

/** The bundled scenarios: the valid ones by id, and each invalid file with its errors. */
export interface ScenarioCatalog {
  byId: Map<string, Scenario>;
  invalid: { file: string; errors: string[] }[];
}

/** Reads every `*.yaml` / `*.yml` in a folder; a bad file is reported, never fatal for the others. */
export function loadScenarioCatalog(dir: string): ScenarioCatalog {
  const byId = new Map<string, Scenario>();
  const invalid: ScenarioCatalog['invalid'] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort();
  } catch (e) {
    invalid.push({ file: dir, errors: [`${dir}: cannot read the scenarios folder: ${(e as Error).message}`] });
    return { byId, invalid };
  }
  for (const f of files) {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    const result = parseScenarioYaml(readFileSync(path, 'utf8'), shown);
    if (!result.ok) {
      invalid.push({ file: shown, errors: result.errors });
      continue;
    }
    if (byId.has(result.scenario.id)) {
      invalid.push({ file: shown, errors: [`${shown}: id: another scenario file already uses the id '${result.scenario.id}'`] });
      continue;
    }
    byId.set(result.scenario.id, result.scenario);
  }
  return { byId, invalid };
}

/** The catalogue as the HTTP API lists it. */
export function listScenarios(catalog: ScenarioCatalog): ScenarioListResponse {
  return {
    scenarios: [...catalog.byId.values()].map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      actorCount: s.actors.length,
      roundCount: s.calendar.rounds.length,
    })),
    invalid: catalog.invalid,
  };
}
