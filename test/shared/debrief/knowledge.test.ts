import { beforeAll, describe, expect, it } from 'vitest';
import { ReplayCheckpoints } from '../../../shared/debrief/checkpoints.js';
import { knowledgeDifference, type KnowledgeItem } from '../../../shared/debrief/knowledge.js';
import { debriefEvents, debriefInitialState } from '../../../shared/debrief/log.js';
import { playerView, type ExerciseState } from '../../../shared/engine/index.js';
import { playDebriefTable } from './logs.js';

/** The exercise in round 1's orders phase, once every actor has given its orders. */
let moment: ExerciseState;
/** Right after round 4's resolution, when the nuclear device has pushed and no flyby has measured it. */
let afterPush: ExerciseState;

beforeAll(() => {
  const log = playDebriefTable().debriefLog();
  const events = debriefEvents(log);
  const lastOrders = events.findIndex((e, i) => e.type === 'OrdersSubmitted' && events[i + 1]?.type !== 'OrdersSubmitted');
  moment = new ReplayCheckpoints(debriefInitialState(log), events, 20).stateAt(lastOrders + 1);
  expect(moment.phase).toBe('orders');
  const round4 = events.findIndex((e) => e.type === 'RoundResolved' && e.round === 4);
  afterPush = new ReplayCheckpoints(debriefInitialState(log), events, 20).stateAt(round4 + 1);
});

const of = (items: KnowledgeItem[], category: KnowledgeItem['category']) => items.filter((i) => i.category === category).map((i) => i.text);

describe('knowledgeDifference', () => {
  it('shows what Kenya knew that the United States did not: its own tracking, orders, money, briefing, its agreements and the inject sent to it alone', () => {
    const kenya = playerView(moment, 'actor:kenya');
    const usa = playerView(moment, 'actor:usa');
    const diff = knowledgeDifference(kenya, usa);
    expect(of(diff, 'tracking')).toHaveLength(1);
    expect(of(diff, 'tracking')[0]).toMatch(/^Kenya kept its tracking data to itself, and its own estimate put the impact probability at [\d.]+ %/);
    expect(of(diff, 'orders')).toEqual(["Kenya's secret orders this round: 20 M USD for observation and nothing for missions."]);
    expect(of(diff, 'budget')[0]).toMatch(/^Kenya had [\d,]+ M USD left to spend\.$/);
    expect(of(diff, 'briefing')[0]).toMatch(/^Kenya's secret briefing: “/);
    expect(of(diff, 'inject')).toEqual(['Inject to Kenya in round 1 from Kenyan Ministry of Interior (intelligence): Nairobi asks for an evacuation plan.']);
    // Kenya's assistance agreement with Japan; the refused one with the United States both knew.
    expect(of(diff, 'agreement')).toEqual(['Assistance agreement between Kenya and Japan, accepted: “Assistance 1.0: share ground stations.”']);
    expect(of(diff, 'truth')).toEqual([]);
    // Kenya's only private message went to the United States: nothing there the other did not read.
    expect(of(diff, 'message')).toEqual([]);
  });

  it('shows what the United States knew that Kenya did not: its private talk with Japan and the cost-sharing deal', () => {
    const diff = knowledgeDifference(playerView(moment, 'actor:usa'), playerView(moment, 'actor:kenya'));
    expect(of(diff, 'message')[0]).toBe('Private message from United States to Japan, round 1: “Round 1, note 0: usa asks about tracking and cost shares.”');
    expect(of(diff, 'agreement')).toEqual([
      'Cost sharing agreement on the Nuclear stand-off device (United States) between United States and Japan (United States 300 M USD and Japan 250 M USD), accepted: “We share the device.”',
    ]);
    expect(of(diff, 'tracking')).toEqual([]);
    expect(of(diff, 'orders')[0]).toMatch(/^United States's secret orders this round: 100 M USD for observation and 300 M USD for the Reconnaissance flyby/);
  });

  it('shows the control cell the hidden truth, every other actor’s secrets and its own notes on injects', () => {
    const control = playerView(moment, 'facilitator');
    const diff = knowledgeDifference(control, playerView(moment, 'actor:kenya'));
    expect(of(diff, 'truth')[0]).toBe('The hidden truth: the asteroid is 210 m across with a density of 2,000 kg/m³, and it crosses 300 km along the corridor.');
    expect(of(diff, 'truth')[1]).toMatch(/^The control cell overrode mission reliability in round 1 \(to 0\.99\): The flyby is a proven design\.$/);
    expect(of(diff, 'briefing')).toHaveLength(moment.scenario.actors.length - 1);
    expect(of(diff, 'briefing').some((t) => t.startsWith('Kenya'))).toBe(false);
    // Kenya's own tracking estimate is no secret from Kenya.
    expect(of(diff, 'tracking')).toEqual([]);
    expect(of(diff, 'inject')).toContain('Note for the control cell on the inject “Nairobi asks for an evacuation plan”: Kenya should raise evacuation with its partners.');
    expect(of(diff, 'message').length).toBeGreaterThan(0);
    // And the other way: Kenya knew nothing the control cell did not.
    expect(knowledgeDifference(playerView(moment, 'actor:kenya'), control)).toEqual([]);
  });

  it('shows the control cell the push a mission really gave while the table knew only what it expected', () => {
    const diff = knowledgeDifference(playerView(afterPush, 'facilitator'), playerView(afterPush, 'actor:usa'));
    expect(of(diff, 'mission')).toHaveLength(1);
    expect(of(diff, 'mission')[0]).toMatch(
      /^The Nuclear stand-off device \(United States\) really moved the impact point [\d,]+ km toward the end of the risk corridor \(the table expected [\d,]+ km toward the end of the risk corridor, ± [\d,]+ km\); no flyby had measured it yet\.$/,
    );
    expect(of(diff, 'truth')[0]).toMatch(/now crosses [\d,]+ km along the corridor \(300 km before any push\)/);
  });

  it('finds nothing between a seat and itself', () => {
    for (const seat of ['actor:kenya', 'actor:usa', 'facilitator', 'display'] as const) {
      expect(knowledgeDifference(playerView(moment, seat), playerView(moment, seat))).toEqual([]);
    }
  });
});
