import { z } from 'zod';
import { clientCommandSchema } from './engine/commands.js';
import type { ParticipantRole } from './engine/seats.js';
import { TEXT_LIMITS, characterCount } from './limits.js';
import { slug } from './validation.js';

/** Name of the Colyseus room kind that runs one exercise. */
export const EXERCISE_ROOM = 'exercise';

/** Room message types, client → server. */
export const ClientMessage = {
  command: 'command',
  /** The control cell asks to see the exercise as a given seat sees it (answered with `viewAs`). */
  viewAs: 'viewAs',
  /** The client could not apply an update (a gap in `seq`, a patch that does not fit): send a snapshot. */
  resync: 'resync',
} as const;

/** Room message types, server → client. */
export const ServerMessage = {
  /** The command with this id was accepted and stored as events `firstSeq..lastSeq`. */
  accepted: 'accepted',
  /** The command was refused: malformed (`protocol/…`) or against the rules (e.g. `phase/not_orders`). */
  rejected: 'rejected',
  /**
   * `SeatUpdate` (shared/sync.ts): this seat's view as a snapshot or a JSON patch, with the events
   * it may know of, what it may do now and who is connected. One per change, per connection.
   */
  update: 'update',
  /** This participant was taken up by another connection (another tab); this one is closed next. */
  superseded: 'superseded',
  /** Sent once on join: who you are in this exercise. */
  welcome: 'welcome',
  /** `{ seat, view }`: the exercise as that seat sees it (playerView), for the control cell. */
  viewAs: 'viewAs',
} as const;

/** A command as sent over the wire, with a client-chosen id so a refusal can be shown next to what caused it. */
export const commandEnvelopeSchema = z.strictObject({
  /**
   * The client's id for the command, unique among all its participant's commands for the
   * exercise's whole life (the browser client's are a random prefix per page and a counter).
   */
  commandId: z.string().min(1).max(64),
  command: clientCommandSchema,
  /**
   * Set when the command is sent again because its connection was lost before the answer came:
   * if the server already applied a command with this id from this participant, it answers
   * `accepted` with the events it stored then and applies nothing twice.
   */
  retry: z.literal(true).optional(),
});
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export interface AcceptedMessage {
  commandId: string;
  firstSeq: number;
  lastSeq: number;
}

export interface RejectedMessage {
  commandId: string | null;
  kind: 'protocol' | 'rule';
  code: string;
  message: string;
}

export interface WireEvent {
  seq: number;
  at: string;
  event: import('./engine/events.js').DomainEvent;
}

/**
 * The largest message a client may send, in bytes as it travels (msgpack). Far above the
 * largest legal command (every text at its limit in 4-byte characters: about 14 kB, checked by
 * a test), so text the UI allows always fits; a larger message is refused with
 * `protocol/too_large` and the connection stays open.
 */
export const MAX_CLIENT_MESSAGE_BYTES = 32 * 1024;

/** Frames larger than this close the connection (WebSocket code 1009) before they are read: no client of ours sends one. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** WebSocket close code of a connection whose participant another connection took over. */
export const CLOSE_SUPERSEDED = 4001;

export interface WelcomeMessage {
  participantId: string;
  exerciseId: string;
  /** Whether this participant may see the control cell's tools (a facilitator or an evaluator key). */
  controller: boolean;
  /** What the key shown on joining allows (none: a participant). */
  role: ParticipantRole;
  /** Secret the tab keeps: shown again when joining after a server restart, it gives the seat back. */
  rejoinKey: string;
}

/** Options a client passes when it joins an exercise room. */
export const joinOptionsSchema = z.strictObject({
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, 'a join code is six letters and digits'),
  name: z
    .string()
    .trim()
    .min(1, 'enter your name')
    .refine((n) => characterCount(n) <= TEXT_LIMITS.participantName, `a name is at most ${TEXT_LIMITS.participantName} characters`),
  facilitatorKey: z.string().min(1).max(200).optional(),
  /** The exercise's evaluator key: joins the room as an evaluator. */
  evaluatorKey: z.string().min(1).max(200).optional(),
  /** An exercise's debrief key: always refused (403) — it is read-only and opens the debrief studio, never a live room. */
  debriefKey: z.string().min(1).max(200).optional(),
  /** The `rejoinKey` of an earlier welcome: after a server restart, takes that participant's seat back. */
  rejoinKey: z.string().min(1).max(200).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/** HTTP `POST /api/exercises`. */
export const createExerciseRequestSchema = z.strictObject({
  scenarioId: slug,
  /** Fixes the random generator (for rehearsals and tests); chosen by the server when absent. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  /**
   * Another table of a conference: the id of an exercise of the same scenario whose group the new
   * one joins (its sessions list then shows both). Needs that exercise's facilitator key in a header.
   */
  tableOf: z.string().min(1).max(100).optional(),
});
export type CreateExerciseRequest = z.infer<typeof createExerciseRequestSchema>;

export interface CreateExerciseResponse {
  exerciseId: string;
  roomId: string;
  joinCode: string;
  /** Secret: whoever holds it can run the exercise. Shown once. */
  facilitatorKey: string;
  /** Secret: joins the room as an evaluator, and reads the log. Shown once. */
  evaluatorKey: string;
  /** Secret, read-only: reads the log and replays it (`GET /api/exercises/:id/events`, `/state`) for the debrief. Shown once. */
  debriefKey: string;
}

/** HTTP `GET /api/join/:code`. */
export interface JoinLookupResponse {
  exerciseId: string;
  roomId: string;
  title: string;
  status: 'open' | 'ended';
}

export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  actorCount: number;
  roundCount: number;
}

/** HTTP `GET /api/scenarios`: the valid scenarios, and the files that failed validation with their errors. */
export interface ScenarioListResponse {
  scenarios: ScenarioSummary[];
  invalid: { file: string; errors: string[] }[];
}

/** Error body of every failed HTTP call. */
export interface HttpError {
  error: { code: string; message: string; details?: string[] };
}
