import { openHereInstead } from './intents.js';
import { useDeflect } from './useDeflect.js';

/**
 * On the start page: the exercise this browser remembers and this tab does not hold — in
 * another tab, just moved to another tab or window, or left earlier — with a button to take
 * it up here.
 */
export function RememberedSession() {
  const session = useDeflect((s) => s.rememberedSession);
  const canOpen = useDeflect((s) => openHereInstead.isEnabled(s));
  if (!session) return null;
  const as = session.seatLabel ? (
    <>
      {' '}
      as <strong>{session.seatLabel}</strong>
    </>
  ) : null;
  return (
    <div className="notice notice--warning remembered-session" data-testid="remembered-session" data-where={session.where}>
      <p className="remembered-session__text" role="status">
        {session.where === 'other-tab' && (
          <>
            This browser is already in exercise <strong>{session.joinCode}</strong>
            {as} in another tab.
          </>
        )}
        {session.where === 'moved' && (
          <>
            Exercise <strong>{session.joinCode}</strong>
            {as} is now open in another tab or window of this browser, so this one has let it go.
          </>
        )}
        {session.where === 'earlier' && (
          <>
            This browser was in exercise <strong>{session.joinCode}</strong>
            {as} as {session.name}.
          </>
        )}
      </p>
      <button type="button" className="button" data-testid="open-here-instead" disabled={!canOpen} onClick={() => openHereInstead.perform()}>
        {session.where === 'earlier' ? `Rejoin ${session.joinCode}${session.seatLabel ? ` as ${session.seatLabel}` : ''}` : 'Open here instead'}
      </button>
    </div>
  );
}
