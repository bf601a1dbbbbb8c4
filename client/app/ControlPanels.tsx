import { Fragment, useId } from 'react';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import type { ActorPrivateView, ControlView, SeatView } from '../../shared/engine/view.js';
import { formatKm, formatMUsd, formatProbability } from './format.js';
import { useConfirm } from './Confirm.js';
import { moveQuestion } from './confirmWords.js';
import { moveParticipant } from './intents.js';
import { useDeflect } from './useDeflect.js';

// Panels the control cell (facilitator and evaluators) shares: what only they may see.

const NO_PRIVATES: ActorPrivateView[] = [];
const NO_SPENDING: ControlView['spending'] = [];

const missionTotalMUsd = (funding: Record<string, number>) => Object.values(funding).reduce((sum, amount) => sum + amount, 0);

/**
 * Every seat with its holders, whether they are connected and, for actors, their orders and
 * readiness; with `movable`, the facilitator can move each holder to another seat.
 */
export function SeatsTable({ movable = false }: { movable?: boolean }) {
  const seats = useDeflect((s) => s.view?.seats ?? null);
  const presence = useDeflect((s) => s.presence);
  const privates = useDeflect((s) => s.view?.control?.actors ?? NO_PRIVATES);
  const moveFailure = useDeflect((s) => (movable ? (s.failures.MoveParticipant?.message ?? null) : null));
  const moveErrorId = useId();
  if (!seats) return null;
  return (
    <section className="panel" aria-labelledby="seats-heading">
      <h2 id="seats-heading">Seats</h2>
      <div className="table-scroll">
        <table className="table table--compact" data-testid="seats-table">
          <thead>
            <tr>
              <th scope="col">Seat</th>
              <th scope="col">Held by</th>
              <th scope="col" className="num">Balance</th>
              <th scope="col">
                Orders <span className="th-unit">obs. / missions</span>
              </th>
              <th scope="col">Ready</th>
            </tr>
          </thead>
          <tbody>
            {seats.map((seat) => {
              const actorId = actorOfSeat(seat.seat);
              const mine = actorId === null ? null : (privates.find((p) => p.actorId === actorId) ?? null);
              return (
                <tr key={seat.seat} data-testid={`seat-status-${seat.seat}`}>
                  <th scope="row">{seat.label}</th>
                  <td>
                    {seat.holders.length === 0 ? (
                      <span className="muted">Free</span>
                    ) : (
                      seat.holders.map((h) => {
                        const connected = presence[h.participantId] ?? false;
                        return (
                          <Fragment key={h.participantId}>
                            <span className={`holder holder--${connected ? 'connected' : 'away'}`}>
                              <span className="holder__dot" aria-hidden="true" />
                              {h.name}
                              <span className="visually-hidden">{connected ? ' (connected)' : ' (disconnected)'}</span>
                            </span>
                            {movable && <MoveSelect participantId={h.participantId} name={h.name} from={seat.seat} seats={seats} errorId={moveFailure ? moveErrorId : undefined} />}
                          </Fragment>
                        );
                      })
                    )}
                  </td>
                  <td className="num">{mine ? formatMUsd(mine.balanceMUsd) : ''}</td>
                  <td className="num">{mine ? (mine.orders ? `${mine.orders.observeMUsd} / ${missionTotalMUsd(mine.orders.missionFunding)}` : 'None') : ''}</td>
                  <td>{mine ? (mine.ready ? <span className="tag tag--ready">Ready</span> : <span className="tag">Not ready</span>) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {moveFailure && (
        <p className="field-error" role="alert" id={moveErrorId} data-testid="move-error">
          {moveFailure}
        </p>
      )}
    </section>
  );
}

/** The facilitator's "Move to…" for one holder: choosing a seat asks first, and only a confirmed move is sent. */
function MoveSelect({ participantId, name, from, seats, errorId }: { participantId: string; name: string; from: SeatId; seats: SeatView[]; errorId: string | undefined }) {
  const canMove = useDeflect((s) => moveParticipant.isEnabled(s));
  const { ask, dialog } = useConfirm();
  return (
    <>
    <select
      className="seat-move__select"
      data-testid={`move-${participantId}`}
      aria-label={`Move ${name} to another seat`}
      value=""
      disabled={!canMove}
      aria-describedby={errorId}
      onChange={(e) => {
        const to = seats.find((s) => s.seat === e.target.value);
        if (to) ask(moveQuestion(name, to.label), () => moveParticipant.perform(participantId, to.seat));
      }}
    >
      <option value="">Move to…</option>
      {seats
        .filter((s) => s.seat !== from)
        .map((s) => (
          <option key={s.seat} value={s.seat}>
            {s.label}
            {s.holders.length > 0 && s.seat.startsWith('actor:') ? ' (taken)' : ''}
          </option>
        ))}
    </select>
    {dialog}
    </>
  );
}

/** The scenario's hidden truth beside what the table currently believes. */
export function TruthPanel() {
  const control = useDeflect((s) => s.view?.control ?? null);
  const captureRadiusKm = useDeflect((s) => s.view?.asteroid.captureRadiusKm ?? 0);
  if (!control) return null;
  return (
    <section className="panel truth" aria-labelledby="truth-heading" data-testid="truth-panel">
      <h2 id="truth-heading">
        Hidden truth <span className="secret__tag">Control only</span>
      </h2>
      <dl className="facts facts--grid">
        <div className="facts__item">
          <dt>True diameter</dt>
          <dd>{control.truth.diameterM} m</dd>
        </div>
        <div className="facts__item">
          <dt>True density</dt>
          <dd>{control.truth.densityKgM3.toLocaleString('en-US')} kg/m³</dd>
        </div>
        <div className="facts__item">
          <dt>True encounter distance</dt>
          <dd>{formatKm(control.truth.encounterKm)}</dd>
        </div>
        <div className="facts__item">
          <dt>Encounter now</dt>
          <dd data-testid="current-encounter">
            {formatKm(control.truth.currentEncounterKm)}
            <span className="facts__sub">
              {control.truth.currentEncounterKm === control.truth.encounterKm
                ? 'not moved by any mission'
                : `moved ${formatKm(Math.abs(control.truth.currentEncounterKm - control.truth.encounterKm))} by missions`}
            </span>
          </dd>
        </div>
        {control.truth.fragment && (
          <div className="facts__item">
            <dt>Fragment</dt>
            <dd data-testid="truth-fragment">
              {Math.round(control.truth.diameterM * Math.cbrt(control.truth.fragment.massFraction))} m at {formatKm(control.truth.fragment.encounterKm)}
              <span className="facts__sub">{Math.abs(control.truth.fragment.encounterKm) <= captureRadiusKm ? 'on a collision course' : 'misses the Earth'}</span>
            </dd>
          </div>
        )}
        <div className="facts__item">
          <dt>Estimated encounter</dt>
          <dd>
            {formatKm(control.estimate.meanKm)} ± {formatKm(control.estimate.sigmaKm)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Estimated impact probability</dt>
          <dd>{formatProbability(control.estimate.impactProbability)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** What each actor spent in each resolved round: one row per actor, one column per round. */
export function SpendingTable() {
  const spending = useDeflect((s) => s.view?.control?.spending ?? NO_SPENDING);
  const actors = useDeflect((s) => s.view?.actors ?? null);
  if (!actors) return null;
  const rounds = [...new Set(spending.map((row) => row.round))].sort((a, b) => a - b);
  const spent = new Map(spending.map((row) => [`${row.round}:${row.actorId}`, row]));
  return (
    <section className="panel" aria-labelledby="spending-heading">
      <h2 id="spending-heading">Spending by actor</h2>
      {rounds.length === 0 ? (
        <p className="muted">Nothing spent yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact" data-testid="spending-table">
            <caption className="table__caption">Observation / missions, M USD</caption>
            <thead>
              <tr>
                <th scope="col">Actor</th>
                {rounds.map((round) => (
                  <th key={round} scope="col" className="num">
                    Round {round}
                  </th>
                ))}
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {actors.map((actor) => {
                const rows = rounds.map((round) => spent.get(`${round}:${actor.id}`));
                const observeMUsd = rows.reduce((sum, row) => sum + (row?.observeMUsd ?? 0), 0);
                const missionMUsd = rows.reduce((sum, row) => sum + (row?.missionMUsd ?? 0), 0);
                return (
                  <tr key={actor.id}>
                    <th scope="row">{actor.name}</th>
                    {rows.map((row, i) => (
                      <td key={rounds[i]} className="num">
                        {row ? `${row.observeMUsd} / ${row.missionMUsd}` : '—'}
                      </td>
                    ))}
                    <td className="num">
                      <strong>{`${observeMUsd} / ${missionMUsd}`}</strong>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
