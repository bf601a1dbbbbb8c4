import { describe, expect, it, vi } from 'vitest';
import { createViewCache, evolve, initialState, logLengths, playerView, replay, type DomainEvent, type SeatId } from '../../../shared/engine/index.js';
import { diffView, type SeatUpdate } from '../../../shared/sync.js';
import { createUpdateFollower } from '../../../client/net/follow.js';
import { createDeflectStore } from '../../../client/net/store.js';
import { ACTOR_IDS, scenario, tableSeated } from '../../shared/engine/given.js';

// The browser's side of the wire: what client/net does with each update of its connection.

const SEAT: SeatId = 'actor:kenya';

/** A server for one seat: the state, its cached views and the updates it would send. */
function seatServer() {
  let state = replay(initialState(scenario, 7), tableSeated(ACTOR_IDS));
  const cache = createViewCache();
  let sent = playerView(state, SEAT, cache);
  let lengths = logLengths(cache);
  let seq = 1;
  const snapshot = (): SeatUpdate => structuredClone({ seq, logSeq: state.eventCount, seat: SEAT, view: { snapshot: sent }, events: [] });
  return {
    snapshot,
    /** Applies `events` and returns the patch update for them (seq advances). */
    change(...events: DomainEvent[]): SeatUpdate {
      state = events.reduce(evolve, state);
      const view = playerView(state, SEAT, cache);
      const patch = diffView(sent, view, (list) => lengths.get(list));
      sent = view;
      lengths = logLengths(cache);
      return { seq: ++seq, logSeq: state.eventCount, seat: SEAT, view: { patch }, events: events.map((event, i) => ({ seq: state.eventCount - events.length + i + 1, at: 'now', event })) };
    },
    reSnapshot(): SeatUpdate {
      // A snapshot is sent as it is read (the cache's lists grow in place afterwards).
      return structuredClone({ ...snapshot(), seq: ++seq });
    },
    get view() {
      return sent;
    },
  };
}

const message = (n: number): DomainEvent => ({ type: 'MessagePosted', messageId: `m${n}`, round: 0, from: 'actor:usa', fromName: 'Uma', to: 'public', text: `Message ${n}`, at: 'now' });

describe('the client following its seat’s updates', () => {
  it('holds the view the server built, and keeps every part a patch did not touch as the same object', () => {
    const server = seatServer();
    const store = createDeflectStore();
    const askForSnapshot = vi.fn();
    const receive = createUpdateFollower(store, askForSnapshot);
    receive(server.snapshot());
    const before = store.getState().view!;
    expect(before).toEqual(server.view);
    receive(server.change(message(1)));
    const after = store.getState().view!;
    expect(after).toEqual(server.view);
    expect(after.messages.at(-1)?.text).toBe('Message 1');
    expect(after.seats).toBe(before.seats);
    expect(after.actors).toBe(before.actors);
    expect(after.missionTypes).toBe(before.missionTypes);
    expect(after.me).toBe(before.me);
    expect(store.getState().events.map((e) => e.event.type)).toEqual(['MessagePosted']);
    expect(askForSnapshot).not.toHaveBeenCalled();
  });

  it('asks once for a snapshot after a gap, applies nothing until it comes, then shows the exercise as it is', () => {
    const server = seatServer();
    const store = createDeflectStore();
    const askForSnapshot = vi.fn();
    const receive = createUpdateFollower(store, askForSnapshot);
    receive(server.snapshot());
    receive(server.change(message(1)));
    server.change(message(2)); // lost on the way
    receive(server.change(message(3)));
    expect(askForSnapshot).toHaveBeenCalledTimes(1);
    expect(store.getState().viewProblem).toMatch(/fell behind/);
    expect(store.getState().view!.messages.map((m) => m.id)).toEqual(['m1']);
    receive(server.change(message(4)));
    expect(askForSnapshot).toHaveBeenCalledTimes(1);
    expect(store.getState().view!.messages.map((m) => m.id)).toEqual(['m1']);
    receive(server.reSnapshot());
    expect(store.getState().view).toEqual(server.view);
    expect(store.getState().viewProblem).toBeNull();
    receive(server.change(message(5)));
    expect(store.getState().view!.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('asks for a snapshot when a patch does not fit the view it holds', () => {
    const server = seatServer();
    const store = createDeflectStore();
    const askForSnapshot = vi.fn();
    const receive = createUpdateFollower(store, askForSnapshot);
    receive(server.snapshot());
    receive({ seq: 2, logSeq: 99, seat: SEAT, view: { patch: [{ op: 'replace', path: '/missions/7/status', value: 'launched' }] }, events: [] });
    expect(askForSnapshot).toHaveBeenCalledTimes(1);
    expect(store.getState().viewProblem).toMatch(/does not apply/);
  });
});
