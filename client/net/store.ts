import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CommandType } from '../../shared/engine/commands.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from '../../shared/engine/legal-commands.js';
import type { ParticipantRole, SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import type { ScenarioSummary, WireEvent } from '../../shared/protocol.js';
import type { Presence } from '../../shared/sync.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'lost';

/** A refusal from the server, kept with the command that caused it so the UI can show it next to that control. */
export interface CommandFailure {
  commandId: string | null;
  commandType: CommandType | null;
  code: string;
  message: string;
}

/**
 * A session this browser remembers and this tab does not hold, offered on the start page:
 * held by another tab (`other-tab`), just moved to another tab or window (`moved`), or left
 * behind earlier (`earlier`: rejoin it).
 */
export interface RememberedSessionNotice {
  joinCode: string;
  name: string;
  /** The seat's name ("Kenya"); null when the participant had no seat. */
  seatLabel: string | null;
  where: 'other-tab' | 'moved' | 'earlier';
}

export interface DeflectState {
  connection: ConnectionStatus;
  /** Why connecting or joining failed, as a sentence. */
  connectionError: string | null;
  scenarios: ScenarioSummary[];
  exerciseId: string | null;
  joinCode: string | null;
  /** The facilitator key this tab joined with (shown on the console); kept in this tab so a reload can rejoin. */
  facilitatorKey: string | null;
  /** The evaluator key: the one an evaluator's tab joined with, or the one the facilitator hands out. */
  evaluatorKey: string | null;
  /** The read-only debrief key, known to the tab that created the exercise (to hand out). */
  debriefKey: string | null;
  participantId: string | null;
  controller: boolean;
  /** What the server let this participant be, by the key it joined with (null until welcomed). */
  role: ParticipantRole | null;
  view: PlayerView | null;
  presence: Presence;
  mySeat: SeatId | null;
  legal: LegalCommands;
  /** Domain events this seat was told about, newest last (at most 200 kept). */
  events: WireEvent[];
  /** Commands sent and not yet answered, by id. */
  pending: Record<string, CommandType>;
  /** The control cell's look at the exercise as another seat sees it (answer to `requestViewAs`). */
  viewAs: { seat: SeatId; view: PlayerView } | null;
  /** The latest refusal per command type. */
  failures: Partial<Record<CommandType | 'join', CommandFailure>>;
  rememberedSession: RememberedSessionNotice | null;
  /**
   * Set while the view shown may be behind the server's (an update could not be applied and a
   * snapshot was asked for), with why; null when the view is current.
   */
  viewProblem: string | null;
  /** Failed attempts so far to get back into the exercise while `connection` is 'reconnecting'. */
  reconnectAttempts: number;
}

export const emptyLegal: LegalCommands = NO_LEGAL_COMMANDS;

/** A store in its initial state (the app has one, `store`; tests make their own). */
export function createDeflectStore(): StoreApi<DeflectState> {
  return createStore<DeflectState>(() => ({
    connection: 'idle',
    connectionError: null,
    scenarios: [],
    exerciseId: null,
    joinCode: null,
    facilitatorKey: null,
    evaluatorKey: null,
    debriefKey: null,
    participantId: null,
    controller: false,
    role: null,
    view: null,
    presence: {},
    mySeat: null,
    legal: emptyLegal,
    events: [],
    pending: {},
    failures: {},
    viewAs: null,
    rememberedSession: null,
    viewProblem: null,
    reconnectAttempts: 0,
  }));
}

/** The client's one store. Written only by `client/net`; components read it through selectors. */
export const store = createDeflectStore();
