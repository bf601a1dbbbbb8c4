import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { actorOfSeat, seatKind } from '../../shared/engine/seats.js';
import { FIRST_MINUTE_CARDS, firstMinuteRole, howToPlayStore, rememberDismissed, wasDismissed, type FirstMinuteRole } from './firstMinute.js';
import { useDeflect } from './useDeflect.js';

/** The storage the cards are remembered in, or null where the browser refuses it. */
function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The role of the seat this tab holds, for its "how to play" card; null without a seat or on the projector. */
export function useFirstMinuteRole(): FirstMinuteRole | null {
  return useDeflect((s) => {
    if (s.mySeat === null) return null;
    const actorId = actorOfSeat(s.mySeat);
    const actorKind = actorId === null ? null : (s.view?.actors.find((a) => a.id === actorId)?.kind ?? null);
    return firstMinuteRole(seatKind(s.mySeat), actorKind);
  });
}

/**
 * "How to play this seat": shown on the first arrival at a seat, until dismissed (remembered
 * per exercise and seat in this browser), and again whenever the header's "How to play" asks.
 */
export function FirstMinute() {
  const role = useFirstMinuteRole();
  const exerciseId = useDeflect((s) => s.exerciseId ?? s.joinCode ?? '');
  const seat = useDeflect((s) => s.mySeat ?? '');
  const requested = useStore(howToPlayStore, (s) => s.requested);
  const [dismissed, setDismissed] = useState(() => wasDismissed(localStorageOrNull(), exerciseId, seat));
  const cardRef = useRef<HTMLElement>(null);
  const requestedAtMount = useRef(requested);

  // Another seat (or exercise) has its own card, shown unless dismissed there before.
  useEffect(() => setDismissed(wasDismissed(localStorageOrNull(), exerciseId, seat)), [exerciseId, seat]);
  // The header's "How to play" brings the card back and takes the reader to it.
  useEffect(() => {
    if (requested === requestedAtMount.current) return;
    setDismissed(false);
    requestAnimationFrame(() => {
      cardRef.current?.scrollIntoView?.({ block: 'start' });
      cardRef.current?.focus({ preventScroll: true });
    });
  }, [requested]);

  if (role === null || dismissed) return null;
  const card = FIRST_MINUTE_CARDS[role];
  const dismiss = () => {
    rememberDismissed(localStorageOrNull(), exerciseId, seat);
    setDismissed(true);
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  return (
    <section ref={cardRef} className="panel first-minute" aria-labelledby="first-minute-heading" data-testid="first-minute" data-role={role} tabIndex={-1}>
      <h2 id="first-minute-heading">
        <span className="first-minute__kicker">How to play · </span>
        {card.title}
      </h2>
      <ul className="first-minute__list">
        {card.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <div className="first-minute__actions">
        <button type="button" className="button button--primary" data-testid="first-minute-dismiss" onClick={dismiss}>
          Got it
        </button>
        <p className="field-help">“How to play” at the top brings this back.</p>
      </div>
    </section>
  );
}
