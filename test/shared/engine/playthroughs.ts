// Whole scripted playthroughs of the bundled scenarios, shared by the tests that pin their
// events (so a refactor can prove it changed nothing) and those that read their outcomes.
import { readFileSync } from 'node:fs';
import { loadWorldData } from '../../../server/geo/world.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { stateHash, type DomainEvent, type WorldData } from '../../../shared/engine/index.js';
import { Table, actorsSeated, facilitatorSeated, playerOf, scenario as kx, type OrdersTuple } from './given.js';

let world: WorldData | undefined;
/** The server's world data, loaded once. */
export function worldData(): WorldData {
  world ??= loadWorldData();
  return world;
}

/** Reads a bundled scenario by file name. */
export function bundledScenario(file: string): Scenario {
  const parsed = parseScenarioYaml(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

/**
 * 2031 KX, seed 2031, a busy table: IAWN and SMPAG, a reconnaissance flyby, a nuclear
 * stand-off the USA leads (Japan pays part under a cost-sharing agreement, the UN votes on
 * it), a kinetic impactor Japan flies west, Kenya evacuates; five rounds, then the end.
 */
export function playKxNuclear(seed = 2031): Table {
  const t = new Table(seed);
  t.world = worldData();
  const usa = playerOf('usa');
  const japan = playerOf('japan');
  const un = playerOf('copuos');
  t.toPhase('deliberation');
  t.do({ type: 'IssueIawnNotification' }, un);
  t.do({ type: 'ConveneSmpag' }, un);
  const recon = t.propose('usa', 'recon');
  const nuclear = t.propose('usa', 'nuclear');
  t.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: nuclear, shares: { usa: 300, japan: 250 }, text: 'We share the device.' }, usa);
  t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, japan);
  t.do({ type: 'ProposeResolution', kind: 'authorise-nuclear', missionId: nuclear }, un);
  for (const id of ['usa', 'japan', 'kenya', 'bangladesh']) t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: id === 'kenya' ? 'no' : 'yes' }, playerOf(id));
  t.playRound({ usa: [100, { [recon]: 300, [nuclear]: 150 }], japan: [50, { [nuclear]: 250 }] });
  t.playRound({ usa: [50, { [nuclear]: 600 }], japan: [0, { [nuclear]: 200 }] });
  t.toPhase('deliberation');
  const impactor = t.propose('japan', 'ki-single', 'toward-start');
  if (t.state.missions[recon]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: recon }, usa);
  if (t.state.missions[nuclear]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: nuclear }, usa);
  t.playRound({ japan: [0, { [impactor]: 300 }], usa: [0, { [impactor]: 200 }] });
  t.toPhase('deliberation');
  for (const id of [recon, nuclear, impactor]) if (t.state.missions[id]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: id }, playerOf(t.state.missions[id]!.lead));
  t.do({ type: 'OrderEvacuation', level: 'evacuate' }, playerOf('kenya'));
  t.playRound({ usa: [20] });
  t.toPhase('deliberation');
  for (const id of [recon, nuclear, impactor]) if (t.state.missions[id]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: id }, playerOf(t.state.missions[id]!.lead));
  t.playRound();
  t.advance();
  return t;
}

/** 2031 KX with observation only: nobody deflects the body. */
export function playKxObserveOnly(seed = 2031): Table {
  const t = new Table(seed);
  t.world = worldData();
  const rounds: Record<string, OrdersTuple>[] = [{ usa: [100] }, { japan: [50] }, {}, {}, {}];
  for (const orders of rounds) t.playRound(orders);
  t.advance();
  return t;
}

/** PDC 2021 (six months' warning), seed 2032: observation, a rapid flyby, shelter and evacuation orders. */
export function playPdc2021(seed = 2032): Table {
  const pdc = bundledScenario('pdc-2021.yaml');
  const t = new Table(seed, [...facilitatorSeated(), ...actorsSeated(pdc.actors.map((a) => a.id))], pdc);
  t.world = worldData();
  t.toPhase('deliberation');
  t.do({ type: 'IssueIawnNotification' }, playerOf('copuos'));
  const flyby = t.propose('usa', 'recon-rapid');
  t.playRound({ usa: [100, { [flyby]: 250 }], germany: [50] });
  t.toPhase('deliberation');
  if (t.state.missions[flyby]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: flyby }, playerOf('usa'));
  t.playRound({ usa: [50] });
  t.toPhase('deliberation');
  if (t.state.missions[flyby]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: flyby }, playerOf('usa'));
  t.do({ type: 'OrderEvacuation', level: 'evacuate' }, playerOf('germany'));
  t.do({ type: 'OrderEvacuation', level: 'shelter' }, playerOf('czechia'));
  t.playRound();
  t.playRound();
  t.advance();
  return t;
}

/** The hash of the events as the engine decides them: outcomes without the consequences' figures, scores without safety. */
export function engineHash(events: readonly DomainEvent[]): string {
  return stateHash(
    events.map((e) => {
      if (e.type === 'ExerciseEnded') return { ...e, outcome: e.outcome && { kind: e.outcome.kind, impactPoint: e.outcome.impactPoint } };
      if (e.type !== 'RoundResolved') return e;
      const scores = e.scores && Object.fromEntries(Object.entries(e.scores).map(([id, s]) => [id, { budget: s.budget, trust: s.trust }]));
      return { ...e, scores, outcome: e.outcome && { kind: e.outcome.kind, impactPoint: e.outcome.impactPoint } };
    }),
  );
}

export { kx };
