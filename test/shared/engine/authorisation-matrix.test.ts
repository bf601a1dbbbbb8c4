// The authorisation matrix: every command a client may send (enumerated from
// `clientCommandSchema`, so a new command joins the matrix by itself) × every kind of seat
// × every phase, decided by the pure engine. The expectations are one declarative table:
// for each command, an ordered list of guards (who may, in which phases, what else must
// hold); the first guard that fails names the rejection code, and none failing means the
// command is accepted. A command added to the schema is decided in every cell at once
// (totality, codes and sentences, the unseated, the display, the end, the pause); its row
// in RULES is asked for by name until someone writes it.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clientCommandSchema,
  decide,
  type ClientCommand,
  type Decision,
  type ExerciseState,
  type Phase,
  type RuleErrorCode,
} from '../../../shared/engine/index.js';
import { AT, FACILITATOR, SEED, Table, expectSentence, joined, playerOf, seated, tableSeated } from './given.js';

// ---------------------------------------------------------------- the axes

/** Who issues the command: a participant without a seat, the three non-playing seats, and one actor of each kind. */
const WHO = ['none', 'facilitator', 'evaluator', 'display', 'usa', 'kenya', 'astra', 'copuos'] as const;
type Who = (typeof WHO)[number];
/** The actors of the matrix: a space-faring state, a non-space-faring state, a private company, the UN body. */
const ACTORS = ['usa', 'kenya', 'astra', 'copuos'] as const satisfies readonly Who[];
const STATES = ['usa', 'kenya'] as const satisfies readonly Who[];
const isActor = (who: Who): who is (typeof ACTORS)[number] => (ACTORS as readonly Who[]).includes(who);

const PHASES = ['lobby', 'briefing', 'deliberation', 'orders', 'resolution', 'ended'] as const satisfies readonly Phase[];
type MatrixPhase = (typeof PHASES)[number];
/** Phases in which the exercise has begun and not ended. */
const STARTED: readonly MatrixPhase[] = ['briefing', 'deliberation', 'orders', 'resolution'];
/** Phases in which missions, agreements and votes are negotiated. */
const TALKS: readonly MatrixPhase[] = ['deliberation', 'orders'];

type ClientCommandType = ClientCommand['type'];
const COMMAND_KINDS = clientCommandSchema.options.map((o) => o.shape.type.value) as ClientCommandType[];

/** Someone outside the matrix's axes, without a seat, whose request to join the USA's delegation is pending. */
const ASKER = 'p-asker';

const participantOf: Record<Who, string> = {
  none: 'p-none',
  facilitator: FACILITATOR,
  evaluator: 'p-evaluator',
  display: 'p-display',
  usa: playerOf('usa'),
  kenya: playerOf('kenya'),
  astra: playerOf('astra'),
  copuos: playerOf('copuos'),
};

// ---------------------------------------------------------------- the table in each phase

/**
 * The table: every actor seated but Bangladesh (so there is a free seat to claim), an
 * evaluator, a display and a participant without a seat. From deliberation on it has
 * business to act on: mission-1 (the USA's kinetic impactor, its own agency), mission-2
 * (Astra's own reconnaissance probe, which the USA must authorise, OST art. VI), bid-1
 * (Astra offers to fly mission-1), agreement-1 (Kenya asks the USA for assistance) and
 * resolution-1 (COPUOS puts the endorsement of mission-1 to the vote). From the lobby on,
 * delegation-request-1 (someone else without a seat asks to join the USA's delegation) waits
 * for an answer. In the orders phase
 * every seated actor has submitted (empty) orders, so that readiness can be declared.
 */
