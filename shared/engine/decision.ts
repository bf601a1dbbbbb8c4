// What `decide` answers and the refusals several rules share, in one place.
import { ruleError, type RuleError } from './errors.js';
import type { DomainEvent } from './events.js';
import type { ExerciseState } from './state.js';

/** The answer to a command: the events it causes, or the rule it breaks. */
export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; error: RuleError };

/** Accepts a command with these events (none: accepted, nothing changes). */
export const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
/** Refuses a command with the rule it breaks. */
export const reject = (error: RuleError): Decision => ({ ok: false, error });

/** An amount in M USD as the rule messages print it (two decimals at most). */
export const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();
/** The display name of an actor of the scenario. */
export const actorName = (state: ExerciseState, id: string): string => state.scenario.actors.find((a) => a.id === id)!.name;
export const notActor = (what: string): RuleError => ruleError('role/not_actor', `Only a participant in an actor's seat can ${what}.`);
/** Moves that only make sense before the asteroid arrives, refused once the encounter has been played. */
export const encounterPlayed = (why: string): RuleError => ruleError('encounter/played', `The encounter has been played: ${why}.`);
