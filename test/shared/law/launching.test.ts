import { describe, expect, it } from 'vitest';
import { launchingStates } from '../../../shared/law/launching.js';
import { storyCase, type Story } from './fixtures.js';

const missionOf = (story: Story) => {
  const facts = storyCase(story);
  return launchingStates(facts.missions[0]!, facts);
};

describe('launchingStates', () => {
  it('names each state that launches, procures or hosts the launch, with its bases and articles (LIAB I(c), OST VII)', () => {
    const entries = missionOf({ mission: { launchedBy: ['a'], procuredBy: ['b'], territoryOrFacilityOf: ['c'], operator: 'a' } });
    expect(entries.map((e) => [e.id, e.launchingState])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
    expect(entries[0]!.bases).toEqual([
      { basis: 'launches', articles: ['LIAB I(c)(i)', 'OST VII'], uncertain: false },
      { basis: 'operates', articles: ['OST VI'], uncertain: false },
    ]);
    expect(entries[1]!.bases).toEqual([{ basis: 'procures', articles: ['LIAB I(c)(i)', 'OST VII'], uncertain: false }]);
    expect(entries[2]!.bases).toEqual([{ basis: 'territory-or-facility', articles: ['LIAB I(c)(ii)', 'LIAB V(3)', 'OST VII'], uncertain: false }]);
  });

  it('counts a state once however many bases it has', () => {
    const entries = missionOf({ mission: { launchedBy: ['a'], procuredBy: ['a'], territoryOrFacilityOf: ['a'] } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.bases.map((b) => b.basis)).toEqual(['launches', 'procures', 'territory-or-facility', 'operates']);
  });

  it('makes a company\'s home state responsible and "appropriate State" (OST VI), but not a launching state without an art. I(c) basis', () => {
    const entries = missionOf({
      organisations: [{ id: 'astra', name: 'Astra', kind: 'company', stateOfNationality: 'd', authorisedUnderOstVi: true }],
      mission: { operator: 'astra' },
    });
    const d = entries.find((e) => e.id === 'd')!;
    expect(d).toMatchObject({ launchingState: false, appropriateState: true, bases: [{ basis: 'responsible-for-national-activity', articles: ['OST VI'] }] });
    expect(entries.find((e) => e.id === 'a')!.launchingState).toBe(true);
  });

  it('makes the home state a launching state when it also procured the launch (OST VII "procures")', () => {
    const entries = missionOf({
      organisations: [{ id: 'astra', name: 'Astra', kind: 'company', stateOfNationality: 'd', authorisedUnderOstVi: true }],
      mission: { operator: 'astra', procuredBy: ['d'] },
    });
    expect(entries.find((e) => e.id === 'd')).toMatchObject({ launchingState: true, appropriateState: true });
  });

  it('does not make a state that only operates the object a launching state', () => {
    const entries = missionOf({ mission: { operator: 'e' } });
    expect(entries.find((e) => e.id === 'e')).toMatchObject({ launchingState: false, bases: [{ basis: 'operates', articles: ['OST VI'] }] });
  });

  it('marks a launching state whose only basis is contested as uncertain, and one with an uncontested basis as certain', () => {
    const entries = missionOf({ mission: { launchedBy: ['a'], procuredBy: ['a', 'b'], uncertain: ['procuredBy'] } });
    expect(entries.find((e) => e.id === 'b')).toMatchObject({ launchingState: true, uncertain: true });
    expect(entries.find((e) => e.id === 'a')).toMatchObject({ launchingState: true, uncertain: false });
  });

  it('shares responsibility between an operating organisation and its members (OST VI, last sentence)', () => {
    const entries = missionOf({
      organisations: [{ id: 'agency', name: 'Agency', kind: 'intergovernmental', members: ['b', 'c'], acceptsLiabilityConvention: true }],
      mission: { operator: 'agency' },
    });
    expect(entries.find((e) => e.id === 'agency')).toMatchObject({ kind: 'intergovernmental', launchingState: false });
    expect(entries.filter((e) => e.bases.some((b) => b.basis === 'member-of-operating-organisation')).map((e) => e.id)).toEqual(['b', 'c']);
  });
});