function tableIn(phase: MatrixPhase): ExerciseState {
  const seatedActors = ['usa', 'japan', 'kenya', 'astra', 'copuos'];
  const t = new Table(SEED, [
    ...tableSeated(seatedActors),
    joined(participantOf.evaluator, 'Eve (evaluator)', 'evaluator'),
    seated(participantOf.evaluator, 'evaluator'),
    joined(participantOf.display, 'Room display'),
    seated(participantOf.display, 'display'),
    joined(participantOf.none, 'Nemo (no seat yet)'),
    joined(ASKER, 'Ash (asking to join the USA)'),
  ]);
  t.do({ type: 'RequestDelegation', actorId: 'usa' }, ASKER);
  if (phase === 'lobby') return t.state;
  t.advance();
  if (phase === 'briefing') return t.state;
  t.toPhase('deliberation');
  expect(t.propose('usa', 'ki-single')).toBe('mission-1');
  expect(t.propose('astra', 'recon')).toBe('mission-2');
  t.do({ type: 'BidForContract', missionId: 'mission-1', priceMUsd: 480, buildMonths: 16, reliability: 0.92 }, playerOf('astra'));
  t.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Kenya asks for help with tracking.' }, playerOf('kenya'));
  t.do({ type: 'ProposeResolution', kind: 'endorse-mission', missionId: 'mission-1' }, playerOf('copuos'));
  if (phase === 'deliberation') return t.state;
  t.toPhase('orders');
  for (const id of seatedActors) t.submit(id, [0]);
  if (phase === 'orders') return t.state;
  t.advance();
  expect(t.state.phase).toBe('resolution');
  if (phase === 'resolution') return t.state;
  t.do({ type: 'EndExercise', reason: 'The table has seen enough.' });
  expect(t.state.phase).toBe('ended');
  return t.state;
}

// ---------------------------------------------------------------- one plausible payload per kind

/** Another actor than the issuer, for commands that name one. */
const otherThan = (who: Who) => (who === 'usa' ? 'japan' : 'usa');

/**
 * One plausible command of each kind, as the issuer would send it (the right ids for the
 * business set up in `tableIn`). Kinds missing here get a sample built from their schema.
 */
const PAYLOADS: { [K in ClientCommandType]?: (who: Who) => Extract<ClientCommand, { type: K }> } = {
  ClaimSeat: () => ({ type: 'ClaimSeat', seat: 'actor:bangladesh' }),
  RequestDelegation: () => ({ type: 'RequestDelegation', actorId: 'usa' }),
  AnswerDelegationRequest: () => ({ type: 'AnswerDelegationRequest', requestId: 'delegation-request-1', accept: false }),
  SetTalkQuota: () => ({ type: 'SetTalkQuota', messagesPerPhase: 60 }),
  ReleaseSeat: () => ({ type: 'ReleaseSeat' }),
  AdvancePhase: () => ({ type: 'AdvancePhase' }),
  SendMessage: () => ({ type: 'SendMessage', to: 'public', text: 'We should talk about the corridor.' }),
  SubmitOrders: () => ({ type: 'SubmitOrders', orders: { observeMUsd: 5, missionFunding: {} } }),
  SetReady: () => ({ type: 'SetReady', ready: true }),
  EndExercise: () => ({ type: 'EndExercise', reason: 'Time is up.' }),
  PostStatement: () => ({ type: 'PostStatement', text: 'We take the threat seriously.' }),
  ProposeMission: (who) => ({ type: 'ProposeMission', missionTypeId: 'recon', direction: 'toward-start', providerId: isActor(who) ? who : 'usa' }),
  AuthoriseMission: () => ({ type: 'AuthoriseMission', missionId: 'mission-2', granted: true }),
  LaunchMission: () => ({ type: 'LaunchMission', missionId: 'mission-1' }),
  OrderEvacuation: () => ({ type: 'OrderEvacuation', level: 'shelter' }),
  IssueIawnNotification: () => ({ type: 'IssueIawnNotification' }),
  ProposeAgreement: (who) => ({ type: 'ProposeAgreement', kind: 'assistance', parties: [otherThan(who)], shares: {}, text: 'Please share your tracking data.' }),
  RespondToAgreement: () => ({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }),
  WithdrawAgreement: () => ({ type: 'WithdrawAgreement', agreementId: 'agreement-1' }),
  ProposeResolution: () => ({ type: 'ProposeResolution', kind: 'endorse-mission', missionId: 'mission-1' }),
  ConveneSmpag: () => ({ type: 'ConveneSmpag' }),
  PauseExercise: () => ({ type: 'PauseExercise' }),
  ResumeExercise: () => ({ type: 'ResumeExercise' }),
  SetPhaseTimer: () => ({ type: 'SetPhaseTimer', seconds: 600 }),
  MoveParticipant: () => ({ type: 'MoveParticipant', participantId: participantOf.none, seat: 'actor:bangladesh' }),
  OverrideValue: () => ({ type: 'OverrideValue', target: { kind: 'actor-budget', actorId: 'kenya', valueMUsd: 80 }, reason: 'A donor conference topped up Kenya.' }),
  FireInject: () => ({ type: 'FireInject', injectId: 'astra-goes-alone' }),
  SkipInject: () => ({ type: 'SkipInject', injectId: 'astra-goes-alone' }),
  PostInject: () => ({ type: 'PostInject', targets: 'all', persona: 'Wire service', channel: 'news', headline: 'Markets wobble', body: 'Insurers ask about the corridor.' }),
  RecordObservation: () => ({ type: 'RecordObservation', actorId: 'kenya', capability: 'coordination', text: 'Kenya rallied support quickly.' }),
  ShareTrackingData: () => ({ type: 'ShareTrackingData', share: false }),
  BidForContract: () => ({ type: 'BidForContract', missionId: 'mission-1', priceMUsd: 450, buildMonths: 18, reliability: 0.9 }),
  AcceptBid: () => ({ type: 'AcceptBid', bidId: 'bid-1' }),
  ContributeInKind: () => ({ type: 'ContributeInKind', missionId: 'mission-1', contribution: 'ground-station' }),
  FileClaim: (who) => ({ type: 'FileClaim', against: [otherThan(who)] }),
  CastVote: () => ({ type: 'CastVote', resolutionId: 'resolution-1', vote: 'yes' }),
};

