import { Client, type Room } from 'colyseus.js';
import type { ClientCommand } from '../../shared/engine/commands.js';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import {
  CLOSE_SUPERSEDED,
  ClientMessage,
  ServerMessage,
  type AcceptedMessage,
  type CommandEnvelope,
  type CreateExerciseResponse,
  type HttpError,
  type JoinLookupResponse,
  type JoinOptions,
  type RejectedMessage,
  type ScenarioListResponse,
  type WelcomeMessage,
} from '../../shared/protocol.js';
import { createUpdateFollower } from './follow.js';
import { Outbox, type Unanswered } from './outbox.js';
import { describeRefusal, refusedCommand } from './refusals.js';
import { emptyLegal, store, type DeflectState, type RememberedSessionNotice } from './store.js';

// The only module that touches colyseus.js. It owns the room and writes the store.
//
// One way back for every kind of interruption (a dropped socket, a reload, a tab closed and
// opened again, a server restart, another tab): join the exercise again with its code and the
// participant's rejoin key; the server gives the same participant, seat and drafts back, and
// sends a snapshot of the seat's view. See docs/adr/0002-seat-views-as-messages.md.

const TAB_KEY = 'deflect.session';
/** The browser's memory of the session a tab last held, so that a new tab can take it up once that tab is closed. */
const BROWSER_KEY = 'deflect.lastSession';
/** Older than this, a remembered session is not taken up by itself (its exercise is most likely over): the start page offers it. */
const REMEMBERED_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** How long a new tab waits for another tab to say that it holds the remembered session. */
const HOLDER_ANSWER_WAIT_MS = 200;
/** Pauses between attempts to get back into the exercise after the connection dropped (the last one repeats). */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 3000, 5000];

interface TabSession {
  roomId: string;
  exerciseId: string;
  joinCode: string;
  name: string;
  /** The exercise's keys this tab knows: it joins with the facilitator key if it has it, else the evaluator key. */
  facilitatorKey: string | null;
  evaluatorKey?: string | null;
  /** Known only to the tab that created the exercise, which shows it to hand out (nobody joins a room with it). */
  debriefKey?: string | null;
  /** The seat last held, so that a participant whose seat was released can ask for it again. */
  seat?: SeatId | null;
  /** The seat's name at the table ("Kenya"), to tell the person which session is meant. */
  seatLabel?: string | null;
  /** The server's secret for taking this participant back on any new connection. */
  rejoinKey?: string;
  /** Who this tab speaks for in the exercise, so that tabs can ask each other who holds it. */
  participantId?: string | null;
}

/** A tab session as the browser remembers it, with when it was saved (ms since the epoch). */
interface RememberedSession extends TabSession {
  savedAt: number;
}

/** What the tabs of one browser tell each other about a session (`holder` is `holderIdOf` it). */
type TabMessage = { kind: 'who-holds'; holder: string } | { kind: 'held'; holder: string };

let client: Client | null = null;
let room: Room | null = null;
/** The commands given on this page that have had no answer yet, sent again after a reconnection. */
const outbox = new Outbox();
/** The participant this tab holds or is taking up (`holderIdOf`): other tabs asking about it are answered. */
let holding: string | null = null;
let tabs: BroadcastChannel | null = null;
/** Bumped on every new connection attempt, so that a stale attempt or loop gives up. */
let generation = 0;

function origin(): { http: string; ws: string } {
  const loc = globalThis.location;
  const http = `${loc.protocol}//${loc.host}`;
  return { http, ws: http.replace(/^http/, 'ws') };
}

function colyseus(): Client {
  client ??= new Client(origin().ws);
  return client;
}

function storage(kind: 'tab' | 'browser'): Storage | null {
  try {
    return (kind === 'tab' ? globalThis.sessionStorage : globalThis.localStorage) ?? null;
  } catch {
    return null;
  }
}

