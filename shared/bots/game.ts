// A whole exercise played by bots through the engine alone, with no server and no network:
// a facilitator advances the phases and one bot per actor makes the moves of the bots'
// policy (policy.ts), each with its own temperament. Pure and deterministic: the clock is a
// counter from the first round's date, and every choice comes from generators seeded with the
// game's seed.
import type { CommandContext, Command, CommandType, WorldData } from '../engine/commands.js';
import { decide } from '../engine/decide.js';
import type { DomainEvent } from '../engine/events.js';
import { evolve } from '../engine/evolve.js';
import { gateRefusal } from '../engine/gates.js';
import { NO_LEGAL_COMMANDS } from '../engine/legal-commands.js';
import { actorOfSeat, actorSeat } from '../engine/seats.js';
import { initialState, type ExerciseState, type Participant } from '../engine/state.js';
import { createViewCache, playerView } from '../engine/view.js';
import type { Scenario } from '../scenario/schema.js';
import { candidateMoves, DEFAULT_TEMPERAMENT, drawRoundPlan, drawTemperament, type PolicyLegality, type RoundPlan, type Temperament } from './policy.js';
import { seedFromText, Xorshift32 } from './random.js';

/** The facilitator's participant id in a simulated game; each bot's is `bot-<actor id>`. */
export const SIMULATED_FACILITATOR = 'control';

/** How a game is played: its seed, the world data for the encounter, and whether the bots talk and vary. */
export interface GameOptions {
  /** The exercise's generator seed; it also seeds every bot's plans and temperament. */
  seed: number;
  /** The map and cities for the encounter's consequences; without them an impact has no country and no people. */
  world?: WorldData;
  /** Whether bots post their messages and statements (no effect on the outcome; off by default, for speed). */
  talk?: boolean;
  /** `drawn` (default): a temperament per actor drawn from the seed; `default`: every bot plays as at a table. */
  temperaments?: 'drawn' | 'default';
}

/** A game played to its end: its log, the state it reached, the bots' temperaments and the commands the engine refused. */
export interface PlayedGame {
  seed: number;
  events: DomainEvent[];
  state: ExerciseState;
  temperaments: Record<string, Temperament>;
  commands: number;
  rejections: number;
}

/** One simulated seat: its actor, its participant id, its temperament, its plans and the intents it has tried. */
interface SimulatedBot {
  actorId: string;
  participantId: string;
  /** Its temperament as it plays this game: silent unless the game's bots talk. */
  playing: Temperament;
  choices: Xorshift32;
  plan: RoundPlan | null;
  attempted: Set<string>;
  /** The state in which it last found nothing to do: unchanged, it still has nothing. */
  idleIn: ExerciseState | null;
}

/** Commands a game may take before it is declared stuck (a game of six actors and five rounds takes about 150). */
const MAX_COMMANDS = 20_000;
/** One second of the table's clock per command. */
const COMMAND_MS = 1000;

/** The seed of game `index` of a simulation seeded with `seed`: a positive 31-bit integer. */
export function gameSeed(seed: number, index: number): number {
  return (seedFromText(`deflect-simulation/${seed}/${index}`) & 0x7fff_ffff) || 1;
}

/** The temperament of each actor in a game of this seed (the default for all when told so). */
export function temperamentsFor(scenario: Scenario, seed: number, mode: 'drawn' | 'default' = 'drawn'): Record<string, Temperament> {
  const deflectionTypes = scenario.missionTypes.filter((t) => t.kind !== 'reconnaissance').map((t) => ({ id: t.id, kind: t.kind }));
  const ctx = { rounds: scenario.calendar.rounds.length, deflectionTypes };
  return Object.fromEntries(
    scenario.actors.map((a) => [a.id, mode === 'default' ? DEFAULT_TEMPERAMENT : drawTemperament(new Xorshift32(seedFromText(`${seed}/${a.id}/temperament`)), ctx)]),
  );
}

