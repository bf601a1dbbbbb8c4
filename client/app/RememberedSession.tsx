import { openHereInstead } from './intents.js';
import { useDeflect } from './useDeflect.js';

/** On the start page: the exercise this browser is already in, in another tab, with a button to open it here instead. */
export function RememberedSession() {
  const session = useDeflect((s) => s.sessionInOtherTab);
  const canOpen = useDeflect((s) => openHereInstead.isEnabled(s));
  if (!session) return null;
  return (
    <div className="notice notice--warning remembered-session" data-testid="remembered-session">
      <p className="remembered-session__text" role="status">
        This browser is already in exercise <strong>{session.joinCode}</strong>
        {session.seatLabel ? (
          <>
            {' '}
            as <strong>{session.seatLabel}</strong>
          </>
        ) : null}{' '}
        in another tab.
      </p>
      <button type="button" className="button" data-testid="open-here-instead" disabled={!canOpen} onClick={() => openHereInstead.perform()}>
        Open here instead
      </button>
    </div>
  );
}
