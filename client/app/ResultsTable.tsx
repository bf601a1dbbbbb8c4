import type { PublicRoundResult } from '../../shared/engine/view.js';
import { formatMUsd, formatProbability, formatScenarioDate } from './format.js';
import { useDeflect } from './useDeflect.js';

const NO_RESULTS: PublicRoundResult[] = [];

/** The public results of every resolved round. */
export function ResultsTable() {
  const results = useDeflect((s) => s.view?.results ?? NO_RESULTS);
  return (
    <section className="panel results" aria-labelledby="results-heading">
      <h2 id="results-heading">Round results</h2>
      {results.length === 0 ? (
        <p className="muted">No round has been resolved yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="results-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Date</th>
                <th scope="col" className="num">Observation total</th>
                <th scope="col" className="num">Deflection total</th>
                <th scope="col" className="num">Impact probability</th>
                <th scope="col" className="num">Campaign pooled</th>
                <th scope="col">Launched</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.round} data-testid={`result-row-${r.round}`}>
                  <th scope="row">{r.round}</th>
                  <td>{formatScenarioDate(r.date)}</td>
                  <td className="num">{formatMUsd(r.observeTotalMUsd)}</td>
                  <td className="num">{formatMUsd(r.deflectTotalMUsd)}</td>
                  <td className="num">{formatProbability(r.impactProbability)}</td>
                  <td className="num">{formatMUsd(r.campaignPooledMUsd)}</td>
                  <td>{r.campaignLaunched ? 'Yes' : 'No'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