function readJson<T>(kind: 'tab' | 'browser', key: string): T | null {
  const raw = storage(kind)?.getItem(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

function loadTab(): TabSession | null {
  return readJson<TabSession>('tab', TAB_KEY);
}

function loadRemembered(): RememberedSession | null {
  return readJson<RememberedSession>('browser', BROWSER_KEY);
}

/** The same participant of the same exercise, whichever tab speaks for it. */
function holderIdOf(s: TabSession): string {
  return `${s.exerciseId}/${s.participantId ?? s.name}`;
}

/** Keeps the session in the tab (for a reload) and in the browser (for a new tab once this one is closed). */
function remember(s: TabSession): void {
  storage('tab')?.setItem(TAB_KEY, JSON.stringify(s));
  rememberInBrowser(s);
}

function rememberInBrowser(s: TabSession): void {
  const { savedAt: _savedAt, ...session } = s as RememberedSession;
  const remembered: RememberedSession = { ...session, savedAt: Date.now() };
  storage('browser')?.setItem(BROWSER_KEY, JSON.stringify(remembered));
}

/** Forgets the tab's session and, when it remembers the same participant, the browser's memory of it. */
function forget(s: TabSession | null): void {
  storage('tab')?.removeItem(TAB_KEY);
  const remembered = loadRemembered();
  if (s && remembered && holderIdOf(remembered) === holderIdOf(s)) storage('browser')?.removeItem(BROWSER_KEY);
}

function tellTabs(message: TabMessage): void {
  tabs?.postMessage(message);
}

/** Resolves true if another tab says `kind` about `holder` within `ms`, else false. */
function hearFromTab(kind: TabMessage['kind'], holder: string, ms: number): Promise<boolean> {
  const channel = tabs;
  if (!channel) return Promise.resolve(false);
  return new Promise((resolve) => {
    const listen = (e: MessageEvent<TabMessage>) => {
      if (e.data?.kind === kind && e.data.holder === holder) done(true);
    };
    const timer = setTimeout(() => done(false), ms);
    function done(heard: boolean) {
      clearTimeout(timer);
      channel!.removeEventListener('message', listen);
      resolve(heard);
    }
    channel.addEventListener('message', listen);
  });
}

/** Answers the other tabs of this browser about the session this tab holds, and remembers it when the tab is closed. */
function listenToOtherTabs(): void {
  if (tabs !== null || typeof BroadcastChannel === 'undefined') return;
  tabs = new BroadcastChannel('deflect');
  tabs.addEventListener('message', (e: MessageEvent<TabMessage>) => {
    if (holding !== null && e.data?.kind === 'who-holds' && e.data.holder === holding) tellTabs({ kind: 'held', holder: holding });
  });
  // The tab closed last is the one a new tab takes up, even if another tab saved its session since.
  globalThis.addEventListener?.('pagehide', () => {
    const saved = loadTab();
    if (saved && holding !== null) rememberInBrowser(saved);
  });
}

function noticeOf(s: TabSession, where: RememberedSessionNotice['where']): RememberedSessionNotice {
  return { joinCode: s.joinCode, name: s.name, seatLabel: s.seatLabel ?? null, where };
}

/** Back to the start page, with nothing of the exercise left on the screen. */
function clearExercise(extra: Partial<DeflectState> = {}): void {
  outbox.dropAll();
  store.setState({
    connection: 'idle',
    view: null,
    legal: emptyLegal,
    presence: {},
    mySeat: null,
    exerciseId: null,
    participantId: null,
    pending: {},
    viewAs: null,
    viewProblem: null,
    role: null,
    facilitatorKey: null,
    evaluatorKey: null,
    debriefKey: null,
    ...extra,
  });
}

/**
 * Runs `claim` while no other tab of the browser runs it (Web Locks, where the browser has them),
 * so that two tabs opened at once do not both take up the remembered session.
 */
function oneTabAtATime<T>(claim: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return claim();
  return locks.request('deflect.resume', claim) as Promise<T>;
}

/** An HTTP answer that says the exercise cannot be joined at all (as opposed to a server that is not there). */
class NotJoinable extends Error {}

async function http<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${origin().http}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
  });
  const body = (await res.json().catch(() => null)) as T | HttpError | null;
  if (!res.ok) {
    const err = (body as HttpError | null)?.error;
    const message = err ? err.message : `The server answered ${res.status}.`;
    throw res.status >= 400 && res.status < 500 && res.status !== 429 ? new NotJoinable(message) : new Error(message);
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
    const keys: ExerciseKeys = { facilitatorKey: created.facilitatorKey, evaluatorKey: created.evaluatorKey, debriefKey: created.debriefKey };
    store.setState(keys);
    await joinExercise(created.joinCode, name, keys, 'facilitator');
  } catch (e) {
    store.setState({ connection: 'idle', connectionError: (e as Error).message });
  }
}

