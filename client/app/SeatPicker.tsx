import { actorOfSeat, seatKind, type SeatId } from '../../shared/engine/seats.js';
import type { SeatView } from '../../shared/engine/view.js';
import { actorKindName } from './format.js';
import { claimSeat, joinDelegation } from './intents.js';
import { useDeflect } from './useDeflect.js';

const NO_SEATS: SeatView[] = [];
const NO_ACTORS: { id: string; kind: string }[] = [];

const NON_PLAYING_KINDS: Record<string, string> = {
  facilitator: 'Control cell: runs the exercise, sees everything (needs the facilitator key)',
  evaluator: 'Evaluator: sees everything, changes nothing (needs the facilitator key)',
  display: 'Projector: the public view only',
};

/** Lists the seats at the table so a participant who has joined can take one. */
export function SeatPicker() {
  const seats = useDeflect((s) => s.view?.seats ?? NO_SEATS);
  const failure = useDeflect((s) => s.failures.ClaimSeat?.message ?? s.failures.JoinDelegation?.message ?? s.failures.join?.message ?? null);
  const actorSeats = seats.filter((s) => seatKind(s.seat) === 'actor');
  const otherSeats = seats.filter((s) => seatKind(s.seat) !== 'actor');
  return (
    <section className="panel seat-picker" aria-labelledby="seat-picker-heading">
      <h2 id="seat-picker-heading">Choose your seat</h2>
      <p className="muted">Take a free seat, or join the delegation already playing an actor: several people may speak for one actor.</p>
      {failure && (
        <p className="field-error" role="alert" data-testid="claim-error">
          {failure}
        </p>
      )}
      <h3>Actors</h3>
      <ul className="seat-list">
        {actorSeats.map((seat) => (
          <SeatRow key={seat.seat} seat={seat} />
        ))}
      </ul>
      <h3>Other seats</h3>
      <ul className="seat-list">
        {otherSeats.map((seat) => (
          <SeatRow key={seat.seat} seat={seat} />
        ))}
      </ul>
    </section>
  );
}

function SeatRow({ seat }: { seat: SeatView }) {
  const canClaim = useDeflect((s) => claimSeat.isEnabled(s, seat.seat));
  const actorId = actorOfSeat(seat.seat);
  const canJoin = useDeflect((s) => actorId !== null && joinDelegation.isEnabled(s, actorId));
  const kind = useDeflect((s) => seatKindLabel(seat.seat, s.view?.actors ?? NO_ACTORS));
  const holders = seat.holders.map((h) => h.name).join(', ');
  return (
    <li className="seat-row" data-testid={`seat-row-${seat.seat}`}>
      <div className="seat-row__text">
        <span className="seat-row__label">{seat.label}</span>
        <span className="seat-row__kind">{kind}</span>
        <span className="seat-row__holders">{holders ? `Held by ${holders}` : 'Free'}</span>
      </div>
      {canJoin ? (
        <button
          type="button"
          className="button"
          data-testid={`join-delegation-${actorId}`}
          aria-label={`Join the delegation: ${seat.label}`}
          onClick={() => joinDelegation.perform(actorId!)}
        >
          Join delegation
        </button>
      ) : (
        <button
          type="button"
          className="button"
          data-testid={`seat-${seat.seat}`}
          disabled={!canClaim}
          aria-label={`Take seat: ${seat.label}`}
          onClick={() => claimSeat.perform(seat.seat)}
        >
          Take seat
        </button>
      )}
    </li>
  );
}

function seatKindLabel(seat: SeatId, actors: { id: string; kind: string }[]): string {
  const actorId = actorOfSeat(seat);
  if (actorId === null) return NON_PLAYING_KINDS[seat] ?? seat;
  const actor = actors.find((a) => a.id === actorId);
  return actor ? actorKindName(actor.kind) : 'Actor';
}
