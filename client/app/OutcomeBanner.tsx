import { useDeflect } from './useDeflect.js';

const OUTCOME_TITLES: Record<string, string> = {
  'no-impact': 'No impact',
  deflected: 'Deflected',
  impact: 'Impact',
};

/** The exercise's outcome once it is known, and why the exercise ended. */
export function OutcomeBanner() {
  const outcome = useDeflect((s) => s.view?.outcome ?? null);
  const endReason = useDeflect((s) => (s.view?.exercise.phase === 'ended' ? (s.view.exercise.endReason ?? 'The exercise has ended.') : null));
  if (!outcome && !endReason) return null;
  return (
    <section className={`outcome outcome--${outcome?.kind ?? 'ended'}`} role="status" data-testid="outcome" data-outcome={outcome?.kind ?? 'ended'}>
      {outcome && (
        <>
          <h2 className="outcome__title">Outcome: {OUTCOME_TITLES[outcome.kind] ?? outcome.kind}</h2>
          <p className="outcome__summary">{outcome.summary}</p>
          {outcome.impactPoint && (
            <p className="outcome__detail">
              Impact point {outcome.impactPoint.lat.toFixed(1)}°, {outcome.impactPoint.lon.toFixed(1)}°
              {outcome.impactPoint.nearest ? `, near ${outcome.impactPoint.nearest}` : ''}.
            </p>
          )}
        </>
      )}
      {endReason && <p className="outcome__ended">Exercise ended: {endReason}</p>}
    </section>
  );
}
