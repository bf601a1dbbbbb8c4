// What general international law says beside the liability regimes: the clearest wrongful acts
// in the reasons, consent between co-deflecting states (ARSIWA art. 20), and who claims for
// injured persons (the state of nationality, by diplomatic protection).
import { describe, expect, it } from 'vitest';
import { judgeCase, regimeIds, type Finding, type RegimeId } from '../../../shared/law/liability.js';
import { storyCase, type Story } from './fixtures.js';

const judge = (story: Story, regime: RegimeId = 'liability-convention'): Finding => judgeCase(storyCase(story), regime).findings[0]!;
const asteroidOnC: Story['damage'] = { cause: 'deflected-asteroid', victimState: 'c', victimsNationals: ['c'] };
const astraUnauthorised: Story = {
  organisations: [{ id: 'astra', name: 'Astra', kind: 'company', stateOfNationality: 'd', authorisedUnderOstVi: false }],
  mission: { operator: 'astra' },
};

describe('the wrongful acts in the reasons', () => {
  it.each(regimeIds)('names the breach of OST art. VI by the state of an unauthorised company (%s)', (regime) => {
    for (const damage of [{}, asteroidOnC]) {
      const f = judge({ ...astraUnauthorised, damage }, regime);
      expect(f.reasoning).toContain('State D breached OST art. VI: its company Astra flew Impactor 1 without the authorisation');
      expect(f.articles).toContain('OST VI');
    }
  });

  it.each(regimeIds)('names the breach of PTBT art. I(1)(a) by a nuclear explosion without a Security Council decision (%s)', (regime) => {
    const f = judge({ mission: { kind: 'nuclear-standoff', nuclear: true, unMandate: 'endorsed' }, damage: asteroidOnC }, regime);
    expect(f.reasoning).toContain('breached PTBT art. I(1)(a) for State A');
    expect(f.articles).toContain('PTBT I(1)(a)');
  });

  it('names no breach under a Security Council decision, nor for a state outside the PTBT', () => {
    expect(judge({ mission: { kind: 'nuclear-standoff', nuclear: true, unMandate: 'mandated' }, damage: asteroidOnC }).reasoning).not.toContain('PTBT');
    expect(judge({ states: { a: { partyToPtbt: false } }, mission: { kind: 'nuclear-standoff', nuclear: true }, damage: asteroidOnC }).reasoning).not.toContain('breached PTBT');
  });
});

describe('a deflecting state harmed by the deflection it took part in', () => {
  // A flies the deflection, B procured it with A; the asteroid falls on B and its nationals.
  const coDeflection = (dueDiligence: 'failed' | 'exercised' | 'disputed'): Story => ({
    mission: { procuredBy: ['b'], dueDiligence, priorConsultation: [] },
    damage: { cause: 'deflected-asteroid', victimState: 'b', victimsNationals: ['b'] },
  });

  it('has an international claim against its partner for a failure of due diligence its consent did not cover (ARSIWA 20)', () => {
    const f = judge(coDeflection('failed'));
    expect(f).toMatchObject({ basis: 'state-responsibility', liable: ['a'], claimants: ['b'] });
    expect(f.articles).toContain('ARSIWA 20');
    expect(f.reasoning).toContain('not a matter of domestic law');
    expect(f.reasoning).not.toContain('is a matter for its domestic law');
  });

  it('has none for a deflection carried out with due care, which it consented to', () => {
    expect(judge(coDeflection('exercised'))).toMatchObject({ liable: [], claimants: [], articles: expect.arrayContaining(['ARSIWA 20']) });
  });

  it('must show the failure when due diligence is disputed', () => {
    const f = judge(coDeflection('disputed'));
    expect(f.liable).toEqual(['a']);
    expect(f.reasoning).toContain('only if it shows a failure of due diligence');
  });

  it('under the protocol, which borrows the Convention’s art. VII(a), has no claim on it as a state that flew the mission', () => {
    const f = judge(coDeflection('failed'), 'pd-protocol');
    expect(f).toMatchObject({ liable: [], claimants: [] });
    expect(f.articles).toContain('LIAB VII(a) (analogy)');
  });

  it('alone, harmed itself: its own act gives it no international claim', () => {
    const f = judge({ mission: { priorConsultation: [] }, damage: { cause: 'deflected-asteroid', victimState: 'a', victimsNationals: ['a'] } });
    expect(f).toMatchObject({ liable: [], claimants: [] });
    expect(f.reasoning).toContain('deflected the asteroid alone');
  });
});

