import { useId, useState, type FormEvent } from 'react';
import type { BranchResponse } from '../../shared/debrief/api.js';
import { regimeIds, type RegimeId } from '../../shared/law/regimes.js';
import { regimeName } from '../app/format.js';
import { debriefLink } from './access.js';
import { startBranch } from './api.js';

/** Whether a typed seed is one the server takes: a whole number from 0 to 2³¹ − 1, or nothing. */
export function readSeed(text: string): { ok: true; seed: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, seed: undefined };
  if (!/^\d{1,10}$/.test(trimmed)) return { ok: false };
  const seed = Number(trimmed);
  return seed <= 2 ** 31 - 1 ? { ok: true, seed } : { ok: false };
}

/**
 * Starts a what-if: a new exercise that keeps this one's log up to the scrubber's event, with
 * another seed or regime if asked, its own join code and keys; the studio then compares them.
 */
export function BranchTab({
  exerciseId,
  keyForReading,
  atSeq,
  where,
  onBranched,
}: {
  exerciseId: string;
  keyForReading: string;
  /** The last event the branch keeps (the scrubber's). */
  atSeq: number;
  /** The scrubber's position in words. */
  where: string;
  onBranched(branch: BranchResponse): void;
}) {
  const ids = { seed: useId(), regime: useId(), seedHelp: useId() };
  const [seedText, setSeedText] = useState('');
  const [regime, setRegime] = useState<RegimeId | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [branch, setBranch] = useState<BranchResponse | null>(null);
  const seed = readSeed(seedText);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!seed.ok || busy) return;
    setBusy(true);
    setError(null);
    try {
      const made = await startBranch(exerciseId, keyForReading, { atSeq, ...(seed.seed === undefined ? {} : { seed: seed.seed }), ...(regime === '' ? {} : { regime }) });
      setBranch(made);
      onBranched(made);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const origin = globalThis.location.origin;
  return (
    <div className="studio-branch" data-testid="branch-tab">
      <h2>What-if branch</h2>
      <p>
        A new exercise that continues from the scrubber’s moment — <strong data-testid="branch-at">{where}</strong> — with the same log up to there, played on by a
        table of its own. Move the scrubber to branch from another event.
      </p>
      <form className="studio-branch__form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={ids.seed}>
            Another random seed <span className="field-optional">(optional)</span>
          </label>
          <input id={ids.seed} inputMode="numeric" data-testid="branch-seed" value={seedText} aria-describedby={ids.seedHelp} aria-invalid={!seed.ok} onChange={(e) => setSeedText(e.target.value)} />
          <p className="field-help" id={ids.seedHelp}>
            {seed.ok ? 'Empty: the same seed, so the same draws as the original where the branch does the same.' : 'A whole number from 0 to 2147483647.'}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.regime}>Legal regime</label>
          <select id={ids.regime} data-testid="branch-regime" value={regime} onChange={(e) => setRegime(e.target.value as RegimeId | '')}>
            <option value="">The same as the original</option>
            {regimeIds.map((id) => (
              <option key={id} value={id}>
                {regimeName(id)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--primary" data-testid="branch-start" disabled={!seed.ok || busy}>
          {busy ? 'Starting the branch…' : `Start a branch after event ${atSeq}`}
        </button>
        {error && (
          <p className="field-error" role="alert" data-testid="branch-error">
            {error}
          </p>
        )}
      </form>
      {branch && (
        <section className="panel studio-branch__made" aria-labelledby="studio-branch-made" data-testid="branch-made" role="status">
          <h3 id="studio-branch-made">The branch is ready</h3>
          <p>
            Join code <strong className="join-code" data-testid="branch-join-code">{branch.joinCode}</strong>: the table joins it from the start page, as for any exercise. It
            keeps the original’s events up to event {branch.forkSeq}.
          </p>
          <div className="secret">
            <h4>
              <span className="secret__tag">Keep secret</span> Keys of the branch
            </h4>
            <dl className="access__keys">
              <dt>Facilitator key (join as facilitator with it to run the branch)</dt>
              <dd>
                <code data-testid="branch-facilitator-key">{branch.facilitatorKey}</code>
              </dd>
              <dt>Evaluator key</dt>
              <dd>
                <code data-testid="branch-evaluator-key">{branch.evaluatorKey}</code>
              </dd>
              <dt>Debrief key</dt>
              <dd>
                <code data-testid="branch-debrief-key">{branch.debriefKey}</code>
              </dd>
            </dl>
          </div>
          <ul>
            <li>
              <a href="/" target="_blank" rel="noopener" data-testid="branch-console-link">
                Open the start page to run the branch
              </a>{' '}
              (choose “Join an exercise”, enter the join code and join as facilitator with the facilitator key).
            </li>
            <li>
              <a href={`/debrief/${encodeURIComponent(branch.exerciseId)}`} data-testid="branch-debrief-link">
                Open the branch’s debrief studio
              </a>{' '}
              — or hand out its debrief link: <code data-testid="branch-debrief-url">{debriefLink(origin, branch.exerciseId, branch.debriefKey)}</code>
            </li>
          </ul>
          <p className="field-help">The “Tables” tab compares the branch with the original as it is played.</p>
        </section>
      )}
    </div>
  );
}
