import { Client, type Room } from 'colyseus.js';
import type { ClientCommand } from '../../shared/engine/commands.js';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import type { LegalCommands } from '../../shared/engine/legal-commands.js';
import type { PlayerView } from '../../shared/engine/view.js';
import {
  ClientMessage,
  ServerMessage,
  type AcceptedMessage,
  type CommandEnvelope,
  type CreateExerciseResponse,
  type HttpError,
  type JoinLookupResponse,
  type RejectedMessage,
  type ScenarioListResponse,
  type WelcomeMessage,
  type WireEvent,
} from '../../shared/protocol.js';
import { emptyLegal, store } from './store.js';
import { presenceOf, wireToView, type WireStateJson } from './wire.js';

// The only module that touches colyseus.js. It owns the room and writes the store.

const TAB_KEY = 'deflect.session';

interface TabSession {
  roomId: string;
  exerciseId: string;
  joinCode: string;
  name: string;
  reconnectionToken: string;
  facilitatorKey: string | null;
  /** The seat last held, so that after a server restart the tab can ask for it again. */
  seat?: SeatId | null;
  /** The server's secret for taking this participant back after a restart. */
  rejoinKey?: string;
}

let client: Client | null = null;
let room: Room | null = null;
let commandCounter = 0;

function origin(): { http: string; ws: string } {
  const loc = globalThis.location;
  const http = `${loc.protocol}//${loc.host}`;
  return { http, ws: http.replace(/^http/, 'ws') };
}

function colyseus(): Client {
  client ??= new Client(origin().ws);
  return client;
}

function tab(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function saveTab(s: TabSession | null): void {
  const t = tab();
  if (!t) return;
  if (s === null) t.removeItem(TAB_KEY);
  else t.setItem(TAB_KEY, JSON.stringify(s));
}

function loadTab(): TabSession | null {
  const raw = tab()?.getItem(TAB_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as TabSession;
  } catch {
    return null;
  }
}

async function http<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${origin().http}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
  const body = (await res.json().catch(() => null)) as T | HttpError | null;
  if (!res.ok) {
    const err = (body as HttpError | null)?.error;
    throw new Error(err ? err.message : `The server answered ${res.status}.`);
  }
  return body as T;
}

/** Loads the list of bundled scenarios into the store. */
export async function loadScenarios(): Promise<void> {
  try {
    const list = await http<ScenarioListResponse>('/api/scenarios');
    store.setState({ scenarios: list.scenarios });
  } catch (e) {
    store.setState({ connectionError: `Could not load the scenarios: ${(e as Error).message}` });
  }
}

/** Creates an exercise from a scenario (with a fixed random seed for a rehearsal, if given) and joins it as its facilitator. */
export async function createExercise(scenarioId: string, name: string, seed: number | null = null): Promise<void> {
  store.setState({ connection: 'connecting', connectionError: null });
  try {
    const created = await http<CreateExerciseResponse>('/api/exercises', {
      method: 'POST',
      body: JSON.stringify(seed === null ? { scenarioId } : { scenarioId, seed }),
    });
    store.setState({ facilitatorKey: created.facilitatorKey });
    await joinExercise(created.joinCode, name, created.facilitatorKey, 'facilitator');
  } catch (e) {
    store.setState({ connection: 'idle', connectionError: (e as Error).message });
  }
}

/** Joins an exercise by its code; with the facilitator key the participant may take the facilitator seat. */
export async function joinExercise(
  code: string,
  name: string,
  facilitatorKey: string | null = null,
  seat: SeatId | null = null,
  rejoinKey: string | null = null,
): Promise<void> {
  store.setState({ connection: 'connecting', connectionError: null });
  try {
    const normalised = code.trim().toUpperCase();
    const found = await http<JoinLookupResponse>(`/api/join/${encodeURIComponent(normalised)}`);
    const joined = await colyseus().joinById(found.roomId, {
      code: normalised,
      name,
      ...(facilitatorKey ? { facilitatorKey } : {}),
      ...(rejoinKey ? { rejoinKey } : {}),
    });
    attach(joined, { roomId: found.roomId, exerciseId: found.exerciseId, joinCode: normalised, name, facilitatorKey });
    // After a restart the server gives the participant back with its seat; otherwise ask for the remembered seat.
    if (seat && !rejoinKey) sendCommand({ type: 'ClaimSeat', seat });
    else if (seat) setTimeout(() => {
      if (store.getState().mySeat === null) sendCommand({ type: 'ClaimSeat', seat });
    }, 500);
  } catch (e) {
    store.setState({ connection: 'idle', connectionError: describeJoinError(e) });
  }
}

function describeJoinError(e: unknown): string {
  const message = (e as Error)?.message ?? String(e);
  return message || 'Could not join the exercise.';
}