/** The keys of an exercise a tab may know: the facilitator's runs it, the evaluator's observes it, the debrief's replays it. */
export interface ExerciseKeys {
  facilitatorKey?: string | null;
  evaluatorKey?: string | null;
  debriefKey?: string | null;
}

/**
 * Joins an exercise by its code as a new participant; with the facilitator key the participant
 * may take the facilitator seat, with the evaluator key the evaluator seat.
 */
export async function joinExercise(code: string, name: string, keys: ExerciseKeys = {}, seat: SeatId | null = null): Promise<void> {
  const attempt = ++generation;
  store.setState({ connection: 'connecting', connectionError: null });
  try {
    await connect(attempt, {
      joinCode: code.trim().toUpperCase(),
      name,
      facilitatorKey: keys.facilitatorKey ?? null,
      evaluatorKey: keys.evaluatorKey ?? null,
      debriefKey: keys.debriefKey ?? null,
      seat,
    });
  } catch (e) {
    if (attempt === generation) store.setState({ connection: 'idle', connectionError: describeJoinError(e) });
  }
}

function describeJoinError(e: unknown): string {
  const message = (e as Error)?.message ?? String(e);
  return message || 'Could not join the exercise.';
}

/**
 * One connection attempt: finds the exercise's room by its code (the server restores it from
 * the log if needed) and joins it — as the participant of `rejoinKey` when there is one.
 */
async function connect(
  attempt: number,
  meta: Pick<TabSession, 'joinCode' | 'name' | 'facilitatorKey' | 'evaluatorKey' | 'debriefKey' | 'seat' | 'seatLabel' | 'rejoinKey' | 'participantId'>,
): Promise<void> {
  const found = await http<JoinLookupResponse>(`/api/join/${encodeURIComponent(meta.joinCode)}`);
  const options: JoinOptions = {
    code: meta.joinCode,
    name: meta.name,
    // One key, the one that lets the participant do most: the facilitator's tab also knows the evaluator key, to hand it out.
    ...(meta.facilitatorKey ? { facilitatorKey: meta.facilitatorKey } : meta.evaluatorKey ? { evaluatorKey: meta.evaluatorKey } : {}),
    ...(meta.rejoinKey ? { rejoinKey: meta.rejoinKey } : {}),
  };
  const joined = await colyseus().joinById(found.roomId, options);
  if (attempt !== generation) {
    // Superseded by a newer attempt (or the person left) while this one was under way.
    void joined.leave(true);
    return;
  }
  attach(joined, { ...meta, roomId: found.roomId, exerciseId: found.exerciseId });
}

/**
 * Takes up this tab's session at start-up (after a reload); else the session this browser
 * remembers (a closed tab's), unless another open tab holds it or it is old — then the start
 * page offers it.
 */
export async function resumeFromTab(): Promise<boolean> {
  listenToOtherTabs();
  const saved = loadTab();
  if (saved) return resume(saved);
  const remembered = loadRemembered();
  if (!remembered) return false;
  if (!(Date.now() - remembered.savedAt < REMEMBERED_MAX_AGE_MS)) {
    store.setState({ rememberedSession: noticeOf(remembered, 'earlier') });
    return false;
  }
  const holder = holderIdOf(remembered);
  const free = await oneTabAtATime(async () => {
    tellTabs({ kind: 'who-holds', holder });
    if (await hearFromTab('held', holder, HOLDER_ANSWER_WAIT_MS)) return false;
    // Claimed before the lock is let go, so that a tab asking next hears that this one holds it.
    holding = holder;
    return true;
  });
  if (!free) {
    store.setState({ rememberedSession: noticeOf(remembered, 'other-tab') });
    return false;
  }
  return resume(remembered);
}

