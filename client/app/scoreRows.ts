// The final scores as the outcome banner lists them: best first, each with the sentence the
// engine wrote to say how it was computed (shared/engine/scores.ts).
import type { ActorScore } from '../../shared/engine/state.js';
import type { PublicActor } from '../../shared/engine/view.js';

/** One actor's row of the scores table. */
export interface ScoreRow {
  actor: PublicActor;
  score: ActorScore;
  /** How the score was computed, in words; null for a log from before the engine said so. */
  explanation: string | null;
}

/** The scored actors, highest total first (the scenario's order among equals), with how each score came about. */
export function scoreRows(scores: Record<string, ActorScore>, actors: readonly PublicActor[]): ScoreRow[] {
  return actors
    .flatMap((actor) => {
      const score = scores[actor.id];
      return score ? [{ actor, score, explanation: score.breakdown?.explanation ?? null }] : [];
    })
    .sort((a, b) => b.score.total - a.score.total);
}
