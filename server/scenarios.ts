import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenarioYaml } from '../shared/scenario/parse.js';
import type { Scenario } from '../shared/scenario/schema.js';
import type { ScenarioListResponse } from '../shared/protocol.js';

/** Where a listed scenario's file is: shipped with Deflect, or uploaded to this server. */
export interface ScenarioSource {
  path: string;
  origin: 'bundled' | 'uploaded';
}

/** The scenarios a server offers: the valid ones by id with their files, and each invalid file with its errors. */
export interface ScenarioCatalog {
  byId: Map<string, Scenario>;
  invalid: { file: string; errors: string[] }[];
  /** Each listed scenario's file (same keys as `byId`). */
  sources: Map<string, ScenarioSource>;
}

/**
 * Reads every `*.yaml` / `*.yml` of the bundled folder, then of the uploaded folder if given (a
 * missing uploaded folder is an empty one); a bad file is reported, never fatal for the others,
 * and an uploaded file whose id is already taken is reported, never listed in its place.
 */
export function loadScenarioCatalog(dir: string, uploadedDir?: string): ScenarioCatalog {
  const catalog: ScenarioCatalog = { byId: new Map(), invalid: [], sources: new Map() };
  readFolder(catalog, dir, 'bundled');
  if (uploadedDir !== undefined) readFolder(catalog, uploadedDir, 'uploaded');
  return catalog;
}

/** Reads both folders again into the same catalogue object, so that every route holding it sees the new list at once. */
export function reloadScenarioCatalog(catalog: ScenarioCatalog, dir: string, uploadedDir?: string): void {
  const fresh = loadScenarioCatalog(dir, uploadedDir);
  catalog.byId = fresh.byId;
  catalog.invalid = fresh.invalid;
  catalog.sources = fresh.sources;
}

/** The scenario files of a folder, sorted; null (with the error) when it cannot be listed. */
export function scenarioFiles(dir: string): { files: string[] } | { files: null; error: NodeJS.ErrnoException } {
  try {
    return { files: readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).sort() };
  } catch (e) {
    return { files: null, error: e as NodeJS.ErrnoException };
  }
}

function readFolder(catalog: ScenarioCatalog, dir: string, origin: ScenarioSource['origin']): void {
  const listed = scenarioFiles(dir);
  if (listed.files === null) {
    // Nothing uploaded yet is not a fault; a missing bundled folder is.
    if (origin === 'uploaded' && listed.error.code === 'ENOENT') return;
    catalog.invalid.push({ file: dir, errors: [`${dir}: cannot read the scenarios folder: ${listed.error.message}`] });
    return;
  }
  for (const f of listed.files) {
    const path = join(dir, f);
    const shown = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      catalog.invalid.push({ file: shown, errors: [`${shown}: cannot read the file: ${(e as Error).message}`] });
      continue;
    }
    const result = parseScenarioYaml(text, shown);
    if (!result.ok) {
      catalog.invalid.push({ file: shown, errors: result.errors });
      continue;
    }
    const taken = catalog.sources.get(result.scenario.id);
    if (taken) {
      const by = taken.origin === 'bundled' && origin === 'uploaded' ? 'a bundled scenario' : 'another scenario file';
      catalog.invalid.push({ file: shown, errors: [`${shown}: id: ${by} already uses the id '${result.scenario.id}'`] });
      continue;
    }
    catalog.byId.set(result.scenario.id, result.scenario);
    catalog.sources.set(result.scenario.id, { path, origin });
  }
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
