import type { Consequences, Outcome } from '../../shared/engine/events.js';
import type { PublicActor } from '../../shared/engine/view.js';
import type { Finding } from '../../shared/law/liability.js';
import { findingBasisName, formatEnergyMt, formatKm, formatMUsd, formatPeople, formatScenarioDate, regimeName } from './format.js';
import { useDeflect } from './useDeflect.js';

const NO_ACTORS: PublicActor[] = [];

const OUTCOME_TITLES: Record<string, string> = {
  'no-impact': 'No impact',
  deflected: 'Deflected',
  impact: 'Impact',
};

type ImpactPoint = NonNullable<Outcome['impactPoint']>;
/** A finding as the event records it: the law module's fields, or an error when the facts could not be judged. */
type RecordedFinding = Partial<Finding> & { damageId: string; error?: unknown };

/** The exercise's outcome once it is known, what the impact did and who answers for it, and why the exercise ended. */
export function OutcomeBanner() {
  const outcome = useDeflect((s) => s.view?.outcome ?? null);
  const endReason = useDeflect((s) => (s.view?.exercise.phase === 'ended' ? (s.view.exercise.endReason ?? 'The exercise has ended.') : null));
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  if (!outcome && !endReason) return null;
  const partyName = partyNamer(actors, outcome);
  return (
    <section className={`outcome outcome--${outcome?.kind ?? 'ended'}`} role="status" data-testid="outcome" data-outcome={outcome?.kind ?? 'ended'}>
      {outcome && (
        <>
          <h2 className="outcome__title">Outcome: {OUTCOME_TITLES[outcome.kind] ?? outcome.kind}</h2>
          <p className="outcome__summary">{outcome.summary}</p>
          {outcome.impactPoint && (
            <p className="outcome__detail" data-testid="impact-point">
              Impact point: {describePoint(outcome.impactPoint)}, {formatKm(outcome.impactPoint.corridorKm)} along the risk corridor
              {outcome.consequences?.undeflectedPoint && (
                <span data-testid="moved-from"> — moved from {describePoint(outcome.consequences.undeflectedPoint)} by the deflection</span>
              )}
              .
            </p>
          )}
          {outcome.consequences && <ConsequencesDetails consequences={outcome.consequences} partyName={partyName} />}
        </>
      )}
      {endReason && <p className="outcome__ended">Exercise ended: {endReason}</p>}
    </section>
  );
}

