import { seatKind } from '../../shared/engine/seats.js';
import type { ConnectionStatus } from '../net/store.js';
import { requestHowToPlay } from './firstMinute.js';
import { useFirstMinuteRole } from './FirstMinute.js';
import { formatScenarioDate, phaseName } from './format.js';
import { leave, releaseSeat } from './intents.js';
import { formatCountdown, useSecondsLeft } from './useCountdown.js';
import { useDeflect } from './useDeflect.js';

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  lost: 'Connection lost',
};

/** The bar shown on every screen once joined: where the exercise stands, the connection and the seat. */
export function Header() {
  const exercise = useDeflect((s) => s.view?.exercise ?? null);
  const joinCode = useDeflect((s) => s.joinCode);
  if (!exercise) return null;
  return (
    <header className="header">
      <div className="header__title">
        <span className="brand" aria-hidden="true">
          Deflect
        </span>
        <h1 className="header__exercise">{exercise.title}</h1>
      </div>
      <dl className="header__facts">
        <div>
          <dt>Scenario date</dt>
          <dd data-testid="scenario-date">{formatScenarioDate(exercise.scenarioDate)}</dd>
        </div>
        <div>
          <dt>Round</dt>
          <dd data-testid="round">
            {exercise.round === 0 ? 'Not started' : `${exercise.round} / ${exercise.roundCount}`}
            {exercise.round > 0 && <span className="header__round-title">{exercise.roundTitle}</span>}
          </dd>
        </div>
        <div>
          <dt>Phase</dt>
          <dd>
            <span className={`phase-badge phase-badge--${exercise.phase}`} data-testid="phase" data-phase={exercise.phase}>
              {phaseName(exercise.phase)}
            </span>
          </dd>
        </div>
        <PhaseCountdown />
        <div>
          <dt>Join code</dt>
          <dd className="code" data-testid="header-join-code">
            {joinCode}
          </dd>
        </div>
        <div>
          <dt>Connection</dt>
          <dd>
            <ConnectionBadge />
          </dd>
        </div>
      </dl>
      <SeatControls />
    </header>
  );
}

/** The time left before the phase ends by itself, when the facilitator set a timer. */
function PhaseCountdown() {
  const deadline = useDeflect((s) => s.view?.phaseDeadline ?? null);
  const paused = useDeflect((s) => s.view?.paused ?? false);
  const secondsLeft = useSecondsLeft(deadline);
  if (secondsLeft === null) return null;
  const up = secondsLeft === 0;
  return (
    <div>
      <dt>Phase ends in</dt>
      <dd>
        <span
          className={`countdown${up ? ' countdown--up' : secondsLeft <= 60 ? ' countdown--soon' : ''}`}
          data-testid="phase-countdown"
          data-seconds-left={secondsLeft}
          role="timer"
          aria-live={up ? 'assertive' : 'off'}
        >
          {up ? (paused ? "time's up (waits for resume)" : "time's up") : formatCountdown(secondsLeft)}
        </span>
      </dd>
    </div>
  );
}

function ConnectionBadge() {
  const connection = useDeflect((s) => s.connection);
  return (
    <span className={`connection connection--${connection}`} data-testid="connection" data-connection={connection}>
      <span className="connection__dot" aria-hidden="true" />
      {CONNECTION_LABELS[connection]}
    </span>
  );
}

/** Brings back the seat's "how to play" card (none on the projector). */
function HowToPlayButton() {
  const role = useFirstMinuteRole();
  if (role === null) return null;
  return (
    <button type="button" className="button button--quiet header__how" data-testid="how-to-play" onClick={() => requestHowToPlay()}>
      How to play
    </button>
  );
}

function SeatControls() {
  const onProjector = useDeflect((s) => s.mySeat !== null && seatKind(s.mySeat) === 'display');
  const seatLabel = useDeflect((s) => s.view?.seats.find((seat) => seat.seat === s.mySeat)?.label ?? null);
  const canRelease = useDeflect((s) => releaseSeat.isEnabled(s));
  const canLeave = useDeflect((s) => leave.isEnabled(s));
  const failure = useDeflect((s) => s.failures.ReleaseSeat?.message ?? null);
  const controls = (
    <>
      {seatLabel !== null && (
        <button type="button" className="button button--quiet" data-testid="release-seat" disabled={!canRelease} onClick={() => releaseSeat.perform()}>
          Release seat
        </button>
      )}
      <button type="button" className="button button--quiet" data-testid="leave-exercise" disabled={!canLeave} onClick={() => leave.perform()}>
        Leave
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </>
  );
  return (
    <div className="header__seat">
      <span className="header__seat-label" data-testid="my-seat">
        {seatLabel ?? 'No seat'}
      </span>
      <HowToPlayButton />
      {/* The projector is read from the back of the room: its seat controls fold away. */}
      {onProjector ? (
        <details className="header__seat-menu">
          <summary>Seat</summary>
          {controls}
        </details>
      ) : (
        controls
      )}
    </div>
  );
}
