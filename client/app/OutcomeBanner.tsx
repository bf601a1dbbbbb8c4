import { useState, type FormEvent, type ReactNode } from 'react';
import type { Consequences, Outcome } from '../../shared/engine/events.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { PlayerView, PublicActor } from '../../shared/engine/view.js';
import { isFinding, type Finding, type RecordedFinding } from '../../shared/law/finding.js';
import { causationWords, findingWords, outcomeHeadline, victimName, type FindingWords } from './findingWords.js';
import { FullGlossary, GlossaryTerm, GlossaryText } from './Glossary.js';
import './findings.css';
import { scoreRows } from './scoreRows.js';
import { findingBasisName, formatEnergyMt, formatKm, formatMUsd, formatPeople, formatScenarioDate, regimeName } from './format.js';
import { fileClaim } from './intents.js';
import { anchorId } from './anchors.js';
import { useDeflect } from './useDeflect.js';

const NO_ACTORS: PublicActor[] = [];
const NO_CLAIMS: PlayerView['claims'] = [];

const OUTCOME_TITLES: Record<string, string> = {
  'no-impact': 'No impact',
  deflected: 'Deflected',
  impact: 'Impact',
};

type ImpactPoint = NonNullable<Outcome['impactPoint']>;

/**
 * The exercise's outcome once it is known, what the impact did and who answers for it, and why
 * the exercise ended. `projector` gives the public display's version: what the back of the room
 * must read in large type — where it struck, the toll, who answers to whom, the scores — and
 * leaves the articles, reasoning and claims to the seats' screens.
 */
export function OutcomeBanner({ projector = false }: { projector?: boolean }) {
  const outcome = useDeflect((s) => s.view?.outcome ?? null);
  const endReason = useDeflect((s) => (s.view?.exercise.phase === 'ended' ? (s.view.exercise.endReason ?? 'The exercise has ended.') : null));
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  if (!outcome && !endReason) return null;
  const partyName = partyNamer(actors, outcome);
  return (
    <section className={`outcome outcome--${outcome?.kind ?? 'ended'}${projector ? ' outcome--projector' : ''}`} role="status" data-testid="outcome" data-outcome={outcome?.kind ?? 'ended'}>
      {outcome && (
        <>
          <h2 className="outcome__title">Outcome: {OUTCOME_TITLES[outcome.kind] ?? outcome.kind}</h2>
          <p className="outcome__summary">
            <GlossaryText text={outcome.summary} />
          </p>
          {outcome.impactPoint && (
            <p className="outcome__detail" data-testid="impact-point">
              Impact point: {describePoint(outcome.impactPoint)}, {formatKm(outcome.impactPoint.corridorKm)} along the risk corridor
              {outcome.consequences?.undeflectedPoint && (
                <span data-testid="moved-from"> — moved from {describePoint(outcome.consequences.undeflectedPoint)} by the deflection</span>
              )}
              .
            </p>
          )}
          {outcome.consequences && projector && <ProjectorConsequences consequences={outcome.consequences} partyName={partyName} />}
          {outcome.consequences && !projector && <ConsequencesDetails consequences={outcome.consequences} partyName={partyName} />}
          {outcome.consequences && !projector && <ClaimsSection consequences={outcome.consequences} partyName={partyName} />}
          <ScoresTable projector={projector} />
          {!projector && <FullGlossary />}
        </>
      )}
      {endReason && <p className="outcome__ended">Exercise ended: {endReason}</p>}
    </section>
  );
}

