// What one seat knew that another did not, from two seats' views of the same moment.
import type { PlayerView } from '../engine/view.js';

export const knowledgeCategories = ['tracking', 'truth', 'message', 'news', 'inject', 'orders', 'budget', 'agreement', 'mission', 'briefing'] as const;
export type KnowledgeCategory = (typeof knowledgeCategories)[number];

export interface KnowledgeItem {
  category: KnowledgeCategory;
  /** One plain sentence: "Private message from Kenya to the United States, round 2: …". */
  text: string;
}

/** What the seat that saw `a` knew that the seat that saw `b` did not (at the same moment). */
export function knowledgeDifference(a: PlayerView, b: PlayerView): KnowledgeItem[] {
  void a;
  void b;
  throw new Error('not yet');
}
