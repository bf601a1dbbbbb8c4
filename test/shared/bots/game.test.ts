// Games played by bots through the engine alone: they end, they are deterministic, and the
// bots' cheap legality agrees with the engine's.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPERAMENT } from '../../../shared/bots/policy.js';
import { botLegalCommands, gameSeed, playGame, temperamentsFor } from '../../../shared/bots/game.js';
import { evolve, initialState, legalCommands, type CommandType, type ExerciseState } from '../../../shared/engine/index.js';
import { scenario } from '../engine/given.js';

describe('a game played by bots', () => {
  it('ends with ExerciseEnded after the last round, with every bot command accepted', () => {
    for (let i = 0; i < 6; i++) {
      const game = playGame(scenario, { seed: gameSeed(1, i) });
      expect(game.events.at(-1)?.type).toBe('ExerciseEnded');
      expect(game.state.phase).toBe('ended');
      expect(game.events.filter((e) => e.type === 'RoundResolved')).toHaveLength(scenario.calendar.rounds.length);
      expect(game.rejections).toBe(0);
    }
  });

  it('plays the same log for the same seed, and another for another seed', () => {
    const a = playGame(scenario, { seed: 7 });
    const b = playGame(scenario, { seed: 7 });
    expect(b.events).toEqual(a.events);
    expect(playGame(scenario, { seed: 8 }).events).not.toEqual(a.events);
  });

  it('seats every bot with the default temperament when told to, and draws varied ones otherwise', () => {
    expect(Object.values(temperamentsFor(scenario, 3, 'default')).every((t) => t === DEFAULT_TEMPERAMENT)).toBe(true);
    const drawn = Array.from({ length: 20 }, (_, i) => temperamentsFor(scenario, gameSeed(1, i)).usa!);
    expect(new Set(drawn.map((t) => JSON.stringify(t))).size).toBeGreaterThan(10);
  });

  it('talks only when asked to', () => {
    const quiet = playGame(scenario, { seed: 11, temperaments: 'default' });
    const talking = playGame(scenario, { seed: 11, temperaments: 'default', talk: true });
    const talk = (events: typeof quiet.events) => events.filter((e) => e.type === 'MessagePosted' || e.type === 'StatementPosted').length;
    expect(talk(quiet.events)).toBe(0);
    expect(talk(talking.events)).toBeGreaterThan(0);
    expect(talking.state.phase).toBe('ended');
  });

  it('derives distinct positive game seeds from the simulation seed and the index', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => gameSeed(1, i));
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds.every((s) => Number.isInteger(s) && s > 0 && s < 2 ** 31)).toBe(true);
    expect(gameSeed(2, 0)).not.toBe(gameSeed(1, 0));
  });
});

/** The command types the bots' policy asks about. */
const POLICY_COMMANDS: readonly CommandType[] = [
  'SendMessage',
  'SubmitOrders',
  'SetReady',
  'PostStatement',
  'OrderEvacuation',
  'IssueIawnNotification',
  'ProposeAgreement',
  'ProposeResolution',
  'ConveneSmpag',
  'ProposeMission',
  'LaunchMission',
  'RespondToAgreement',
  'CastVote',
  'BidForContract',
  'AcceptBid',
  'AuthoriseMission',
];

describe('the bots’ legality', () => {
  it('agrees with legalCommands on everything the policy reads, in every state of several games', () => {
    let compared = 0;
    for (const seed of [1, 2, 3]) {
      const game = playGame(scenario, { seed: gameSeed(5, seed) });
      let state: ExerciseState = initialState(scenario, game.seed);
      for (const event of game.events) {
        state = evolve(state, event);
        if (state.phase !== 'deliberation' && state.phase !== 'orders') continue;
        for (const actor of scenario.actors) {
          const participantId = `bot-${actor.id}`;
          const full = legalCommands(state, participantId);
          const mine = botLegalCommands(state, participantId);
          expect(POLICY_COMMANDS.filter((c) => mine.commands.includes(c))).toEqual(POLICY_COMMANDS.filter((c) => full.commands.includes(c)));
          expect(mine.missionProviders).toEqual(full.missionProviders);
          expect(mine.launchableMissions).toEqual(full.launchableMissions);
          expect(mine.fundableMissions).toEqual(full.fundableMissions);
          expect(mine.respondableAgreements).toEqual(full.respondableAgreements);
          expect(mine.votableResolutions).toEqual(full.votableResolutions);
          expect(mine.biddableMissions).toEqual(full.biddableMissions);
          expect(mine.acceptableBids).toEqual(full.acceptableBids);
          expect(mine.authorisableMissions).toEqual(full.authorisableMissions);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