/** The toll and the findings in a few large lines, for the projector. */
function ProjectorConsequences({ consequences: c, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  const findings = c.liability.findings;
  return (
    <div className="consequences" data-testid="consequences">
      <dl className="facts facts--projector">
        <Fact label="Energy">{formatEnergyMt(c.energyMt)}</Fact>
        <Fact label={<>People within {c.exposedRadiusKm !== null ? formatKm(c.exposedRadiusKm) : 'reach'}</>}>{formatPeople(c.exposedPopulation)}</Fact>
        <Fact label="Casualties" testId="casualties">{formatPeople(c.casualties)}</Fact>
        <Fact label="Damage">{formatMUsd(c.damageMUsd)}</Fact>
      </dl>
      <div className="liability" data-testid="liability">
        <h3>Who answers for it</h3>
        <p className="liability__headline" data-testid="liability-headline">
          {outcomeHeadline(c, partyName)}
        </p>
        {findings.length > 0 && (
          <ul className="findings findings--projector">
            {findings.map((f, i) => (
              <li key={`${f.damageId}-${i}`} className="finding" data-testid="finding">
                {isFinding(f) ? <FindingSentence finding={f} consequences={c} partyName={partyName} /> : 'The facts could not be judged.'}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** One figure of the outcome under its label. */
function Fact({ label, testId, children }: { label: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div className="facts__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function ConsequencesDetails({ consequences: c, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  return (
    <div className="consequences" data-testid="consequences">
      <dl className="facts facts--outcome">
        <Fact label="Energy">{formatEnergyMt(c.energyMt)}</Fact>
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
        <Fact label="Casualties" testId="casualties">{formatPeople(c.casualties)}</Fact>
        <Fact label="Damage">{formatMUsd(c.damageMUsd)}</Fact>
        <Fact label="Evacuation">{c.evacuated ? 'The area was evacuated' : 'No evacuation'}</Fact>
      </dl>
      {c.largestCities.length > 0 && (
        <p className="outcome__detail">
          Largest cities exposed:{' '}
          {c.largestCities.map((city) => `${city.name} (${formatPeople(city.population)}, ${formatKm(city.distanceKm)} away)`).join('; ')}.
        </p>
      )}
      <LiabilitySection consequences={c} partyName={partyName} />
    </div>
  );
}

function LiabilitySection({ consequences: c, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  const { liability } = c;
  const findings = liability.findings;
  const moved = c.undeflectedPoint !== null;
  // One reason for every finding (the usual case: one regime, one mission) is said once, above them.
  const whys = new Set(findings.filter(isFinding).map((f) => wordsOf(f, c, partyName).why));
  const sharedWhy = whys.size === 1 && findings.every(isFinding) ? [...whys][0]! : null;
  return (
    <div className="liability" data-testid="liability">
      <h3>Who pays whom</h3>
      {findings.length > 0 && (
        <p className="outcome__detail" data-testid="liability-headline">
          <GlossaryText text={outcomeHeadline(c, partyName)} />
        </p>
      )}
      {sharedWhy !== null && (
        <p className="finding__why" data-testid="finding-why">
          <strong>Why: </strong>
          <GlossaryText text={sharedWhy} />
        </p>
      )}
      <p className="outcome__detail muted">
        Regime in force: {regimeName(liability.regime)}
      </p>
      {findings.length === 0 ? (
        <p className="muted">
          {moved ? 'No finding of liability: the impact fell outside any state.' : 'No finding of liability: no deflection moved the impact point.'}
        </p>
      ) : (
        <ol className="findings">
          {findings.map((f, i) => (
            <FindingItem key={`${f.damageId}-${i}`} finding={f} consequences={c} partyName={partyName} showWhy={sharedWhy === null} />
          ))}
        </ol>
      )}
    </div>
  );
}

function FindingItem({
  finding: f,
  consequences,
  partyName,
  showWhy,
}: {
  finding: RecordedFinding;
  consequences: Consequences;
  partyName(id: string): string;
  /** False when the section says the one reason of all its findings once, above them. */
  showWhy: boolean;
}) {
  if (!isFinding(f)) {
    return (
      <li className="finding" data-testid="finding">
        <p className="field-error">The facts could not be judged: {f.error}</p>
      </li>
    );
  }
  const words = wordsOf(f, consequences, partyName);
  return (
    <li className="finding" data-testid="finding">
      <FindingSentence finding={f} consequences={consequences} partyName={partyName} />
      {showWhy && (
        <p className="finding__why" data-testid="finding-why">
          <strong>Why: </strong>
          <GlossaryText text={words.why} />
        </p>
      )}
      <Causation finding={f} consequences={consequences} partyName={partyName} />
      {(f.claimDeadline || f.commissionFrom) && (
        <p className="finding__procedure">
          {f.claimDeadline && <>Claims are due by {formatScenarioDate(f.claimDeadline)}. </>}
          {f.commissionFrom && (
            <>
              Unsettled, either side may ask for a <GlossaryTerm termId="claims-commission">Claims Commission</GlossaryTerm> from {formatScenarioDate(f.commissionFrom)}.
            </>
          )}
        </p>
      )}
      <details className="finding__articles" data-testid="finding-articles">
        <summary>Articles and full reasoning</summary>
        <p>
          {findingBasisName(f.basis)}
          {f.applies === false && ' — outside the regime’s own instrument'}
          {f.jointAndSeveral && ' — joint and several'}.
        </p>
        <p>{f.articles.length > 0 ? f.articles.join('; ') : 'No article cited.'}</p>
        {f.reasoning && <p className="finding__reasoning">{f.reasoning}</p>}
      </details>
      {f.unsettled.length > 0 && (
        <details className="finding__unsettled" data-testid="finding-contested">
          <summary>
            Contested: {f.unsettled.length} point{f.unsettled.length === 1 ? '' : 's'}
          </summary>
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

/** The finding's words, with the victim and its damage taken from the consequences. */
function wordsOf(f: Finding, consequences: Consequences, partyName: (id: string) => string): FindingWords {
  const iso3 = /^impact-([a-z]{3})$/.exec(f.damageId)?.[1]?.toUpperCase();
  const harm = iso3 ? consequences.byCountry.find((c) => c.countryIso3 === iso3) : undefined;
  return findingWords(f, {
    victim: victimName(f, consequences, partyName) ?? 'the victim',
    damageMUsd: harm?.damageMUsd ?? null,
    regime: consequences.liability.regime,
    partyName,
  });
}

/** Who pays whom for what, under which law, in one sentence (the payer marked for tests), and the shares when several answer. */
function FindingSentence({ finding, consequences, partyName }: { finding: Finding; consequences: Consequences; partyName(id: string): string }) {
  const words = wordsOf(finding, consequences, partyName);
  return (
    <>
      <p className="finding__sentence" data-testid="finding-sentence">
        <strong data-testid="finding-liable">{words.payer}</strong>
        <GlossaryText text={words.rest} />
      </p>
      {words.shares && (
        <p className="finding__shares" data-testid="finding-shares">
          <GlossaryText text={words.shares} />
        </p>
      )}
    </>
  );
}

/** What the deflection had to do with the finding's damage, in one sentence, when the counterfactual is known. */
function Causation({ finding, consequences, partyName }: { finding: Finding; consequences: Consequences; partyName(id: string): string }) {
  if (!finding.causation) return null;
  return (
    <p className="finding__causation" data-testid="finding-causation">
      {causationWords(finding.causation, victimName(finding, consequences, partyName) ?? 'the victim')}
    </p>
  );
}

/** Claims presented after the impact, and for a state the findings name as claimant the form to present its own. */
function ClaimsSection({ consequences, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  const claims = useDeflect((s) => s.view?.claims ?? NO_CLAIMS);
  const isState = useDeflect((s) => {
    const kind = s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind;
    return kind === 'space-faring-state' || kind === 'non-space-faring-state';
  });
  return (
    <div className="claims" data-testid="claims">
      <h3>Claims for compensation</h3>
      {claims.length === 0 ? (
        <p className="muted">No state has presented a claim yet.</p>
      ) : (
        <ul className="claims__list">
          {claims.map((c) => (
            <li key={c.id} data-testid={`claim-${c.id}`}>
              <strong>{partyName(c.claimant)}</strong> claims {formatMUsd(c.amountMUsd)} from {c.against.map(partyName).join(', ')}{' '}
              <span className="muted">(round {c.round})</span>
            </li>
          ))}
        </ul>
      )}
      {isState && <ClaimForm consequences={consequences} partyName={partyName} />}
    </div>
  );
}

function ClaimForm({ consequences, partyName }: { consequences: Consequences; partyName(id: string): string }) {
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const filed = useDeflect((s) => s.view?.claims.some((c) => c.claimant === actorOfSeat(s.mySeat)) ?? false);
  const others = actors.filter((a) => a.id !== myActorId);
  // The states the findings hold liable are the default targets; parties outside the table cannot be named.
  const liable = new Set(consequences.liability.findings.flatMap((f) => (isFinding(f) ? f.liable : [])));
  const [against, setAgainst] = useState<string[]>(() => others.filter((a) => liable.has(a.id)).map((a) => a.id));
  const open = useDeflect((s) => s.legal.commands.includes('FileClaim'));
  const canFile = useDeflect((s) => fileClaim.isEnabled(s, against));
  const failure = useDeflect((s) => s.failures.FileClaim?.message ?? null);
  if (filed) return <p data-testid="claim-filed">You have presented your claim.</p>;
  // A state the findings do not name as claimant (a liable one, say) gets a sentence, not a form it cannot use.
  if (!open) {
    return (
      <p className="field-help" data-testid="claim-closed">
        Only a state the liability findings name as claimant presents a claim (Liability Convention art. VIII); they do not name you.
      </p>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canFile) fileClaim.perform(against);
  }

  return (
    <form className="claim-form" id={anchorId.claim} onSubmit={submit} aria-labelledby="claim-form-heading" data-testid="claim-form">
      <h4 id="claim-form-heading">Present your claim</h4>
      <p className="field-help">
        A state the findings name as claimant presents its claim for the damage ({formatMUsd(consequences.damageMUsd)}) through diplomatic channels
        (Liability Convention arts. VIII–IX). Those held liable are chosen to start with.
      </p>
      <fieldset className="claim-form__against">
        <legend>Against</legend>
        {others.map((a) => (
          <label key={a.id} className="check">
            <input
              type="checkbox"
              data-testid={`claim-against-${a.id}`}
              checked={against.includes(a.id)}
              onChange={(e) => setAgainst((list) => (e.target.checked ? [...list, a.id] : list.filter((id) => id !== a.id)))}
            />
            {partyName(a.id)}
            {liable.has(a.id) && <span className="tag">held liable</span>}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary" data-testid="file-claim" disabled={!canFile}>
        Present claim
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}

const asScore = (fraction: number) => Math.round(fraction * 100);

/**
 * The final scores, published with the outcome: safety, budget kept and trust, and their
 * weighted total (0–100), with the sentence that says how each was computed (left to the seats'
 * screens on the projector).
 */
function ScoresTable({ projector }: { projector: boolean }) {
  const scores = useDeflect((s) => s.view?.scores ?? null);
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  if (!scores) return null;
  const rows = scoreRows(scores, actors);
  return (
    <div className="scores">
      <h3>Scores</h3>
      <div className="table-scroll">
        <table className="table table--compact scores__table" data-testid="scores-table">
          <caption className="table__caption">Each out of 100; the total weighs them as the scenario says.</caption>
          <thead>
            <tr>
              <th scope="col">Actor</th>
              <th scope="col" className="num">Safety</th>
              <th scope="col" className="num">Budget kept</th>
              <th scope="col" className="num">Trust</th>
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ actor: a, score }) => (
              <tr key={a.id} className={a.id === myActorId ? 'scores__mine' : undefined} data-testid={`score-${a.id}`}>
                <th scope="row">
                  {a.name}
                  {a.id === myActorId && <span className="visually-hidden"> (you)</span>}
                </th>
                <td className="num">{asScore(score.safety)}</td>
                <td className="num">{asScore(score.budget)}</td>
                <td className="num">{asScore(score.trust)}</td>
                <td className="num">
                  <strong>{asScore(score.total)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!projector && rows.some((r) => r.explanation !== null) && (
        <ul className="scores__how" data-testid="scores-how">
          {rows.map(({ actor: a, explanation }) =>
            explanation === null ? null : (
              <li key={a.id} data-testid={`score-how-${a.id}`}>
                <strong>{a.name}</strong>: {explanation}
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

function describePoint(p: ImpactPoint): string {
  return `${p.countryName ?? 'the open sea'} (${p.lat.toFixed(1)}°, ${p.lon.toFixed(1)}°)`;
}

/**
 * Names the parties of a finding: actors by their names; states outside the table (the
 * law module calls them `state-<iso3>`) by the harmed countries' and impact points' names; the common
 * fund and the security community in words.
 */
function partyNamer(actors: PublicActor[], outcome: Outcome | null): (id: string) => string {
  const names = new Map<string, string>(actors.map((a) => [a.id, a.name]));
  names.set('common-fund', 'the common fund');
  names.set('community', 'the security community');
  // Every harmed country (the blast and the glass ring reach beyond the impact point's country), then the points.
  for (const p of [...(outcome?.consequences?.byCountry ?? []), outcome?.impactPoint, outcome?.consequences?.undeflectedPoint]) {
    if (p?.countryIso3 && p.countryName) names.set(`state-${p.countryIso3.toLowerCase()}`, p.countryName);
  }
  return (id) => names.get(id) ?? (id.startsWith('state-') ? id.slice('state-'.length).toUpperCase() : id);
}