/**
 * Takes the remembered session up in this tab: the server moves the participant to this
 * connection and tells the tab that held it, which shows why and offers it back.
 */
export async function openRememberedSessionHere(): Promise<boolean> {
  listenToOtherTabs();
  const remembered = loadRemembered() ?? loadTab();
  if (!remembered) {
    store.setState({ rememberedSession: null });
    return false;
  }
  return resume(remembered);
}

/** Takes up a saved session: joins its exercise again with its rejoin key, retrying while the server cannot be reached. */
async function resume(saved: TabSession): Promise<boolean> {
  holding = holderIdOf(saved);
  storage('tab')?.setItem(TAB_KEY, JSON.stringify(saved));
  store.setState({
    connection: 'reconnecting',
    joinCode: saved.joinCode,
    facilitatorKey: saved.facilitatorKey,
    evaluatorKey: saved.evaluatorKey ?? null,
    debriefKey: saved.debriefKey ?? null,
    rememberedSession: null,
    connectionError: null,
  });
  await reconnect(++generation, 0);
  return store.getState().connection === 'connected';
}

/**
 * Gets this tab back into its exercise after the connection dropped or the page was reloaded:
 * tries again and again, with growing pauses, for as long as the server cannot be reached
 * (it may be restarting). Stops only when the server says the exercise cannot be joined, or
 * when the person leaves or another attempt starts.
 */
async function reconnect(attempt: number, firstDelayMs: number): Promise<void> {
  store.setState({ connection: 'reconnecting', reconnectAttempts: 0 });
  for (let tries = 0; ; tries++) {
    const delayMs = tries === 0 ? firstDelayMs : RECONNECT_DELAYS_MS[Math.min(tries - 1, RECONNECT_DELAYS_MS.length - 1)]!;
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const saved = loadTab();
    if (attempt !== generation || !saved) return;
    try {
      await connect(attempt, saved);
      return;
    } catch (e) {
      if (attempt !== generation) return;
      if (e instanceof NotJoinable) {
        forget(saved);
        holding = null;
        clearExercise({ connection: 'lost', connectionError: `Could not get back into exercise ${saved.joinCode}: ${e.message}` });
        return;
      }
      store.setState({ connectionError: null, reconnectAttempts: tries + 1 });
    }
  }
}

