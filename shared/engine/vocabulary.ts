// The engine's enumerations, each declared once: commands, events, state and views take
// their types and their schemas from here (the scenario's own — actor kinds, mission kinds,
// inject channels — live in the scenario schema and are imported from there).
import { z } from 'zod';

export { actorKind, missionKinds, type ActorKind, type MissionKind } from '../scenario/schema.js';

/** Why a participant left: on purpose, or its connection dropped. */
export const leaveReason = z.enum(['left', 'connection-lost']);
/** A full evacuation, or sheltering in place (cheaper, spares fewer). */
export const evacuationLevel = z.enum(['evacuate', 'shelter']);
export type EvacuationLevel = z.infer<typeof evacuationLevel>;
/** The agreements whose terms the engine understands. */
export const agreementKind = z.enum(['cost-sharing', 'consultation', 'apportionment', 'assistance']);
export type AgreementKind = z.infer<typeof agreementKind>;
/** What a resolution the UN body puts to the states does. */
export const resolutionKind = z.enum(['endorse-mission', 'mandate-mission', 'authorise-nuclear', 'create-common-fund']);
export type ResolutionKind = z.infer<typeof resolutionKind>;
export const vote = z.enum(['yes', 'no', 'abstain']);
export type Vote = z.infer<typeof vote>;
/** What an actor may give a mission besides money. */
export const inKindContribution = z.enum(['ground-station', 'science']);
export type InKindContribution = z.infer<typeof inKindContribution>;
/** How an inject came to fire: its round, its condition, the facilitator's hand, or written ad hoc. */
export const injectTrigger = z.enum(['round', 'condition', 'manual', 'ad-hoc']);
export type InjectTrigger = z.infer<typeof injectTrigger>;
/**
 * An evaluator's HSEEP rating of how a capability was performed: P, performed without
 * challenges; S, performed with some challenges; M, performed with major challenges; U,
 * unable to be performed (Homeland Security Exercise and Evaluation Program, 2020, the
 * Exercise Evaluation Guide's ratings).
 */
export const hseepRating = z.enum(['P', 'S', 'M', 'U']);
export type HseepRating = z.infer<typeof hseepRating>;
/** How a cost-sharing agreement due at a resolution ended. */
export const settlement = z.enum(['fulfilled', 'breached']);
/** The phases of an exercise: the lobby, each round's four, and the end. */
export const phase = z.enum(['lobby', 'briefing', 'deliberation', 'orders', 'resolution', 'ended']);
export type Phase = z.infer<typeof phase>;
/** Where a mission stands, from proposal to its arrival (or loss). */
export const missionStatus = z.enum(['proposed', 'building', 'ready', 'launch-ordered', 'in-flight', 'arrived', 'failed', 'too-late']);
export type MissionStatus = z.infer<typeof missionStatus>;
/** What happened to a mission at a resolution. */
export const missionChange = z.enum(['funded', 'ready', 'launched', 'launch-failed', 'arrived', 'arrives-too-late']);
