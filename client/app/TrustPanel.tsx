import { actorOfSeat } from '../../shared/engine/seats.js';
import type { PlayerView, PublicActor } from '../../shared/engine/view.js';
import { useDeflect } from './useDeflect.js';

const NO_TRUST: PlayerView['trust'] = [];
const NO_ACTORS: PublicActor[] = [];
/** Trust every actor starts with in every other; the view leaves such pairs out. */
const NEUTRAL_TRUST = 50;

/** Reads trust of one actor in another from the view's list, neutral where the pair was never touched. */
function trustReader(trust: PlayerView['trust']): (from: string, to: string) => number {
  const values = new Map(trust.map((t) => [`${t.from}>${t.to}`, t.value]));
  return (from, to) => values.get(`${from}>${to}`) ?? NEUTRAL_TRUST;
}

/** A trust level in words as well as a number, so colour never carries it alone. */
function trustWord(value: number): 'low' | 'neutral' | 'high' {
  return value < 40 ? 'low' : value > 60 ? 'high' : 'neutral';
}

function TrustMeter({ value }: { value: number }) {
  return (
    <span className={`trust-meter trust-meter--${trustWord(value)}`} aria-hidden="true">
      <span className="trust-meter__fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
    </span>
  );
}

/** For an actor: how much each other actor trusts it (0–100, 50 to start), and the average. */
export function TrustInMe() {
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const trust = useDeflect((s) => s.view?.trust ?? NO_TRUST);
  if (myActorId === null) return null;
  const trustOf = trustReader(trust);
  const others = actors.filter((a) => a.id !== myActorId);
  const average = others.length === 0 ? NEUTRAL_TRUST : others.reduce((sum, a) => sum + trustOf(a.id, myActorId), 0) / others.length;
  return (
    <section className="panel trust" aria-labelledby="trust-heading" data-testid="trust-in-me">
      <h2 id="trust-heading">How others trust you</h2>
      <p className="trust__average">
        Average <strong data-testid="trust-average">{Math.round(average)}</strong> <span className="muted">of 100 ({trustWord(average)})</span>
      </p>
      <ul className="trust__list">
        {others.map((a) => {
          const value = trustOf(a.id, myActorId);
          return (
            <li key={a.id} className="trust__row" data-testid={`trust-from-${a.id}`}>
              <span className="trust__name">{a.name}</span>
              <TrustMeter value={value} />
              <span className="trust__value">{Math.round(value)}</span>
            </li>
          );
        })}
      </ul>
      <p className="field-help">Kept agreements raise trust; breaking one, refusing assistance or acting alone lowers it. It counts in the final score.</p>
    </section>
  );
}

/** For the control cell: every actor's trust in every other, row by column. */
export function TrustMatrix() {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const trust = useDeflect((s) => s.view?.trust ?? NO_TRUST);
  const trustOf = trustReader(trust);
  return (
    <section className="panel trust" aria-labelledby="trust-matrix-heading">
      <h2 id="trust-matrix-heading">Trust between actors</h2>
      {/* Wider than a phone: it scrolls sideways inside itself, so the keyboard must reach it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="trust-matrix-heading">
        <table className="table table--compact trust-matrix" data-testid="trust-matrix">
          <caption className="table__caption">Trust of the row’s actor in the column’s, 0–100 (50 to start)</caption>
          <thead>
            <tr>
              <th scope="col">Trust of ↓ in →</th>
              {actors.map((a) => (
                <th key={a.id} scope="col" className="num">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {actors.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                {actors.map((col) => {
                  if (col.id === row.id) {
                    return (
                      <td key={col.id} className="num muted">
                        —
                      </td>
                    );
                  }
                  const value = trustOf(row.id, col.id);
                  return (
                    <td key={col.id} className={`num trust-cell trust-cell--${trustWord(value)}`} data-testid={`trust-${row.id}-${col.id}`}>
                      {Math.round(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