/** The command of `kind` that `who` sends: the hand-written payload, or a schema-valid sample for a kind added since. */
function payload(kind: ClientCommandType, who: Who): ClientCommand {
  const write = PAYLOADS[kind] as ((who: Who) => ClientCommand) | undefined;
  return write ? write(who) : (sampleOf(schemaOf(kind)) as ClientCommand);
}

const schemaOf = (kind: ClientCommandType) => clientCommandSchema.options.find((o) => o.shape.type.value === kind)!;

interface SchemaDef {
  type: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: Schema[];
  innerType?: Schema;
  in?: Schema;
}
interface Schema {
  _zod: { def: SchemaDef };
  safeParse(value: unknown): { success: boolean };
}

const STRING_CANDIDATES = ['A plausible sentence.', 'kenya', 'actor:kenya', 'mission-1', 'agreement-1', 'resolution-1', 'bid-1', 'delegation-request-1', 'p-none'];
const NUMBER_CANDIDATES = [1, 0, 10, 0.5, 600];

/** A value that satisfies a zod schema, for a command kind that has no hand-written payload yet. */
function sampleOf(schema: unknown): unknown {
  const s = schema as Schema;
  const def = s._zod.def;
  const firstValid = (candidates: readonly unknown[]) => {
    const found = candidates.find((c) => s.safeParse(c).success);
    if (found === undefined) throw new Error(`no sample satisfies this ${def.type} field: write a payload in PAYLOADS`);
    return found;
  };
  switch (def.type) {
    case 'literal':
      return def.values![0];
    case 'enum':
      return Object.values(def.entries!)[0];
    case 'boolean':
      return true;
    case 'number':
      return firstValid(NUMBER_CANDIDATES);
    case 'string':
      return firstValid(STRING_CANDIDATES);
    case 'object':
      return Object.fromEntries(Object.entries(def.shape!).map(([key, field]) => [key, sampleOf(field)]));
    case 'array':
      return [sampleOf(def.element)];
    case 'record':
      return {};
    case 'union':
      return firstValid(def.options!.map((o) => sampleOf(o)));
    case 'optional':
    case 'nullable':
    case 'default':
      return sampleOf(def.innerType);
    case 'pipe':
      return sampleOf(def.in);
    default:
      throw new Error(`no sample for a zod ${def.type}: write a payload in PAYLOADS`);
  }
}

// ---------------------------------------------------------------- the expectations

type Outcome = 'accepted' | RuleErrorCode;
/** One condition a command must meet: null when it holds, else the code the engine answers. */
type Guard = (who: Who, phase: MatrixPhase) => RuleErrorCode | null;

/** Only these seats may: anyone else is refused with `code`. */
const only =
  (whos: readonly Who[], code: RuleErrorCode): Guard =>
  (who) =>
    whos.includes(who) ? null : code;
