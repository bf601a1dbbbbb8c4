import { describe, expect, it } from 'vitest';
import type { AfterActionReport } from '../../../shared/debrief/aar.js';
import { discardDraft, draftItem, fileSlug, loadDraft, removed, replaced, saveDraft } from '../../../client/debrief/report.js';
import { readSeed } from '../../../client/debrief/BranchTab.js';

const report: AfterActionReport = {
  title: 'AAR: 2031 KX, table 1',
  overview: { exerciseName: 'Table 1', scenario: '2031 KX', startedAt: null, endedAt: null, scenarioDates: '2031–2033', participants: [], outcome: '', notes: '' },
  objectives: [],
  capabilities: [],
  moments: [],
  strengths: ['Quick consensus'],
  areasForImprovement: [],
  improvementPlan: [{ issue: 'Late warning', action: 'Drill IAWN', owner: 'Kenya', due: '2027-03-01' }],
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('the instructor’s report draft', () => {
  it('is kept per exercise and read back as it was', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'ex-1', report);
    expect(loadDraft(storage, 'ex-1')).toEqual(report);
    expect(loadDraft(storage, 'ex-2')).toBeNull();
    discardDraft(storage, 'ex-1');
    expect(loadDraft(storage, 'ex-1')).toBeNull();
  });

  it('is ignored when what is stored is not a report', () => {
    const storage = memoryStorage();
    storage.items.set(draftItem('ex-1'), JSON.stringify({ title: 'x', overview: {}, strengths: 'not a list' }));
    expect(loadDraft(storage, 'ex-1')).toBeNull();
    storage.items.set(draftItem('ex-1'), '{oops');
    expect(loadDraft(storage, 'ex-1')).toBeNull();
  });

  it('edits lists without touching the original', () => {
    const list = ['a', 'b', 'c'];
    expect(replaced(list, 1, 'B')).toEqual(['a', 'B', 'c']);
    expect(removed(list, 0)).toEqual(['b', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('file names', () => {
  it('turn a title into lower-case ASCII words joined by dashes', () => {
    expect(fileSlug('AAR: 2031 KX, table 1')).toBe('aar-2031-kx-table-1');
    expect(fileSlug('Débrief — São Tomé')).toBe('debrief-sao-tome');
    expect(fileSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(fileSlug('***')).toBe('exercise');
    expect(fileSlug('x'.repeat(100))).toHaveLength(60);
  });
});

describe('a branch’s seed as typed', () => {
  it('is optional, a whole number up to 2³¹ − 1', () => {
    expect(readSeed('')).toEqual({ ok: true, seed: undefined });
    expect(readSeed(' 42 ')).toEqual({ ok: true, seed: 42 });
    expect(readSeed('2147483647')).toEqual({ ok: true, seed: 2147483647 });
    expect(readSeed('2147483648')).toEqual({ ok: false });
    expect(readSeed('-1')).toEqual({ ok: false });
    expect(readSeed('1.5')).toEqual({ ok: false });
  });
});
