import type { StoreApi } from 'zustand/vanilla';
import type { SeatId } from '../../shared/engine/seats.js';
import { followUpdate, isGap, type FollowedView, type SeatUpdate } from '../../shared/sync.js';
import type { DeflectState } from './store.js';

/** How many of the seat's events the store keeps, newest last. */
const EVENTS_KEPT = 200;

/**
 * Folds one connection's updates into the store: a snapshot replaces the view, a patch is
 * applied immutably (unchanged parts keep their identity, so selectors of them do not fire).
 * An update that does not fit — a gap in `seq`, a patch that does not apply — is not applied:
 * the store says the screen is catching up, `askForSnapshot` is called once, and patches are
 * ignored until the snapshot arrives. `onSeat` hears of a change of seat.
 */
export function createUpdateFollower(
  target: StoreApi<DeflectState>,
  askForSnapshot: () => void,
  onSeat: (seat: SeatId | null, label: string | null) => void = () => undefined,
): (update: SeatUpdate) => void {
  let followed: FollowedView | null = null;
  let awaitingSnapshot = false;
  return (update) => {
    const s = target.getState();
    const events = update.events.length > 0 ? [...s.events, ...update.events].slice(-EVENTS_KEPT) : s.events;
    const result = awaitingSnapshot && !('snapshot' in update.view) ? null : followUpdate(followed, update);
    if (result === null) {
      target.setState({ events });
      return;
    }
    if (isGap(result)) {
      awaitingSnapshot = true;
      askForSnapshot();
      target.setState({ viewProblem: `The screen fell behind the exercise (${result.reason}); catching up…`, events });
      return;
    }
    followed = result;
    awaitingSnapshot = false;
    if (result.seat !== s.mySeat) onSeat(result.seat, result.view.seats.find((x) => x.seat === result.seat)?.label ?? null);
    target.setState({
      view: result.view,
      mySeat: result.seat,
      legal: update.allowed ?? s.legal,
      presence: update.presence ?? s.presence,
      events,
      viewProblem: null,
    });
  };
}