/** Only in these phases: in any other, refused with `code`. */
const during =
  (phases: readonly MatrixPhase[], code: RuleErrorCode): Guard =>
  (_who, phase) =>
    phases.includes(phase) ? null : code;
/** Refused with `code` in these phases whoever asks (the state of the table forbids it there). */
const blockedIn =
  (phases: readonly MatrixPhase[], code: RuleErrorCode): Guard =>
  (_who, phase) =>
    phases.includes(phase) ? code : null;
/** Refused with `code` whoever asks, whenever (the table never meets its precondition). */
const never =
  (code: RuleErrorCode): Guard =>
  () =>
    code;

const SEATED: readonly Who[] = WHO.filter((w) => w !== 'none');
const CONTROL: readonly Who[] = ['facilitator', 'evaluator'];
const FACILITATOR_ONLY = only(['facilitator'], 'role/not_facilitator');
const ACTORS_ONLY = only(ACTORS, 'role/not_actor');

/**
 * The rules, per command, as guards checked in order. Once the exercise has ended every
 * command is refused with `exercise/ended` (checked before these).
 */
const RULES: Record<string, readonly Guard[]> = {
  // Seats: only the unseated take one (the free seat: Bangladesh's); anyone seated may give theirs up.
  ClaimSeat: [only(['none'], 'seat/already_seated')],
  // Asking to join the USA's delegation: anyone without a seat (the USA's own player already sits there: a no-op, accepted).
  RequestDelegation: [only(['none', 'usa'], 'seat/already_seated')],
  // A request to join the USA's delegation is answered by the USA's delegation or the facilitator.
  AnswerDelegationRequest: [only(['usa', 'facilitator'], 'delegation/not_member')],
  ReleaseSeat: [only(SEATED, 'seat/none')],
  // The facilitator paces and ends the exercise.
  AdvancePhase: [FACILITATOR_ONLY],
  EndExercise: [FACILITATOR_ONLY],
  // Actors and the facilitator talk, in every phase.
  SendMessage: [only(['facilitator', ...ACTORS], 'role/cannot_post')],
  // Secret orders and readiness: actors, in the orders phase.
  SubmitOrders: [ACTORS_ONLY, during(['orders'], 'phase/not_orders')],
  SetReady: [ACTORS_ONLY, during(['orders'], 'phase/not_orders')],
  PostStatement: [ACTORS_ONLY, during(STARTED, 'exercise/not_started')],
  // Missions are negotiated in deliberation and orders: space-faring states and companies lead them.
  ProposeMission: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa', 'astra'], 'mission/not_capable')],
  // A company's mission is authorised by its state of nationality (OST art. VI): Astra's by the USA.
  AuthoriseMission: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa'], 'mission/not_authoriser')],
  // Only the lead launches, and only a built mission: none is built yet.
  LaunchMission: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa'], 'mission/not_lead'), never('mission/not_ready')],
  BidForContract: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['astra'], 'bid/not_company')],
  AcceptBid: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa'], 'mission/not_lead')],
  // A ground station needs a tracking network or observatories.
  ContributeInKind: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa', 'kenya'], 'inkind/not_capable')],
  // States protect their own territory, once the exercise has begun.
  OrderEvacuation: [only(STATES, 'role/not_state'), during(STARTED, 'exercise/not_started')],
  // The UN body: IAWN's notification and SMPAG (2031 KX starts above their 1 % threshold), resolutions.
  IssueIawnNotification: [only(['copuos'], 'role/not_un'), during(STARTED, 'exercise/not_started')],
  ConveneSmpag: [only(['copuos'], 'role/not_un'), during(STARTED, 'exercise/not_started')],
  ProposeResolution: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['copuos'], 'role/not_un')],
  // Agreements: any actor proposes; the named party answers; the proposer withdraws.
  ProposeAgreement: [ACTORS_ONLY, during(TALKS, 'phase/closed')],
  RespondToAgreement: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['usa'], 'agreement/not_party')],
  WithdrawAgreement: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(['kenya'], 'agreement/not_proposer')],
  // Only states vote on resolutions.
  CastVote: [ACTORS_ONLY, during(TALKS, 'phase/closed'), only(STATES, 'vote/not_state')],
  // Only actors with observatories hold tracking data to share or withhold.
  ShareTrackingData: [ACTORS_ONLY, during(STARTED, 'exercise/not_started'), only(['usa', 'kenya'], 'tracking/no_observatories')],
  // Claims follow damage; there is none before the encounter.
  FileClaim: [never('claim/no_damage')],
  // The control cell's tools: the facilitator's alone; observations are the evaluators' too.
  PauseExercise: [FACILITATOR_ONLY],
  ResumeExercise: [FACILITATOR_ONLY, never('exercise/not_paused')],
  SetPhaseTimer: [FACILITATOR_ONLY, blockedIn(['lobby'], 'phase/closed')],
  SetTalkQuota: [FACILITATOR_ONLY],
  MoveParticipant: [FACILITATOR_ONLY],
  OverrideValue: [FACILITATOR_ONLY],
  FireInject: [FACILITATOR_ONLY, blockedIn(['lobby'], 'phase/closed')],
  SkipInject: [FACILITATOR_ONLY],
  PostInject: [FACILITATOR_ONLY, blockedIn(['lobby'], 'phase/closed')],
  RecordObservation: [only(CONTROL, 'role/not_control')],
};

