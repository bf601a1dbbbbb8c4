import { useId, useState, type FormEvent } from 'react';
import { createExercise, joinExercise } from '../net/session.js';
import { RememberedSession } from './RememberedSession.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { fitsLimit, TEXT_LIMITS } from './textLimits.js';
import { useDeflect } from './useDeflect.js';

type Form = 'create' | 'join';

/** The page before joining: run a new exercise from a scenario, or join one with its code. */
export function StartPage() {
  const connection = useDeflect((s) => s.connection);
  const error = useDeflect((s) => s.connectionError);
  const [lastForm, setLastForm] = useState<Form | null>(null);
  const busy = connection === 'connecting' || connection === 'reconnecting';
  return (
    <div className="start">
      <header className="start__header">
        <p className="brand brand--large">Deflect</p>
        <p className="start__tagline">Planetary-defense crisis exercises: watch the threat, negotiate, fund the deflection, live with the outcome.</p>
      </header>
      <RememberedSession />
      {connection === 'reconnecting' && (
        <p className="notice notice--warning" role="status">
          Reconnecting to your exercise…
        </p>
      )}
      {error && lastForm === null && (
        <p className="notice notice--danger" role="alert" data-testid="connection-error">
          {error}
        </p>
      )}
      <main className="start__columns">
        <CreateExerciseForm busy={busy} error={lastForm === 'create' ? error : null} onSubmitted={() => setLastForm('create')} />
        <JoinExerciseForm busy={busy} error={lastForm === 'join' ? error : null} onSubmitted={() => setLastForm('join')} />
      </main>
      <p className="start__authoring">
        <a href="/scenarios/preview" data-testid="scenario-preview-link">
          Preview or write a scenario
        </a>
      </p>
    </div>
  );
}

interface FormProps {
  busy: boolean;
  error: string | null;
  onSubmitted(): void;
}