describe('who claims for injured persons', () => {
  it('is their state of nationality only: D claims for its nationals hurt in C, and C for no one', () => {
    const f = judge({ mission: { priorConsultation: [] }, damage: { cause: 'deflected-asteroid', victimState: 'c', victimsNationals: ['d'] } });
    expect(f.claimants).toEqual(['d']);
    expect(f.articles).toEqual(expect.arrayContaining(['ARSIWA 44(a)', 'ILC Diplomatic Protection 3']));
    expect(f.unsettled.join('\n')).toContain('only their states of nationality claim for them');
  });

  it('is the state itself for damage to its own property', () => {
    expect(judge({ mission: { priorConsultation: [] }, damage: { cause: 'deflected-asteroid', victimState: 'c', victimsNationals: [] } }).claimants).toEqual(['c']);
  });
});

describe('the protocol’s parties and its fund', () => {
  const mandatedOnC: Story = { mission: { unMandate: 'mandated' }, damage: asteroidOnC };

  it('cannot bind a victim outside it: C keeps its rights under the Convention as written (VCLT 34)', () => {
    const f = judge({ ...mandatedOnC, states: { c: { partyToProtocol: false } }, damage: {} }, 'pd-protocol');
    expect(f).toMatchObject({ basis: 'absolute', liable: ['a'], claimants: ['c'] });
    expect(f.articles).toContain('VCLT 34');
    expect(f.reasoning).toContain('not party to the protocol');
  });

  it('does not shield a state outside it that flew the mission', () => {
    const f = judge({ ...mandatedOnC, states: { a: { partyToProtocol: false } }, mission: { unMandate: 'mandated', priorConsultation: [] } }, 'pd-protocol');
    expect(f).toMatchObject({ basis: 'state-responsibility', liable: ['a'] });
    expect(f.liable).not.toContain('common-fund');
  });

  it('pays from the fund only if the table created one; otherwise the shield leaves the victim unpaid, and the finding says so', () => {
    expect(judge(mandatedOnC, 'pd-protocol').liable).toEqual(['common-fund']);
    const input = storyCase(mandatedOnC);
    const f = judgeCase({ ...input, commonFundCreated: false }, 'pd-protocol').findings[0]!;
    expect(f).toMatchObject({ applies: true, liable: [], claimants: [] });
    expect(f.reasoning).toContain('no common fund was created');
    expect(f.articles).toContain('ILC Loss Allocation 4');
    expect(f.unsettled.join('\n')).toContain('Whether the shield stands without the fund');
  });
});

describe('when nobody is liable', () => {
  it('points to the ILC loss-allocation principles (2006): A consulted C and took care, yet C was struck', () => {
    const f = judge({ damage: asteroidOnC });
    expect(f.liable).toEqual([]);
    expect(f.articles).toContain('ILC Loss Allocation 4');
    expect(f.reasoning).toContain('prompt and adequate compensation');
  });

  it('and where no treaty binds both sides', () => {
    const f = judge({ states: { a: { partyToOst: false, partyToLiabilityConvention: false } } });
    expect(f.liable).toEqual([]);
    expect(f.articles).toContain('ILC Loss Allocation 4');
  });

  it('but not for a state’s own nationals, which is no transboundary harm', () => {
    expect(judge({ damage: { victimState: 'a', victimsNationals: ['a'] } }).articles).not.toContain('ILC Loss Allocation 4');
  });
});

describe('the company layer', () => {
  const astra = (stateOfNationality: string, authorisedUnderOstVi: boolean, iso3?: string): Story => ({
    organisations: [{ id: 'astra', name: 'Astra', kind: 'company', stateOfNationality, authorisedUnderOstVi }],
    mission: { operator: 'astra' },
    ...(iso3 ? { states: { [stateOfNationality]: { iso3 } } } : {}),
  });

  it('sets out the licence, the insurance and the indemnification above it, the US model when the company is American', () => {
    const notes = judge(astra('d', true, 'USA')).unsettled.join('\n');
    expect(notes).toContain('insures third-party liability up to the maximum probable loss (at most 500 M USD)');
    expect(notes).toContain('does not limit what a victim state may claim');
  });

  it('leaves it to the state’s own licensing law elsewhere', () => {
    expect(judge(astra('d', true)).unsettled.join('\n')).toContain('State D\'s licensing law decides what Astra must insure');
  });

  it('finds no insurance and no indemnification for a company that flew without a licence, and the state answering for it', () => {
    expect(judge(astra('d', false), 'liability-convention-strict').unsettled.join('\n')).toContain('flew without a licence, so no insurance was required');
  });
});
