import type { CountryComparison, OutcomeComparison } from '../../shared/debrief/api.js';
import { formatMoney, formatPeople, regimeName } from '../app/format.js';

const CHANGE_WORDS: Record<CountryComparison['change'], string> = {
  saved: 'Saved: in the blast zone only without the deflection',
  'newly-hit': 'Newly hit: in the blast zone only because of the deflection',
  'less-harm': 'Less harm than without the deflection',
  'more-harm': 'More harm than without the deflection',
  same: 'The same either way',
};

/** What happened beside what the undeflected asteroid would have done, and the same facts under every regime. */
export function OutcomeTab({ comparison }: { comparison: OutcomeComparison }) {
  if (!comparison.encounterPlayed) {
    return (
      <div className="studio-outcome" data-testid="outcome-tab">
        <h2>Outcome and counterfactuals</h2>
        <p className="muted" data-testid="outcome-not-played">
          The encounter has not been played in this exercise: there is no outcome to compare yet.
        </p>
      </div>
    );
  }
  return (
    <div className="studio-outcome" data-testid="outcome-tab">
      <h2>Outcome and counterfactuals</h2>
      <div className="studio-outcome__summaries">
        <section className="panel" aria-labelledby="studio-actual-heading">
          <h3 id="studio-actual-heading">What happened</h3>
          <p data-testid="outcome-actual">{comparison.actual?.summary ?? 'No outcome recorded.'}</p>
        </section>
        <section className="panel" aria-labelledby="studio-undeflected-heading">
          <h3 id="studio-undeflected-heading">Without any deflection</h3>
          <p data-testid="outcome-undeflected">{comparison.undeflected?.summary ?? 'The undeflected path could not be computed.'}</p>
        </section>
      </div>
      <section className="panel" aria-labelledby="studio-countries-heading">
        <h3 id="studio-countries-heading">Damage by country: who was saved, who was newly hit</h3>
        {comparison.countries.length === 0 ? (
          <p className="muted">No country was harmed, with or without the deflection.</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="studio-countries-heading">
            <table className="table" data-testid="outcome-countries">
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col" className="num">
                    Casualties
                  </th>
                  <th scope="col" className="num">
                    Damage
                  </th>
                  <th scope="col" className="num">
                    Casualties without deflection
                  </th>
                  <th scope="col" className="num">
                    Damage without deflection
                  </th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {comparison.countries.map((c) => (
                  <tr key={c.countryIso3 ?? c.countryName} data-testid="outcome-country" data-change={c.change}>
                    <th scope="row">{c.countryName}</th>
                    <td className="num">{formatPeople(c.actual.casualties)}</td>
                    <td className="num">{formatMoney(c.actual.damageMUsd)}</td>
                    <td className="num">{formatPeople(c.undeflected.casualties)}</td>
                    <td className="num">{formatMoney(c.undeflected.damageMUsd)}</td>
                    <td>{CHANGE_WORDS[c.change]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="studio-regimes-heading">
        <h3 id="studio-regimes-heading">The same facts under every regime</h3>
        <p className="field-help">Which states pay whom, and why: each column judges the same damage under one legal regime.</p>
        <div className="studio-regimes" data-testid="regime-comparison">
          {comparison.regimes.map((r) => (
            <section key={r.regime} className={`panel studio-regime${r.inForce ? ' studio-regime--in-force' : ''}`} aria-labelledby={`studio-regime-${r.regime}`} data-testid={`regime-${r.regime}`}>
              <h4 id={`studio-regime-${r.regime}`}>
                {regimeName(r.regime)}
                {r.inForce && <span className="tag studio-regime__badge"> In force at the table</span>}
              </h4>
              <p>{r.summary}</p>
              {r.sentences.length === 0 ? (
                <p className="muted">No state answers to another under this regime.</p>
              ) : (
                <ul className="studio-regime__sentences">
                  {r.sentences.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      </section>
    </div>
  );
}
