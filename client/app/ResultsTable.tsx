import type { PublicRoundResult } from '../../shared/engine/view.js';
import { formatMUsd, formatPalermo, formatProbability, formatScenarioDate } from './format.js';
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
        // Focusable: on a narrow screen the table scrolls sideways, and a keyboard must reach it.
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results-heading">
          <table className="table" data-testid="results-table">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Date</th>
                <th scope="col" className="num">Observation</th>
                <th scope="col" className="num">Mission funding</th>
                <th scope="col" className="num">Impact probability</th>
                <th scope="col" className="num">
                  Torino <span className="th-unit">0–10</span>
                </th>
                <th scope="col" className="num">Palermo</th>
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
                  <td className="num">{r.torino}</td>
                  <td className="num">{formatPalermo(r.palermo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