/** Reconnects this tab to the seat it held before a reload or a dropped connection. */
export async function resumeFromTab(): Promise<boolean> {
  const saved = loadTab();
  if (!saved) return false;
  store.setState({ connection: 'reconnecting', joinCode: saved.joinCode, facilitatorKey: saved.facilitatorKey });
  try {
    const resumed = await colyseus().reconnect(saved.reconnectionToken);
    attach(resumed, saved);
    return true;
  } catch {
    // The grace period has passed (or the server restarted): join again with the same code.
    saveTab(null);
    await joinExercise(saved.joinCode, saved.name, saved.facilitatorKey, saved.seat ?? null, saved.rejoinKey ?? null);
    return store.getState().connection === 'connected';
  }
}

function attach(joined: Room, meta: Omit<TabSession, 'reconnectionToken'>): void {
  room = joined;
  saveTab({ ...meta, reconnectionToken: joined.reconnectionToken });
  store.setState({
    connection: 'connected',
    connectionError: null,
    exerciseId: meta.exerciseId,
    joinCode: meta.joinCode,
    facilitatorKey: meta.facilitatorKey,
    participantId: joined.sessionId,
  });

  joined.onStateChange((state) => {
    const json = (state as { toJSON(): WireStateJson }).toJSON();
    const participantId = store.getState().participantId;
    const mySeat = (json.seats.find((s) => s.holders.some((h) => h.participantId === participantId))?.seat ?? null) as SeatId | null;
    if (mySeat !== store.getState().mySeat) {
      const saved = loadTab();
      if (saved) saveTab({ ...saved, seat: mySeat });
    }
    store.setState({ view: wireToView(json, mySeat), presence: presenceOf(json), mySeat });
  });
  joined.onMessage(ServerMessage.welcome, (m: WelcomeMessage) => {
    store.setState({ participantId: m.participantId, controller: m.controller });
    const saved = loadTab();
    if (saved && m.rejoinKey) saveTab({ ...saved, rejoinKey: m.rejoinKey });
  });
  joined.onMessage(ServerMessage.legal, (legal: LegalCommands) => store.setState({ legal }));
  joined.onMessage(ServerMessage.viewAs, (m: { seat: SeatId; view: PlayerView }) => store.setState({ viewAs: m }));
  joined.onMessage(ServerMessage.events, (m: { events: WireEvent[] }) => {
    store.setState((s) => ({ events: [...s.events, ...m.events].slice(-200) }));
  });
  joined.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
    store.setState((s) => {
      const type = s.pending[m.commandId];
      const pending = { ...s.pending };
      delete pending[m.commandId];
      const failures = { ...s.failures };
      if (type) delete failures[type];
      return { pending, failures };
    });
  });
  joined.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
    store.setState((s) => {
      const type = m.commandId ? (s.pending[m.commandId] ?? null) : null;
      const pending = { ...s.pending };
      if (m.commandId) delete pending[m.commandId];
      return { pending, failures: { ...s.failures, [type ?? 'join']: { commandId: m.commandId, commandType: type, code: m.code, message: m.message } } };
    });
  });
  joined.onLeave((code) => {
    room = null;
    if (code === 1000 || code === 4000) {
      // Consented leave (we left, or the exercise closed): forget this tab's seat.
      saveTab(null);
      store.setState({ connection: 'idle', view: null, legal: emptyLegal, mySeat: null });
      return;
    }
    void reconnectWithBackoff();
  });
}

async function reconnectWithBackoff(): Promise<void> {
  store.setState({ connection: 'reconnecting' });
  for (let attempt = 0; attempt < 12; attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(5000, 500 * 2 ** attempt)));
    const saved = loadTab();
    if (!saved) break;
    try {
      attach(await colyseus().reconnect(saved.reconnectionToken), saved);
      return;
    } catch {
      // try again until the server's grace period is over
    }
  }
  store.setState({ connection: 'lost', connectionError: 'The connection to the exercise was lost. Reload the page to join again.' });
}

/** Sends a command to the exercise; the answer arrives as `accepted` or `rejected`. Returns the command's id. */
export function sendCommand(command: ClientCommand): string | null {
  if (!room) {
    store.setState((s) => ({
      failures: { ...s.failures, [command.type]: { commandId: null, commandType: command.type, code: 'connection/none', message: 'Not connected to the exercise.' } },
    }));
    return null;
  }
  const commandId = `c${++commandCounter}`;
  const envelope: CommandEnvelope = { commandId, command };
  store.setState((s) => ({ pending: { ...s.pending, [commandId]: command.type } }));
  room.send(ClientMessage.command, envelope);
  return commandId;
}

/** Asks the server for the exercise as `seat` sees it (control cell only); null clears the look. */
export function requestViewAs(seat: SeatId | null): void {
  if (seat === null) {
    store.setState({ viewAs: null });
    return;
  }
  room?.send(ClientMessage.viewAs, seat);
}

/** Leaves the exercise for good (the seat is released). */
export async function leaveExercise(): Promise<void> {
  saveTab(null);
  await room?.leave(true);
  room = null;
  store.setState({ connection: 'idle', view: null, legal: emptyLegal, mySeat: null, exerciseId: null, participantId: null });
}

/** The actor this tab speaks for, if it holds an actor seat. */
export function myActorId(): string | null {
  return actorOfSeat(store.getState().mySeat);
}