/**
 * Plays a scenario from the lobby to ExerciseEnded: the facilitator and a bot per actor take
 * their seats; the facilitator opens each round and moves it on; in deliberation and orders
 * every bot, in the scenario's order, makes each move its policy offers (once per intent)
 * until none has anything left, and then the facilitator advances (orders resolve when the
 * last bot is ready). Throws if the game does not end within `MAX_COMMANDS` commands.
 */
export function playGame(scenario: Scenario, options: GameOptions): PlayedGame {
  const { seed, world, talk = false } = options;
  let state = initialState(scenario, seed);
  const events: DomainEvent[] = [];
  const startMs = Date.parse(`${scenario.calendar.rounds[0]!.date}T09:00:00.000Z`);
  let commands = 0;
  let rejections = 0;
  /** Decides and applies a command; the rule it broke, or null. */
  const act = (participantId: string, command: Command): string | null => {
    commands++;
    const ctx: CommandContext = { participantId, at: new Date(startMs + commands * COMMAND_MS).toISOString(), ...(world ? { world } : {}) };
    const decision = decide(state, command, ctx);
    if (!decision.ok) {
      rejections++;
      return `${decision.error.code}: ${decision.error.message}`;
    }
    for (const e of decision.events) {
      state = evolve(state, e);
      events.push(e);
    }
    return null;
  };
  const must = (participantId: string, command: Command) => {
    const refusal = act(participantId, command);
    if (refusal !== null) throw new Error(`the simulated ${participantId} could not ${command.type} (game seed ${seed}): ${refusal}`);
  };

  const temperaments = temperamentsFor(scenario, seed, options.temperaments);
  must(SIMULATED_FACILITATOR, { type: 'JoinExercise', name: 'Simulated facilitator', role: 'facilitator' });
  must(SIMULATED_FACILITATOR, { type: 'ClaimSeat', seat: 'facilitator' });
  const bots: SimulatedBot[] = scenario.actors.map((a) => ({
    actorId: a.id,
    participantId: `bot-${a.id}`,
    playing: talk ? temperaments[a.id]! : { ...temperaments[a.id]!, talks: false },
    choices: new Xorshift32(seedFromText(`${seed}/${a.id}/plans`)),
    plan: null,
    attempted: new Set<string>(),
    idleIn: null,
  }));
  for (const bot of bots) {
    must(bot.participantId, { type: 'JoinExercise', name: `Bot for ${bot.actorId}`, role: 'participant' });
    must(bot.participantId, { type: 'ClaimSeat', seat: actorSeat(bot.actorId) });
  }

  const viewCaches = new Map(bots.map((b) => [b.actorId, createViewCache()]));
  const planFor = (bot: SimulatedBot, round: number): RoundPlan => {
    const wanted = Math.max(1, round);
    while (bot.plan === null || bot.plan.round < wanted) bot.plan = drawRoundPlan(bot.choices, (bot.plan?.round ?? 0) + 1);
    return bot.plan;
  };
  /** Each bot in turn makes every move it wants; whether any bot tried one. */
  const botsMove = (): boolean => {
    let tried = false;
    for (const bot of bots) {
      for (;;) {
        if (state.phase !== 'deliberation' && state.phase !== 'orders') return tried;
        if (bot.idleIn === state) break;
        const legal = botLegalCommands(state, bot.participantId, world);
        // A ready bot only answers agreements and votes (candidateMoves): with none to answer, it need not look at the table.
        if (state.actors[bot.actorId]!.ready && legal.respondableAgreements.length === 0 && legal.votableResolutions.length === 0) {
          bot.idleIn = state;
          break;
        }
        const view = playerView(state, actorSeat(bot.actorId), viewCaches.get(bot.actorId));
        const move = candidateMoves(view, legal, planFor(bot, state.round), bot.playing).find((m) => !bot.attempted.has(m.intent));
        if (!move) {
          bot.idleIn = state;
          break;
        }
        bot.attempted.add(move.intent);
        tried = true;
        act(bot.participantId, move.command);
      }
    }
    return tried;
  };

  while (state.phase !== 'ended') {
    if (commands > MAX_COMMANDS) throw new Error(`the simulated game of seed ${seed} did not end within ${MAX_COMMANDS} commands (round ${state.round}, ${state.phase})`);
    switch (state.phase) {
      case 'lobby':
      case 'briefing':
      case 'resolution':
        must(SIMULATED_FACILITATOR, { type: 'AdvancePhase' });
        break;
      case 'deliberation':
      case 'orders':
        if (!botsMove() && (state.phase === 'deliberation' || state.phase === 'orders')) must(SIMULATED_FACILITATOR, { type: 'AdvancePhase' });
        break;
    }
  }
  return { seed, events, state, temperaments, commands, rejections };
}