function CreateExerciseForm({ busy, error, onSubmitted }: FormProps) {
  const scenarios = useDeflect((s) => s.scenarios);
  const [chosenScenarioId, setChosenScenarioId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [seedText, setSeedText] = useState('');
  const nameId = useId();
  const nameCountId = useId();
  const seedId = useId();
  const seedHelpId = useId();
  const scenarioId = chosenScenarioId ?? scenarios[0]?.id ?? null;
  const seed = parseSeed(seedText);
  const canCreate = !busy && scenarioId !== null && name.trim().length > 0 && fitsLimit(name, TEXT_LIMITS.participantName) && seed.ok;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canCreate || scenarioId === null || !seed.ok) return;
    onSubmitted();
    void createExercise(scenarioId, name.trim(), seed.value);
  }

  return (
    <section className="panel start__panel" aria-labelledby="create-heading">
      <h2 id="create-heading">Run an exercise</h2>
      <p className="muted">Choose a scenario and open a new exercise. You will hold the facilitator seat.</p>
      <form onSubmit={submit} data-testid="create-form">
        <fieldset className="scenario-list">
          <legend>Scenario</legend>
          {scenarios.length === 0 && <p className="muted">Loading scenarios…</p>}
          {scenarios.map((scenario) => (
            <label key={scenario.id} className={`scenario-option${scenario.id === scenarioId ? ' scenario-option--chosen' : ''}`}>
              <input
                type="radio"
                name="scenario"
                value={scenario.id}
                checked={scenario.id === scenarioId}
                onChange={() => setChosenScenarioId(scenario.id)}
                data-testid={`scenario-${scenario.id}`}
              />
              <span className="scenario-option__body">
                <span className="scenario-option__title">{scenario.title}</span>
                <span className="scenario-option__summary">{scenario.summary}</span>
                <span className="scenario-option__facts">
                  {scenario.actorCount} actors · {scenario.roundCount} rounds
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            data-testid="create-name"
            value={name}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
            {...limitedFieldProps(nameCountId, name, TEXT_LIMITS.participantName)}
          />
          <TextLimit id={nameCountId} text={name} limit={TEXT_LIMITS.participantName} testId="create-name-count" />
        </div>
        <details className="start__advanced" open={seedText !== '' || undefined}>
          <summary>Rehearsal options</summary>
          <div className="field">
            <label htmlFor={seedId}>
              Random seed <span className="field-optional">(optional)</span>
            </label>
            <input
              id={seedId}
              data-testid="create-seed"
              inputMode="numeric"
              value={seedText}
              maxLength={10}
              autoComplete="off"
              aria-describedby={seedHelpId}
              aria-invalid={!seed.ok || undefined}
              onChange={(e) => setSeedText(e.target.value)}
            />
            <p id={seedHelpId} className={seed.ok ? 'field-help' : 'field-error'} data-testid="create-seed-help">
              {seed.ok
                ? 'The same seed and the same moves give the same launches, deflections and outcome. Leave it empty for a live exercise.'
                : seed.problem}
            </p>
          </div>
        </details>
        <button type="submit" className="button button--primary" data-testid="create-exercise" disabled={!canCreate}>
          Create exercise
        </button>
        {error && (
          <p className="field-error" role="alert" data-testid="create-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

const MAX_SEED = 2 ** 31 - 1;

/** The seed typed on the start page: empty means the server chooses one. */
function parseSeed(text: string): { ok: true; value: number | null } | { ok: false; problem: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false, problem: `The seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}; '${t}' is not.` };
  const value = Number(t);
  if (value > MAX_SEED) return { ok: false, problem: `The seed must be at most ${MAX_SEED.toLocaleString('en-US')}.` };
  return { ok: true, value };
}

/** Who someone joining takes part as: the key they were given decides which seats they may take. */
type JoinRole = 'participant' | 'facilitator' | 'evaluator';

const JOIN_ROLES: { role: JoinRole; label: string; help: string }[] = [
  { role: 'participant', label: 'Player', help: 'You speak for a country, a company or the UN. No key needed.' },
  { role: 'facilitator', label: 'Control cell', help: 'You run the exercise with the facilitator key.' },
  { role: 'evaluator', label: 'Evaluator', help: 'You watch everything and take notes, with the evaluator key; you do not steer.' },
];

function JoinExerciseForm({ busy, error, onSubmitted }: FormProps) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<JoinRole>('participant');
  const [key, setKey] = useState('');
  const codeId = useId();
  const nameId = useId();
  const nameCountId = useId();
  const codeHelpId = useId();
  const keyId = useId();
  const keyHelpId = useId();
  const needsKey = role !== 'participant';
  const canJoin =
    !busy && /^[A-Za-z0-9]{6}$/.test(code.trim()) && name.trim().length > 0 && fitsLimit(name, TEXT_LIMITS.participantName) && (!needsKey || key.trim().length > 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canJoin) return;
    onSubmitted();
    const k = key.trim();
    void joinExercise(code, name.trim(), role === 'facilitator' ? { facilitatorKey: k } : role === 'evaluator' ? { evaluatorKey: k } : {});
  }

  return (
    <section className="panel start__panel" aria-labelledby="join-heading">
      <h2 id="join-heading">Join an exercise</h2>
      <p className="muted">Enter the code your facilitator shows, then choose your seat at the table.</p>
      <form onSubmit={submit} data-testid="join-form">
        <div className="field">
          <label htmlFor={codeId}>Join code</label>
          <input
            id={codeId}
            className="input--code"
            data-testid="join-code-input"
            value={code}
            maxLength={6}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={codeHelpId}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
          />
          <p id={codeHelpId} className="field-help">
            Six letters and digits.
          </p>
        </div>
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            data-testid="join-name"
            value={name}
            autoComplete="name"
            onChange={(e) => setName(e.target.value)}
            {...limitedFieldProps(nameCountId, name, TEXT_LIMITS.participantName)}
          />
          <TextLimit id={nameCountId} text={name} limit={TEXT_LIMITS.participantName} testId="join-name-count" />
        </div>
        <fieldset className="join-role">
          <legend>Join as</legend>
          {JOIN_ROLES.map((r) => (
            <label key={r.role} className="check">
              <input type="radio" name="join-role" value={r.role} data-testid={`join-as-${r.role}`} checked={role === r.role} onChange={() => setRole(r.role)} />{' '}
              <span>
                <strong>{r.label}</strong> <span className="field-help">{r.help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {needsKey && (
          <div className="field">
            <label htmlFor={keyId}>{role === 'facilitator' ? 'Facilitator key' : 'Evaluator key'}</label>
            <input
              id={keyId}
              type="password"
              data-testid="join-key"
              value={key}
              maxLength={200}
              autoComplete="off"
              aria-describedby={keyHelpId}
              onChange={(e) => setKey(e.target.value)}
            />
            <p id={keyHelpId} className="field-help">
              {role === 'facilitator'
                ? 'The facilitator who created the exercise has it on their console.'
                : 'The facilitator gives it to evaluators from their console.'}
            </p>
          </div>
        )}
        <button type="submit" className="button button--primary" data-testid="join-exercise" disabled={!canJoin}>
          Join exercise
        </button>
        {error && (
          <p className="field-error" role="alert" data-testid="join-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
