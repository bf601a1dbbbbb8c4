// Contributing money is not procuring the launch (Liability Convention art. I(c)(i)). The story
// of 2031 KX: the United States leads and launches an impactor; Kenya pays 10% and Bangladesh
// 2%; the deflected body strikes Bangladesh and India. Paying did not make Bangladesh a
// launching state, so it keeps its claim, and neither it nor Kenya answers for India's damage —
// under every regime; the findings say the reading is contested.
import { describe, expect, it } from 'vitest';
import { caseSchemaV1, type Case, type CaseInput } from '../../../shared/law/case.js';
import { launchingStates } from '../../../shared/law/launching.js';
import { COMMON_FUND, COMMUNITY, judgeCase, regimeIds, type Finding, type RegimeId } from '../../../shared/law/liability.js';

const state = (id: string, name: string, iso3: string) => ({ id, name, iso3, partyToOst: true, partyToLiabilityConvention: true, partyToPtbt: true });

function kxCase(mission: Partial<CaseInput['missions'][number]> = {}): Case {
  const input: CaseInput = {
    version: 1,
    date: '2034-06-01',
    states: [state('usa', 'United States', 'USA'), state('kenya', 'Kenya', 'KEN'), state('bangladesh', 'Bangladesh', 'BGD'), state('india', 'India', 'IND')],
    missions: [
      {
        id: 'mission-1',
        name: 'KX Impactor',
        kind: 'kinetic-impactor',
        launchedBy: ['usa'],
        procuredBy: ['usa'],
        territoryOrFacilityOf: ['usa'],
        contributions: [
          { id: 'usa', amountMUsd: 880 },
          { id: 'kenya', amountMUsd: 100 },
          { id: 'bangladesh', amountMUsd: 20 },
        ],
        operator: 'usa',
        unMandate: 'none',
        nuclear: false,
        ...mission,
      },
    ],
    damages: [
      { id: 'impact-bgd', date: '2034-05-01', where: 'surface', cause: 'deflected-asteroid', missionId: 'mission-1', victimState: 'bangladesh', victimsNationals: ['bangladesh'], victimsParticipating: false, amountMUsd: 500, claimantFault: 'none', bindingAgreement: false },
      { id: 'impact-ind', date: '2034-05-01', where: 'surface', cause: 'deflected-asteroid', missionId: 'mission-1', victimState: 'india', victimsNationals: ['india'], victimsParticipating: false, amountMUsd: 900, claimantFault: 'none', bindingAgreement: false },
    ],
  };
  return caseSchemaV1.parse(input);
}

const judged = (regime: RegimeId, mission?: Partial<CaseInput['missions'][number]>) => {
  const [bangladesh, india] = judgeCase(kxCase(mission), regime).findings as [Finding, Finding];
  return { bangladesh, india };
};

describe('a state that paid 2% of a mission', () => {
  it('is not a launching state: the lead that contracted and launched is, the contributors are recorded as contested', () => {
    const entries = launchingStates(kxCase().missions[0]!, kxCase());
    expect(entries.filter((e) => e.launchingState).map((e) => e.id)).toEqual(['usa']);
    expect(entries.find((e) => e.id === 'bangladesh')).toMatchObject({ launchingState: false, bases: [{ basis: 'contributes', uncertain: true }] });
  });

  it.each(regimeIds)('keeps Bangladesh’s claim and holds neither Kenya nor Bangladesh liable for India’s damage (%s)', (regime) => {
    const { bangladesh, india } = judged(regime);
    for (const f of [bangladesh, india]) {
      expect(f.liable).not.toContain('kenya');
      expect(f.liable).not.toContain('bangladesh');
    }
    if (regime !== 'security-community') {
      expect(bangladesh.claimants).toContain('bangladesh');
      expect(india.claimants).toContain('india');
      expect(bangladesh.unsettled.join('\n')).toContain('paying is not procuring the launch');
    }
  });

  it('under the Convention as written: the United States alone bears state responsibility toward Bangladesh, which it never consulted', () => {
    const { bangladesh, india } = judged('liability-convention');
    expect(bangladesh).toMatchObject({ basis: 'state-responsibility', liable: ['usa'], claimants: ['bangladesh'] });
    expect(india).toMatchObject({ liable: ['usa'], claimants: ['india'] });
    expect(bangladesh.reasoning).not.toContain('domestic law');
  });

  it('under the strict reading: the United States alone is absolutely liable, not jointly with its contributors', () => {
    const { bangladesh, india } = judged('liability-convention-strict');
    expect(bangladesh).toMatchObject({ applies: true, basis: 'absolute', liable: ['usa'], jointAndSeveral: false, claimants: ['bangladesh'] });
    expect(india).toMatchObject({ basis: 'absolute', liable: ['usa'], jointAndSeveral: false });
    expect(bangladesh.articles).not.toContain('LIAB VII(a)');
  });

  it('under the protocol: mandated, the fund pays Bangladesh too; unmandated, the United States keeps fault liability toward it', () => {
    expect(judged('pd-protocol', { unMandate: 'mandated' }).bangladesh).toMatchObject({ basis: 'common-fund', liable: [COMMON_FUND], claimants: ['bangladesh'] });
    expect(judged('pd-protocol').bangladesh).toMatchObject({ basis: 'fault', liable: ['usa'], claimants: ['bangladesh'] });
  });

  it('in the security community: the loss is shared by the members, with no bilateral claim at all', () => {
    const { bangladesh } = judged('security-community');
    expect(bangladesh).toMatchObject({ basis: 'shared-burden', liable: [COMMUNITY] });
  });
});

describe('the art. V(2) apportionment between launching states', () => {
  it('defaults to what each paid when they made no agreement, and says it is the engine’s default', () => {
    // Kenya here contracted for the launch together with the United States: both procured it.
    const { india } = judged('liability-convention-strict', { procuredBy: ['usa', 'kenya'] });
    expect(india.liable).toEqual(['usa', 'kenya']);
    expect(india.apportionment.map((a) => a.state)).toEqual(['usa', 'kenya']);
    expect(india.apportionment[0]!.share).toBeCloseTo(880 / 980, 9);
    expect(india.apportionment[1]!.share).toBeCloseTo(100 / 980, 9);
    expect(india.unsettled.join('\n')).toContain('by what each paid');
  });

  it('follows an agreement when there is one', () => {
    const { india } = judged('liability-convention-strict', { procuredBy: ['usa', 'kenya'], apportionmentAgreements: [{ parties: ['usa', 'kenya'], shares: [0.5, 0.5] }] });
    expect(india.apportionment).toEqual([
      { state: 'usa', share: 0.5 },
      { state: 'kenya', share: 0.5 },
    ]);
  });
});
