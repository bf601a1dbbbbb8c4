import { useEffect } from 'react';
import { seatKind } from '../../shared/engine/seats.js';
import { DisplayScreen } from './DisplayScreen.js';
import { EvaluatorScreen } from './EvaluatorScreen.js';
import { FacilitatorConsole } from './FacilitatorConsole.js';
import { FirstMinute } from './FirstMinute.js';
import { Header } from './Header.js';
import { PlayerScreen } from './PlayerScreen.js';
import { RoundSummary } from './RoundSummary.js';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.js';
import { SeatPicker } from './SeatPicker.js';
import { StartPage } from './StartPage.js';
import { useDeflect } from './useDeflect.js';

/** The whole client: the start page until joined, then the screen for the seat this tab holds. */
export function App() {
  const joined = useDeflect((s) => s.view !== null);
  const kind = useDeflect((s) => (s.mySeat === null ? null : seatKind(s.mySeat)));
  // A new screen (a seat taken, changed or released) takes the keyboard focus to its start, so
  // a keyboard user is not left where the button they pressed used to be.
  useEffect(() => {
    if (joined) document.getElementById('main')?.focus({ preventScroll: true });
  }, [joined, kind]);
  if (!joined) return <StartPage />;
  return (
    <div className={`app app--${kind ?? 'unseated'}`}>
      <a className="skip-link" href="#main" data-testid="skip-link">
        Skip to the exercise
      </a>
      <Header />
      <ConnectionNotice />
      <PausedBanner />
      <main className="screen" id="main" tabIndex={-1}>
        <ScreenErrorBoundary>
          {kind !== null && kind !== 'display' && <FirstMinute key={kind} />}
          {/* A participant's notices and round summary follow "Waiting for you" (PlayerScreen): the task comes first. */}
          {kind !== null && kind !== 'actor' && <RoundSummary />}
          {kind === null && <SeatPicker />}
          {kind === 'actor' && <PlayerScreen />}
          {kind === 'facilitator' && <FacilitatorConsole />}
          {kind === 'evaluator' && <EvaluatorScreen />}
          {kind === 'display' && <DisplayScreen />}
        </ScreenErrorBoundary>
      </main>
    </div>
  );
}

function ConnectionNotice() {
  const connection = useDeflect((s) => s.connection);
  const error = useDeflect((s) => s.connectionError);
  const attempts = useDeflect((s) => s.reconnectAttempts);
  const viewProblem = useDeflect((s) => s.viewProblem);
  const unanswered = useDeflect((s) => Object.keys(s.pending).length);
  if (connection === 'reconnecting') {
    return (
      <p className="notice notice--warning" role="status" data-testid="reconnecting">
        Reconnecting to the exercise… Your seat is kept for you while the connection comes back
        {attempts > 2 ? ` (the server has not answered for a while; still trying, attempt ${attempts + 1})` : ''}. What you see may be out of date.
        {unanswered > 0 && ` What you sent just before had no answer yet: it goes again once the connection is back, and is never applied twice.`}
      </p>
    );
  }
  if (viewProblem) {
    return (
      <p className="notice notice--warning" role="status" data-testid="view-problem">
        {viewProblem}
      </p>
    );
  }
  if (connection === 'lost' || error) {
    return (
      <p className="notice notice--danger" role="alert">
        {error ?? 'The connection to the exercise was lost.'}
      </p>
    );
  }
  return null;
}

/** Everyone reads that the control cell has frozen play, and that talk goes on. */
function PausedBanner() {
  const paused = useDeflect((s) => s.view?.paused ?? false);
  if (!paused) return null;
  return (
    <p className="notice notice--paused" role="status" data-testid="paused-banner">
      Paused by the control cell. Messages still go through; everything else waits until the exercise resumes.
    </p>
  );
}