function attach(joined: Room, meta: Omit<TabSession, 'seat'> & { seat?: SeatId | null }): void {
  room = joined;
  const receive = createUpdateFollower(
    store,
    () => joined.send(ClientMessage.resync),
    (seat, seatLabel) => {
      const saved = loadTab();
      if (saved) remember({ ...saved, seat, seatLabel });
    },
  );
  const previousParticipant = meta.participantId ?? null;
  const session: TabSession = { ...meta, participantId: previousParticipant };
  remember(session);
  holding = holderIdOf(session);
  store.setState({
    connection: 'connected',
    connectionError: null,
    reconnectAttempts: 0,
    exerciseId: meta.exerciseId,
    joinCode: meta.joinCode,
    facilitatorKey: meta.facilitatorKey,
    evaluatorKey: meta.evaluatorKey ?? null,
    debriefKey: meta.debriefKey ?? null,
    participantId: previousParticipant,
    rememberedSession: null,
  });

  joined.onMessage(ServerMessage.welcome, (m: WelcomeMessage) => {
    store.setState({ participantId: m.participantId, controller: m.controller, role: m.role });
    const saved = loadTab() ?? session;
    const welcomed: TabSession = { ...saved, participantId: m.participantId, ...(m.rejoinKey ? { rejoinKey: m.rejoinKey } : {}) };
    remember(welcomed);
    holding = holderIdOf(welcomed);
    if (m.participantId === previousParticipant) {
      // Back as the same participant: what had no answer is sent again, and the server applies
      // each command once, however many times it arrives. Commands too old to send count as not
      // done (a form keeps its draft); the snapshot shows whether the server had taken them.
      const { resend, tooOld } = outbox.takeForResend(Date.now());
      for (const envelope of resend) joined.send(ClientMessage.command, envelope);
      settleUnsent(tooOld, 'too long ago to send it again');
    } else settleUnsent(outbox.dropAll(), 'and your seat was released meanwhile'); // a new participant: the old one's commands cannot be its
    // A new participant (first join, or the old one was released after the grace period): ask for the seat it should hold.
    if (m.participantId !== previousParticipant && meta.seat) sendCommand({ type: 'ClaimSeat', seat: meta.seat });
  });
  joined.onMessage(ServerMessage.update, receive);
  joined.onMessage(ServerMessage.superseded, () => undefined);
  joined.onMessage(ServerMessage.viewAs, (m: { seat: SeatId; view: PlayerView }) => store.setState({ viewAs: m }));
  joined.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
    outbox.answered(m.commandId);
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
    // The server is closing its rooms for a restart: the command waits for the reconnection and goes again then.
    if (m.code === 'server/restarting' && m.commandId !== null && outbox.has(m.commandId)) return;
    if (m.commandId !== null) outbox.answered(m.commandId);
    store.setState((s) => {
      const refused = refusedCommand(s.pending, m.commandId);
      const pending = { ...s.pending };
      if (refused) delete pending[refused.commandId];
      const failure = { commandId: refused?.commandId ?? m.commandId, commandType: refused?.commandType ?? null, code: m.code, message: describeRefusal(m) };
      return { pending, failures: { ...s.failures, [refused?.commandType ?? 'join']: failure } };
    });
  });
  joined.onLeave((code) => {
    if (room !== joined) return;
    room = null;
    if (code === CLOSE_SUPERSEDED) {
      // Another tab or window took this participant: say so, and offer it back.
      const saved = loadTab();
      storage('tab')?.removeItem(TAB_KEY);
      holding = null;
      generation++;
      clearExercise({ rememberedSession: saved ? noticeOf(saved, 'moved') : null });
      return;
    }
    if (code === 1000 || code === 4000) {
      // Consented leave (we left, or the exercise closed): forget this tab's seat.
      forget(loadTab());
      holding = null;
      generation++;
      clearExercise();
      return;
    }
    // Anything else is an interruption: the view stays on screen, marked as reconnecting.
    void reconnect(++generation, 0);
  });
}

/**
 * Sends a command to the exercise; the answer arrives as `accepted` or `rejected`. Returns the
 * command's id. If the connection drops before the answer, the command goes again once the tab
 * is back in its seat (see `Outbox`).
 */
export function sendCommand(command: ClientCommand): string | null {
  if (!room) {
    store.setState((s) => ({
      failures: { ...s.failures, [command.type]: { commandId: null, commandType: command.type, code: 'connection/none', message: 'Not connected to the exercise.' } },
    }));
    return null;
  }
  const envelope: CommandEnvelope = outbox.add(command, Date.now());
  store.setState((s) => ({ pending: { ...s.pending, [envelope.commandId]: command.type } }));
  room.send(ClientMessage.command, envelope);
  return envelope.commandId;
}

/** Commands that will not be sent again (`why` says why): not done, as far as this tab knows (a form keeps its draft). */
function settleUnsent(unsent: readonly Unanswered[], why: string): void {
  if (unsent.length === 0) return;
  store.setState((s) => {
    const pending = { ...s.pending };
    const failures = { ...s.failures };
    for (const { envelope } of unsent) {
      const { commandId, command } = envelope;
      delete pending[commandId];
      failures[command.type] = {
        commandId,
        commandType: command.type,
        code: 'connection/lost',
        message: `The connection dropped before the server answered, ${why}; check the screen and send it again if it is not there.`,
      };
    }
    return { pending, failures };
  });
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
  forget(loadTab());
  holding = null;
  generation++;
  const leaving = room;
  room = null;
  clearExercise();
  await leaving?.leave(true);
}

/** The actor this tab speaks for, if it holds an actor seat. */
export function myActorId(): string | null {
  return actorOfSeat(store.getState().mySeat);
}
