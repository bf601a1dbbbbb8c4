import { describe, expect, it } from 'vitest';
import type { ActorScore } from '../../../shared/engine/state.js';
import type { PublicActor } from '../../../shared/engine/view.js';
import { scoreRows } from '../../../client/app/scoreRows.js';

// The scores table lists the best first and says, for each, how the engine computed it.

const actor = (id: string): PublicActor => ({ id, name: id.toUpperCase(), kind: 'space-faring-state', stateOfNationality: null, briefing: '', ready: false });
const score = (total: number, explanation?: string): ActorScore => ({
  safety: total,
  budget: total,
  trust: total,
  total,
  ...(explanation
    ? {
        breakdown: {
          ownCasualties: 0,
          totalCasualties: 0,
          casualtiesAtHalfSafety: 1000,
          ownPeopleShare: 0.5,
          balanceMUsd: 0,
          incomeMUsd: 0,
          trustFromOthers: 50,
          agreementsBroken: 0,
          weights: { safety: 1, budget: 1, trust: 1 },
          explanation,
        },
      }
    : {}),
});

describe('the rows of the scores table', () => {
  it('puts the highest total first and carries each score’s explanation', () => {
    const rows = scoreRows({ usa: score(0.4, 'Safety 40: 8,791 in all.'), kenya: score(0.7, 'Safety 70: none of its own.') }, [actor('usa'), actor('kenya'), actor('un')]);
    expect(rows.map((r) => [r.actor.id, r.explanation])).toEqual([
      ['kenya', 'Safety 70: none of its own.'],
      ['usa', 'Safety 40: 8,791 in all.'],
    ]);
  });

  it('has no explanation for a score from a log before the engine gave one', () => {
    expect(scoreRows({ usa: score(0.5) }, [actor('usa')])[0]!.explanation).toBeNull();
  });
});
