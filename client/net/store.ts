import { createStore } from 'zustand/vanilla';
import type { CommandType } from '../../shared/engine/commands.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from '../../shared/engine/legal-commands.js';
import type { SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import type { ScenarioSummary, WireEvent } from '../../shared/protocol.js';
import type { Presence } from './wire.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'lost';

/** A refusal from the server, kept with the command that caused it so the UI can show it next to that control. */
export interface CommandFailure {
  commandId: string | null;
  commandType: CommandType | null;
  code: string;
  message: string;
}

/** A session this browser remembers that another of its tabs holds: offered on the start page to open here instead. */
export interface SessionInOtherTab {
  joinCode: string;
  name: string;
  /** The seat's name ("Kenya"); null when the participant had no seat. */
  seatLabel: string | null;
}

export interface DeflectState {
  connection: ConnectionStatus;
  /** Why connecting or joining failed, as a sentence. */
  connectionError: string | null;
  scenarios: ScenarioSummary[];
  exerciseId: string | null;
  joinCode: string | null;
  /** Shown to the facilitator who created the exercise; kept in this tab so a reload can rejoin. */
  facilitatorKey: string | null;
  participantId: string | null;
  controller: boolean;
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
  sessionInOtherTab: SessionInOtherTab | null;
}

export const emptyLegal: LegalCommands = NO_LEGAL_COMMANDS;

/** The client's one store. Written only by `client/net`; components read it through selectors. */
export const store = createStore<DeflectState>(() => ({
  connection: 'idle',
  connectionError: null,
  scenarios: [],
  exerciseId: null,
  joinCode: null,
  facilitatorKey: null,
  participantId: null,
  controller: false,
  view: null,
  presence: {},
  mySeat: null,
  legal: emptyLegal,
  events: [],
  pending: {},
  failures: {},
  viewAs: null,
  sessionInOtherTab: null,
}));
