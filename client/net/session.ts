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
import { emptyLegal, store, type SessionInOtherTab } from './store.js';
import { presenceOf, wireToView, type WireStateJson } from './wire.js';

// The only module that touches colyseus.js. It owns the room and writes the store.

const TAB_KEY = 'deflect.session';
/** The browser's memory of the session a tab last held, so that a new tab can take it up once that tab is closed. */
const BROWSER_KEY = 'deflect.lastSession';
/** Older than this, a remembered session is not taken up by itself: its exercise is most likely over. */
const REMEMBERED_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** How long a new tab waits for another tab to say that it holds the remembered session. */
const HOLDER_ANSWER_WAIT_MS = 200;
/** How long "Open here instead" waits for the holding tab to let go before reconnecting anyway. */
const RELEASE_WAIT_MS = 1500;
/**
 * Pauses before each reconnection attempt when taking up a session after a reload or from another
 * tab: the server offers the seat for reconnection only once it has handled the old connection's
 * close, which a quick reload can beat.
 */
const RECONNECT_RETRY_DELAYS_MS = [0, 250, 500, 1000];

interface TabSession {
  roomId: string;
  exerciseId: string;
  joinCode: string;
  name: string;
  reconnectionToken: string;
  facilitatorKey: string | null;
  /** The seat last held, so that after a server restart the tab can ask for it again. */
  seat?: SeatId | null;
  /** The seat's name at the table ("Kenya"), to tell the person which session another tab holds. */
  seatLabel?: string | null;
  /** The server's secret for taking this participant back after a restart. */
  rejoinKey?: string;
  /** Who this tab speaks for in the exercise, so that tabs can ask each other who holds it. */
  participantId?: string | null;
}

/** A tab session as the browser remembers it, with when it was saved (ms since the epoch). */
interface RememberedSession extends TabSession {
  savedAt: number;
}

/** What the tabs of one browser tell each other about a session (`holder` is `holderIdOf` it). */
type TabMessage =
  | { kind: 'who-holds'; holder: string }
  | { kind: 'held'; holder: string }
  | { kind: 'release'; holder: string }
  | { kind: 'released'; holder: string }
  | { kind: 'taken'; holder: string };

let client: Client | null = null;
let room: Room | null = null;
let commandCounter = 0;
/** The participant this tab holds or is taking up (`holderIdOf`): other tabs asking about it are answered. */
let holding: string | null = null;
let tabs: BroadcastChannel | null = null;

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

/** The same participant of the same exercise, whichever tab or token speaks for it. */
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
    const m = e.data;
    if (holding === null || m?.holder !== holding) return;
    if (m.kind === 'who-holds') tellTabs({ kind: 'held', holder: holding });
    else if (m.kind === 'release') void letGo(true);
    else if (m.kind === 'taken') void letGo(false);
  });
  // The tab closed last is the one a new tab takes up, even if another tab saved its session since.
  globalThis.addEventListener?.('pagehide', () => {
    const saved = loadTab();
    if (saved && holding !== null) rememberInBrowser(saved);
  });
}

/**
 * Gives this tab's session up to another tab of the browser. The connection is dropped without
 * consent, so the server keeps the seat for the other tab's reconnection; this tab goes back to
 * the start page, which offers to take the session back.
 */
async function letGo(answer: boolean): Promise<void> {
  const held = holding!;
  const saved = loadTab();
  const leaving = room;
  holding = null;
  room = null;
  // The other tab reads the newest reconnection token from the browser's memory.
  if (saved) rememberInBrowser(saved);
  storage('tab')?.removeItem(TAB_KEY);
  store.setState({
    connection: 'idle',
    connectionError: null,
    view: null,
    legal: emptyLegal,
    mySeat: null,
    exerciseId: null,
    participantId: null,
    pending: {},
    viewAs: null,
    sessionInOtherTab: saved ? noticeOf(saved) : null,
  });
  if (leaving) await leaving.leave(false);
  if (answer) tellTabs({ kind: 'released', holder: held });
}

