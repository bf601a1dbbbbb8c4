// The law in a whole playthrough of 2031 KX, the map and the physics included: the USA leads
// a single impactor pushed toward the start of the corridor, Bangladesh pays 2% of it, and the
// partial deflection moves the impact out of Kenya.
import { describe, expect, it } from 'vitest';
import { isFinding, type Finding } from '../../../shared/law/liability.js';
import { Table, playerOf } from './given.js';
import { worldData } from './playthroughs.js';

function impactorWithBangladesh(): Table {
  const t = new Table(2031);
  t.world = worldData();
  let mission = '';
  for (let round = 1; round <= 5; round++) {
    t.toPhase('deliberation');
    if (round === 1) mission = t.propose('usa', 'ki-single', 'toward-start');
    if (round >= 3 && t.state.missions[mission]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
    t.playRound(round === 1 ? { usa: [0, { [mission]: 490 }], bangladesh: [0, { [mission]: 10 }] } : {});
  }
  t.advance();
  return t;
}

describe('2031 KX: a US impactor Bangladesh helped pay for moves the impact out of Kenya', () => {
  const t = impactorWithBangladesh();
  const outcome = t.state.outcome;
  const findings: Finding[] = outcome?.kind === 'impact' ? outcome.consequences!.liability.findings.filter(isFinding) : [];

  it('ends in an impact away from Kenya, with findings', () => {
    expect(outcome?.kind).toBe('impact');
    expect(outcome?.kind === 'impact' ? outcome.impactPoint.countryIso3 : null).not.toBe('KEN');
    expect(t.state.missions['mission-1']!.contributions).toEqual({ usa: 490, bangladesh: 10 });
    expect(findings.length).toBeGreaterThan(0);
  });

  it('holds the USA, not Bangladesh, responsible, and says that paying is not procuring is contested', () => {
    for (const f of findings) {
      expect(f.liable).toEqual(['usa']);
      expect(f.unsettled.join('\n')).toContain('Bangladesh (2%) paid into');
    }
  });

  it('sets every damage beside what the undeflected body would have done, and weighs necessity with it', () => {
    for (const f of findings) {
      expect(f.causation).toBeDefined();
      expect(f.unsettled.join('\n')).toMatch(/Necessity \(ARSIWA art\. 25\) (can be pleaded|fails on the facts)/);
    }
  });
});
