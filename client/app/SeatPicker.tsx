import { actorOfSeat, seatKind, type SeatId } from '../../shared/engine/seats.js';
import type { SeatView } from '../../shared/engine/view.js';
import type { DeflectState } from '../net/store.js';
import { actorKindName } from './format.js';
import { claimSeat, requestDelegation } from './intents.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';

const NO_SEATS: SeatView[] = [];
const NO_ACTORS: { id: string; kind: string }[] = [];

const NON_PLAYING_KINDS: Record<string, string> = {
  facilitator: 'Control cell: runs the exercise, sees everything (needs the facilitator key)',
  evaluator: 'Evaluator: sees everything, takes notes, steers nothing (needs the evaluator key)',
  display: 'Projector: the public view only',
};

/** The actor whose delegation this participant is waiting to be let into, if any. */
export function selectMyDelegationRequest(s: DeflectState): string | null {
  return s.view?.delegationRequests.find((r) => r.participantId === s.participantId)?.actorId ?? null;
}

/**
 * The actor whose delegation turned this participant away, when that is the last thing that
 * happened to their requests (a newer request, or a seat, makes it moot).
 */
export function selectDeclinedBy(s: DeflectState): string | null {
  if (s.participantId === null || s.mySeat !== null || selectMyDelegationRequest(s) !== null) return null;
  for (let i = s.events.length - 1; i >= 0; i--) {
    const e = s.events[i]!.event;
    if (e.type === 'DelegationRequested' && e.participantId === s.participantId) return null;
    if (e.type === 'DelegationRequestAnswered' && e.participantId === s.participantId) return e.accepted ? null : e.actorId;
  }
  return null;
}

/** Lists the seats at the table so a participant who has joined can take one, or ask into the delegation holding it. */
export function SeatPicker() {
  const seats = useDeflect((s) => s.view?.seats ?? NO_SEATS);
  const failure = useDeflect((s) => s.failures.ClaimSeat?.message ?? s.failures.RequestDelegation?.message ?? s.failures.join?.message ?? null);
  const waitingFor = useDeflect(selectMyDelegationRequest);
  const declinedBy = useDeflect(selectDeclinedBy);
  const name = useActorNames();
  const role = useDeflect((s) => s.role);
  const actorSeats = seats.filter((s) => seatKind(s.seat) === 'actor');
  const otherSeats = seats.filter((s) => seatKind(s.seat) !== 'actor');
  return (
    <section className="panel seat-picker" aria-labelledby="seat-picker-heading">
      <h2 id="seat-picker-heading">Choose your seat</h2>
      <p className="muted">
        Take a free seat, or ask to join the delegation already playing an actor: several people may speak for one actor, once one of them (or the
        facilitator) lets you in.
      </p>
      {role === 'evaluator' && (
        <p className="field-help" data-testid="joined-as">
          You joined with the evaluator key: take the Evaluator seat below to watch everything and take notes.
        </p>
      )}
      {role === 'facilitator' && (
        <p className="field-help" data-testid="joined-as">
          You joined with the facilitator key: you may take any free seat, the control cell’s included.
        </p>
      )}
      {waitingFor !== null && (
        <p className="notice notice--warning" role="status" data-testid="delegation-waiting">
          Waiting for {name(waitingFor)}’s delegation to accept. You can still take a free seat, or ask another delegation instead.
        </p>
      )}
      {declinedBy !== null && (
        <p className="notice notice--warning" role="status" data-testid="delegation-declined">
          {name(declinedBy)}’s delegation did not let you in. Take a free seat, or ask another delegation.
        </p>
      )}
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
  const canAsk = useDeflect((s) => actorId !== null && requestDelegation.isEnabled(s, actorId));
  const asked = useDeflect((s) => actorId !== null && selectMyDelegationRequest(s) === actorId);
  const kind = useDeflect((s) => seatKindLabel(seat.seat, s.view?.actors ?? NO_ACTORS));
  const holders = seat.holders.map((h) => h.name).join(', ');
  return (
    <li className="seat-row" data-testid={`seat-row-${seat.seat}`}>
      <div className="seat-row__text">
        <span className="seat-row__label">{seat.label}</span>
        <span className="seat-row__kind">{kind}</span>
        <span className="seat-row__holders">{holders ? `Held by ${holders}` : 'Free'}</span>
      </div>
      {asked ? (
        <span className="seat-row__waiting" data-testid={`delegation-asked-${actorId}`}>
          Asked; waiting for them to accept
        </span>
      ) : actorId !== null && seat.holders.length > 0 ? (
        // A held actor seat is never taken, only asked into: the button says so even while it cannot be pressed.
        <button
          type="button"
          className="button"
          data-testid={`request-delegation-${actorId}`}
          aria-label={`Ask to join delegation: ${seat.label}`}
          disabled={!canAsk}
          onClick={() => requestDelegation.perform(actorId)}
        >
          Ask to join delegation
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