function noticeOf(s: TabSession): SessionInOtherTab {
  return { joinCode: s.joinCode, name: s.name, seatLabel: s.seatLabel ?? null };
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

/**
 * Reconnects this tab at start-up: to the seat it held before a reload; else to the session this
 * browser remembers (a closed tab's), unless another open tab holds it — then the start page
 * offers to open it here instead.
 */
export async function resumeFromTab(): Promise<boolean> {
  listenToOtherTabs();
  const saved = loadTab();
  if (saved) return resume(saved);
  const remembered = loadRemembered();
  if (!remembered) return false;
  if (!(Date.now() - remembered.savedAt < REMEMBERED_MAX_AGE_MS)) {
    storage('browser')?.removeItem(BROWSER_KEY);
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
    store.setState({ sessionInOtherTab: noticeOf(remembered) });
    return false;
  }
  return resume(remembered);
}

/** Takes the remembered session over from the tab that holds it: asks that tab to let go, then resumes it here. */
export async function openRememberedSessionHere(): Promise<boolean> {
  listenToOtherTabs();
  const before = loadRemembered();
  if (!before) {
    store.setState({ sessionInOtherTab: null });
    return false;
  }
  const holder = holderIdOf(before);
  store.setState({ connection: 'reconnecting', connectionError: null, sessionInOtherTab: null });
  const released = hearFromTab('released', holder, RELEASE_WAIT_MS);
  tellTabs({ kind: 'release', holder });
  await released;
  // The tab that let go wrote its newest reconnection token to the browser's memory.
  const after = loadRemembered();
  return resume(after && holderIdOf(after) === holder ? after : before);
}

/**
 * Takes up a saved session: reconnects with its token (the server keeps a dropped participant's
 * seat for the grace period), or else joins again with its code, name, key, seat and rejoin key.
 */
async function resume(saved: TabSession): Promise<boolean> {
  const holder = holderIdOf(saved);
  holding = holder;
  store.setState({ connection: 'reconnecting', joinCode: saved.joinCode, facilitatorKey: saved.facilitatorKey, sessionInOtherTab: null });
  let resumed: Room | null = null;
  for (const delayMs of RECONNECT_RETRY_DELAYS_MS) {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (holding !== holder) break;
    try {
      resumed = await colyseus().reconnect(saved.reconnectionToken);
      break;
    } catch {
      // not (yet) offered for reconnection
    }
  }
  if (holding !== holder) {
    // Another tab took the session meanwhile.
    void resumed?.leave(false);
    return false;
  }
  if (resumed) {
    const { savedAt: _savedAt, reconnectionToken: _token, ...meta } = saved as RememberedSession;
    attach(resumed, meta);
    return true;
  }
  // The grace period has passed (or the server restarted): join again with the same code.
  forget(saved);
  holding = null;
  await joinExercise(saved.joinCode, saved.name, saved.facilitatorKey, saved.seat ?? null, saved.rejoinKey ?? null);
  return store.getState().connection === 'connected';
}

function attach(joined: Room, meta: Omit<TabSession, 'reconnectionToken'>): void {
  room = joined;
  // A reconnection keeps its participant (after a restart not the connection's own id); a join is a new one until welcomed.
  const participantId = meta.participantId ?? joined.sessionId;
  const session: TabSession = { ...meta, participantId, reconnectionToken: joined.reconnectionToken };
  remember(session);
  holding = holderIdOf(session);
  tellTabs({ kind: 'taken', holder: holding });
  store.setState({
    connection: 'connected',
    connectionError: null,
    exerciseId: meta.exerciseId,
    joinCode: meta.joinCode,
    facilitatorKey: meta.facilitatorKey,
    participantId,
    sessionInOtherTab: null,
  });

  joined.onStateChange((state) => {
    const json = (state as { toJSON(): WireStateJson }).toJSON();
    const participantId = store.getState().participantId;
    const mySeat = (json.seats.find((s) => s.holders.some((h) => h.participantId === participantId))?.seat ?? null) as SeatId | null;
    const view = wireToView(json, mySeat);
    if (mySeat !== store.getState().mySeat) {
      const saved = loadTab();
      const seatLabel = view.seats.find((s) => s.seat === mySeat)?.label ?? null;
      if (saved) remember({ ...saved, seat: mySeat, seatLabel });
    }
    store.setState({ view, presence: presenceOf(json), mySeat });
  });
  joined.onMessage(ServerMessage.welcome, (m: WelcomeMessage) => {
    store.setState({ participantId: m.participantId, controller: m.controller });
    const saved = loadTab();
    if (!saved) return;
    const welcomed: TabSession = { ...saved, participantId: m.participantId, ...(m.rejoinKey ? { rejoinKey: m.rejoinKey } : {}) };
    remember(welcomed);
    holding = holderIdOf(welcomed);
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
    if (room !== joined) return; // let go to another tab
    room = null;
    if (code === 1000 || code === 4000) {
      // Consented leave (we left, or the exercise closed): forget this tab's seat.
      forget(loadTab());
      holding = null;
      store.setState({ connection: 'idle', view: null, legal: emptyLegal, mySeat: null });
      return;
    }
    void reconnectWithBackoff();
  });
}

async function reconnectWithBackoff(): Promise<void> {
  store.setState({ connection: 'reconnecting' });
  const holder = holding;
  for (let attempt = 0; attempt < 12; attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(5000, 500 * 2 ** attempt)));
    const saved = loadTab();
    // Left, or let go to another tab, meanwhile.
    if (!saved || holding !== holder) return;
    try {
      const resumed = await colyseus().reconnect(saved.reconnectionToken);
      if (holding !== holder) {
        void resumed.leave(false);
        return;
      }
      attach(resumed, saved);
      return;
    } catch {
      // try again until the server's grace period is over
    }
  }
  holding = null;
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
  forget(loadTab());
  holding = null;
  await room?.leave(true);
  room = null;
  store.setState({ connection: 'idle', view: null, legal: emptyLegal, mySeat: null, exerciseId: null, participantId: null });
}

/** The actor this tab speaks for, if it holds an actor seat. */
export function myActorId(): string | null {
  return actorOfSeat(store.getState().mySeat);
}