function ConsequencesDetails({ consequences: c, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  return (
    <div className="consequences" data-testid="consequences">
      <dl className="facts facts--outcome">
        <div className="facts__item">
          <dt>Energy</dt>
          <dd>{formatEnergyMt(c.energyMt)}</dd>
        </div>
        <div className="facts__item">
          <dt>{c.airburst ? 'Airburst' : 'Crater'}</dt>
          <dd>
            {c.airburst
              ? c.burstAltitudeKm !== null
                ? `at ${c.burstAltitudeKm.toFixed(1)} km altitude`
                : 'in the atmosphere'
              : c.craterDiameterKm !== null
                ? `${c.craterDiameterKm.toFixed(1)} km across`
                : 'on the surface'}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Exposed population</dt>
          <dd>
            {formatPeople(c.exposedPopulation)}
            {c.exposedRadiusKm !== null && <span className="facts__sub">within {formatKm(c.exposedRadiusKm)}</span>}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Severe damage zone</dt>
          <dd>
            {formatPeople(c.severePopulation)} people
            {c.severeRadiusKm !== null && <span className="facts__sub">within {formatKm(c.severeRadiusKm)}</span>}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Casualties</dt>
          <dd data-testid="casualties">{formatPeople(c.casualties)}</dd>
        </div>
        <div className="facts__item">
          <dt>Damage</dt>
          <dd>{formatMUsd(c.damageMUsd)}</dd>
        </div>
        <div className="facts__item">
          <dt>Evacuation</dt>
          <dd>{c.evacuated ? 'The area was evacuated' : 'No evacuation'}</dd>
        </div>
      </dl>
      {c.largestCities.length > 0 && (
        <p className="outcome__detail">
          Largest cities exposed:{' '}
          {c.largestCities.map((city) => `${city.name} (${formatPeople(city.population)}, ${formatKm(city.distanceKm)} away)`).join('; ')}.
        </p>
      )}
      <LiabilitySection liability={c.liability} moved={c.undeflectedPoint !== null} partyName={partyName} />
    </div>
  );
}

function LiabilitySection({ liability, moved, partyName }: { liability: Consequences['liability']; moved: boolean; partyName(id: string): string }) {
  const findings = liability.findings as RecordedFinding[];
  return (
    <div className="liability" data-testid="liability">
      <h3>Liability</h3>
      <p className="outcome__detail">
        Regime: <strong>{regimeName(liability.regime)}</strong>
      </p>
      {findings.length === 0 ? (
        <p className="muted">
          {moved ? 'No finding of liability: the impact fell outside any state.' : 'No finding of liability: no deflection moved the impact point.'}
        </p>
      ) : (
        <ol className="findings">
          {findings.map((f, i) => (
            <FindingItem key={`${f.damageId}-${i}`} finding={f} partyName={partyName} />
          ))}
        </ol>
      )}
    </div>
  );
}

function FindingItem({ finding: f, partyName }: { finding: RecordedFinding; partyName(id: string): string }) {
  if (f.error !== undefined) {
    return (
      <li className="finding" data-testid="finding">
        <p className="field-error">The facts could not be judged: {String(f.error)}</p>
      </li>
    );
  }
  const list = (ids: string[] | undefined) => (ids && ids.length > 0 ? ids.map(partyName).join(', ') : 'none');
  return (
    <li className="finding" data-testid="finding">
      <p className="finding__basis">
        <strong>{f.basis ? findingBasisName(f.basis) : 'Finding'}</strong>
        {f.applies === false && <span className="tag">outside the regime’s own instrument</span>}
        {f.jointAndSeveral && <span className="tag">joint and several</span>}
      </p>
      <dl className="finding__facts">
        <div>
          <dt>Liable</dt>
          <dd data-testid="finding-liable">{list(f.liable)}</dd>
        </div>
        <div>
          <dt>Claimants</dt>
          <dd>{list(f.claimants)}</dd>
        </div>
        <div>
          <dt>Claim deadline</dt>
          <dd>{f.claimDeadline ? formatScenarioDate(f.claimDeadline) : '—'}</dd>
        </div>
        {f.commissionFrom && (
          <div>
            <dt>Claims Commission from</dt>
            <dd>{formatScenarioDate(f.commissionFrom)}</dd>
          </div>
        )}
        <div>
          <dt>Articles</dt>
          <dd>{f.articles && f.articles.length > 0 ? f.articles.join('; ') : '—'}</dd>
        </div>
      </dl>
      {f.reasoning && <p className="finding__reasoning">{f.reasoning}</p>}
      {f.unsettled && f.unsettled.length > 0 && (
        <details className="finding__unsettled">
          <summary>Unsettled points ({f.unsettled.length})</summary>
          <ul>
            {f.unsettled.map((point, i) => (
              <li key={i}>{point}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function describePoint(p: ImpactPoint): string {
  return `${p.countryName ?? 'the open sea'} (${p.lat.toFixed(1)}°, ${p.lon.toFixed(1)}°)`;
}

/**
 * Names the parties of a finding: actors by their names; states outside the table (the
 * law module calls them `state-<iso3>`) by the impact points' country names; the common
 * fund and the security community in words.
 */
function partyNamer(actors: PublicActor[], outcome: Outcome | null): (id: string) => string {
  const names = new Map<string, string>(actors.map((a) => [a.id, a.name]));
  names.set('common-fund', 'the common fund');
  names.set('community', 'the security community');
  for (const p of [outcome?.impactPoint, outcome?.consequences?.undeflectedPoint]) {
    if (p?.countryIso3 && p.countryName) names.set(`state-${p.countryIso3.toLowerCase()}`, p.countryName);
  }
  return (id) => names.get(id) ?? (id.startsWith('state-') ? id.slice('state-'.length).toUpperCase() : id);
}
