// CONTRACT (issue 15) — the scenario check an author runs before a table sits down: the
// schema, then the physics and the calendar. Shared by the CLI (`deflect scenario check`),
// the HTTP upload and the browser's scenario preview. Owned by the "check" helper.
import type { Scenario } from '../scenario/schema.js';

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
  /** Arrival if funded in full at the first round. */
  earliestArrival: string;
  /** Last round (1-based) whose funding can still arrive before the encounter; null if none. */
  lastUsefulRound: number | null;
  /** Latest launch date whose flight still arrives before the encounter. */
  launchBy: string;
}

/** The physics, calendar and playability checks of an already schema-valid scenario. */
export function checkScenario(_scenario: Scenario): Finding[] {
  throw new Error('not implemented');
}

/** Reads YAML text, validates it against the schema, then runs `checkScenario`; findings carry line numbers. */
export function checkScenarioText(_text: string, _file: string): CheckReport {
  throw new Error('not implemented');
}

/** Each mission type's deadlines against the encounter date (the preview's calendar and the `missions/too_late` warnings). */
export function missionDeadlines(_scenario: Scenario): MissionDeadline[] {
  throw new Error('not implemented');
}