/** The command types whose permission the policy asks about by probing, each probed as `legalCommands` (legal.ts) probes it. */
type ProbedType = 'SendMessage' | 'SubmitOrders' | 'PostStatement' | 'OrderEvacuation' | 'IssueIawnNotification' | 'ProposeAgreement' | 'ProposeResolution' | 'ConveneSmpag';

/** The probes of each such type: the type is allowed when one of them is accepted. */
function probesOf(type: ProbedType, someoneElse: string): Command[] {
  switch (type) {
    case 'SendMessage':
      return [{ type: 'SendMessage', to: 'public', text: 'probe' }];
    case 'SubmitOrders':
      return [{ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } }];
    case 'PostStatement':
      return [{ type: 'PostStatement', text: 'probe' }];
    case 'OrderEvacuation':
      return [
        { type: 'OrderEvacuation', level: 'evacuate' },
        { type: 'OrderEvacuation', level: 'shelter' },
      ];
    case 'IssueIawnNotification':
      return [{ type: 'IssueIawnNotification' }];
    case 'ProposeAgreement':
      return [{ type: 'ProposeAgreement', kind: 'assistance', parties: [someoneElse], shares: {}, text: 'probe' }];
    case 'ProposeResolution':
      return [{ type: 'ProposeResolution', kind: 'create-common-fund' }];
    case 'ConveneSmpag':
      return [{ type: 'ConveneSmpag' }];
  }
}

const PROBED_TYPES: ReadonlySet<CommandType> = new Set<ProbedType>([
  'SendMessage',
  'SubmitOrders',
  'PostStatement',
  'OrderEvacuation',
  'IssueIawnNotification',
  'ProposeAgreement',
  'ProposeResolution',
  'ConveneSmpag',
]);

/**
 * The part of `legalCommands` (legal.ts) that the bots' policy reads, found by the same probes
 * of `decide`, each worked out only when the policy first asks for it: whether it may issue a
 * command of a type, the missions it may propose (providers), launch, fund, bid for and
 * authorise, the bids it may accept, the agreements it may answer and the resolutions it may
 * vote on. A bot asks before each move, so probes
 * the policy never reads (seats, delegations, injects…) are left out, and readiness is
 * not probed but read as setReady (orders.ts) allows it: the last actor's probe would resolve
 * the whole round. The tests hold it against `legalCommands`; the simulator counts refusals.
 */
export function botLegalCommands(state: ExerciseState, participantId: string, world?: WorldData): PolicyLegality {
  return state.participants[participantId] ? new ProbedLegality(state, participantId, world) : { ...NO_LEGAL_COMMANDS };
}

/** `botLegalCommands`' answers, each probed once when first read. */
class ProbedLegality implements PolicyLegality {
  readonly commands: { includes(type: CommandType): boolean };
  private readonly me: Participant;
  private readonly myActor: string | null;
  private readonly ctx: CommandContext;
  private readonly gates = new Map<CommandType, boolean>();
  private readonly allowed = new Map<CommandType, boolean>();
  private providers?: string[];
  private launchable?: string[];
  private fundable?: string[];
  private respondable?: string[];
  private votable?: string[];
  private biddable?: string[];
  private acceptable?: string[];
  private authorisable?: string[];