/** What the rules table says a cell should be. */
function expected(kind: string, who: Who, phase: MatrixPhase): Outcome {
  if (phase === 'ended') return 'exercise/ended';
  for (const guard of RULES[kind] ?? []) {
    const code = guard(who, phase);
    if (code !== null) return code;
  }
  return 'accepted';
}

// ---------------------------------------------------------------- the matrix

interface Cell {
  kind: ClientCommandType;
  who: Who;
  phase: MatrixPhase;
  command: ClientCommand;
  decision: Decision;
}

const outcomeOf = (d: Decision): Outcome => (d.ok ? 'accepted' : d.error.code);

/** Decides every cell; a cell whose decision throws is recorded as the thrown message, so the test names it. */
function buildMatrix(): { cells: Cell[]; thrown: string[] } {
  const cells: Cell[] = [];
  const thrown: string[] = [];
  for (const phase of PHASES) {
    const state = tableIn(phase);
    for (const kind of COMMAND_KINDS) {
      for (const who of WHO) {
        const command = payload(kind, who);
        try {
          cells.push({ kind, who, phase, command, decision: decide(state, command, { participantId: participantOf[who], at: AT }) });
        } catch (e) {
          thrown.push(`${kind} by ${who} in ${phase}: ${(e as Error).message}`);
        }
      }
    }
  }
  return { cells, thrown };
}

let matrix: { cells: Cell[]; thrown: string[] };

/** The matrix as text, one line per command and phase, for failure messages. */
function render(cells: readonly Cell[]): string {
  const lines = [`${'command'.padEnd(22)} ${'phase'.padEnd(12)} ${WHO.map((w) => w.padEnd(22)).join(' ')}`];
  for (const kind of COMMAND_KINDS) {
    for (const phase of PHASES) {
      const row = WHO.map((who) => {
        const cell = cells.find((c) => c.kind === kind && c.who === who && c.phase === phase);
        return (cell ? outcomeOf(cell.decision) : 'THREW').padEnd(22);
      });
      lines.push(`${kind.padEnd(22)} ${phase.padEnd(12)} ${row.join(' ')}`);
    }
  }
  return lines.join('\n');
}

describe('the authorisation matrix (every client command × every seat kind × every phase)', () => {
  beforeAll(() => {
    matrix = buildMatrix();
  });

  it('enumerates the client commands from the schema, and every hand-written payload is valid for it', () => {
    expect(COMMAND_KINDS.length).toBeGreaterThan(20);
    for (const kind of COMMAND_KINDS) {
      for (const who of WHO) {
        const result = schemaOf(kind).safeParse(payload(kind, who));
        expect(result.success, `the ${kind} payload of ${who} must pass the wire schema`).toBe(true);
      }
    }
  });

  it('can build a schema-valid sample of every kind, for kinds added without a hand-written payload', () => {
    for (const kind of COMMAND_KINDS) {
      expect(schemaOf(kind).safeParse(sampleOf(schemaOf(kind))).success, `a sample ${kind}`).toBe(true);
    }
  });

  it('is total: every cell is decided, none throws', () => {
    expect(matrix.thrown).toEqual([]);
    expect(matrix.cells).toHaveLength(COMMAND_KINDS.length * WHO.length * PHASES.length);
    for (const cell of matrix.cells) expect(typeof cell.decision.ok).toBe('boolean');
  });

  it('answers every refusal with a namespaced code and a sentence', () => {
    for (const { kind, who, phase, decision } of matrix.cells) {
      if (decision.ok) continue;
      expect(decision.error.code, `${kind} by ${who} in ${phase}`).toMatch(/^[a-z]+\/[a-z_]+$/);
      expectSentence(decision.error.message);
    }
  });

  it('declares who may issue every client command', () => {
    const undeclared = COMMAND_KINDS.filter((kind) => RULES[kind] === undefined);
    expect(undeclared, 'add a row to RULES for each new command: who may issue it, and when').toEqual([]);
  });

  it('follows the rules table in every cell', () => {
    const wrong = matrix.cells
      .filter((c) => RULES[c.kind] !== undefined && outcomeOf(c.decision) !== expected(c.kind, c.who, c.phase))
      .map((c) => `${c.kind} by ${c.who} in ${c.phase}: expected ${expected(c.kind, c.who, c.phase)}, got ${outcomeOf(c.decision)}`);
    expect(wrong, `the matrix:\n${render(matrix.cells)}`).toEqual([]);
  });

  it('lets nothing but leaving happen once the exercise has ended', () => {
    const ended = matrix.cells.filter((c) => c.phase === 'ended');
    expect(ended.filter((c) => c.decision.ok).map((c) => `${c.kind} by ${c.who}`)).toEqual([]);
    const endedState = tableIn('ended');
    for (const who of WHO) {
      const d = decide(endedState, { type: 'LeaveExercise', reason: 'left' }, { participantId: participantOf[who], at: AT });
      // Leaving may end delegation requests too (`mootRequests`); that is all it does.
      expect(d, `LeaveExercise by ${who} after the end`).toEqual({ ok: true, events: [{ type: 'ParticipantLeft', participantId: participantOf[who], reason: 'left', mootRequests: expect.any(Array) as unknown }] });
    }
  });

  it('lets a participant without a seat only take one (or ask to join a delegation), and the display only give its seat up', () => {
    // Holds for every command kind, including those without a row in the rules table yet.
    const allowed = matrix.cells.filter((c) => c.decision.ok && (c.who === 'none' || c.who === 'display')).map((c) => `${c.kind} by ${c.who}`);
    expect([...new Set(allowed)].sort()).toEqual(['ClaimSeat by none', 'ReleaseSeat by display', 'RequestDelegation by none']);
  });

  it('refuses every command but talk, seats and the control cell while the exercise is paused', () => {
    const goesOn = new Set<string>(['ClaimSeat', 'RequestDelegation', 'AnswerDelegationRequest', 'ReleaseSeat', 'SendMessage', 'EndExercise', 'SetPhaseTimer', 'SetTalkQuota', 'MoveParticipant', 'OverrideValue', 'FireInject', 'SkipInject', 'PostInject', 'RecordObservation']);
    const running = tableIn('orders');
    const t = new Table(SEED, []);
    t.state = running;
    t.do({ type: 'PauseExercise' });
    const paused = t.state;
    const outcomeIn = (state: ExerciseState, kind: ClientCommandType, who: Who) => outcomeOf(decide(state, payload(kind, who), { participantId: participantOf[who], at: AT }));
    for (const kind of COMMAND_KINDS) {
      if (kind === 'PauseExercise' || kind === 'ResumeExercise') continue;
      for (const who of WHO) {
        const expectedOutcome = goesOn.has(kind) ? outcomeIn(running, kind, who) : 'exercise/paused';
        expect(outcomeIn(paused, kind, who), `${kind} by ${who} while paused`).toBe(expectedOutcome);
      }
    }
    expect(outcomeIn(paused, 'PauseExercise', 'facilitator')).toBe('exercise/paused');
    expect(outcomeIn(paused, 'ResumeExercise', 'facilitator')).toBe('accepted');
    expect(outcomeIn(paused, 'ResumeExercise', 'evaluator')).toBe('role/not_facilitator');
  });
});