  constructor(
    private readonly state: ExerciseState,
    participantId: string,
    world: WorldData | undefined,
  ) {
    this.me = state.participants[participantId]!;
    this.myActor = actorOfSeat(this.me.seat);
    this.ctx = { participantId, at: '1970-01-01T00:00:00.000Z', probe: true, ...(world ? { world } : {}) };
    this.commands = { includes: (type) => this.allows(type) };
  }

  get missionProviders(): string[] {
    const missionTypeId = this.state.scenario.missionTypes[0]!.id;
    return (this.providers ??= this.state.scenario.actors
      .map((a) => a.id)
      .filter((providerId) => this.accepted({ type: 'ProposeMission', missionTypeId, direction: 'toward-end', providerId })));
  }

  get launchableMissions(): string[] {
    return (this.launchable ??= Object.keys(this.state.missions).filter((missionId) => this.accepted({ type: 'LaunchMission', missionId })));
  }

  get fundableMissions(): string[] {
    return (this.fundable ??=
      this.myActor === null
        ? []
        : Object.keys(this.state.missions).filter((id) => this.accepted({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: { [id]: 0.000001 } } })));
  }

  get respondableAgreements(): string[] {
    return (this.respondable ??= Object.keys(this.state.agreements).filter((agreementId) => this.accepted({ type: 'RespondToAgreement', agreementId, accept: true })));
  }

  get votableResolutions(): string[] {
    return (this.votable ??= Object.keys(this.state.resolutions).filter((resolutionId) => this.accepted({ type: 'CastVote', resolutionId, vote: 'abstain' })));
  }

  get biddableMissions(): string[] {
    return (this.biddable ??= Object.keys(this.state.missions).filter((missionId) =>
      this.accepted({ type: 'BidForContract', missionId, priceMUsd: 1e6, buildMonths: 12, reliability: 0.9 }),
    ));
  }

  get acceptableBids(): string[] {
    return (this.acceptable ??= Object.keys(this.state.bids).filter((bidId) => this.accepted({ type: 'AcceptBid', bidId })));
  }

  get authorisableMissions(): string[] {
    return (this.authorisable ??= Object.keys(this.state.missions).filter((missionId) => this.accepted({ type: 'AuthoriseMission', missionId, granted: true })));
  }

  private gateOpen(type: CommandType): boolean {
    let open = this.gates.get(type);
    if (open === undefined) this.gates.set(type, (open = gateRefusal(this.state, type, this.me) === null));
    return open;
  }

  private accepted(command: Command): boolean {
    return this.gateOpen(command.type) && decide(this.state, command, this.ctx).ok;
  }

  private allows(type: CommandType): boolean {
    const known = this.allowed.get(type);
    if (known !== undefined) return known;
    let answer: boolean;
    if (type === 'SetReady') {
      const actor = this.myActor === null ? undefined : this.state.actors[this.myActor];
      answer = actor !== undefined && this.gateOpen('SetReady') && (actor.ready || actor.orders !== null);
    } else if (type === 'ProposeMission') answer = this.missionProviders.length > 0;
    else if (type === 'LaunchMission') answer = this.launchableMissions.length > 0;
    else if (type === 'RespondToAgreement') answer = this.respondableAgreements.length > 0;
    else if (type === 'CastVote') answer = this.votableResolutions.length > 0;
    else if (type === 'BidForContract') answer = this.biddableMissions.length > 0;
    else if (type === 'AcceptBid') answer = this.acceptableBids.length > 0;
    else if (type === 'AuthoriseMission') answer = this.authorisableMissions.length > 0;
    else if (PROBED_TYPES.has(type)) {
      const someoneElse = this.state.scenario.actors.find((a) => a.id !== this.myActor)?.id ?? '';
      answer = probesOf(type as ProbedType, someoneElse).some((c) => this.accepted(c));
    } else throw new Error(`the bots' legality does not answer for ${type}`);
    this.allowed.set(type, answer);
    return answer;
  }
}
