import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Observation } from '../../shared/engine/state.js';
import type { HseepRating } from '../../shared/engine/vocabulary.js';
import type { PublicActor } from '../../shared/engine/view.js';
import { formatClockTime, phaseName } from './format.js';
import { recordObservation } from './intents.js';
import { useActorNames } from './useActorNames.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { useDeflect } from './useDeflect.js';
import { useSentCommand } from './useSentCommand.js';

// Evaluators' observations: the pad they write on and the list the control cell reads.

const NO_ACTORS: PublicActor[] = [];
/** HSEEP's ratings of a capability's performance, as the pad offers them. */
const RATINGS: { rating: HseepRating; label: string }[] = [
  { rating: 'P', label: 'P: performed without challenges' },
  { rating: 'S', label: 'S: performed with some challenges' },
  { rating: 'M', label: 'M: performed with major challenges' },
  { rating: 'U', label: 'U: unable to be performed' },
];
const NO_OBSERVATIONS: Observation[] = [];
const OTHER = 'other';

/** The capabilities an exercise evaluates, in the order evaluators look for them. */
export const CAPABILITIES = [
  'Detection and warning',
  'Decision to act',
  'Mission design',
  'International cooperation',
  'Public communication',
  'Disaster management',
  'Legal and liability',
] as const;

/** An evaluator's pad: about whom (optionally), which capability, what was seen. */
export function ObservationPad() {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const [actorId, setActorId] = useState('');
  const [capabilityChoice, setCapabilityChoice] = useState<string>(CAPABILITIES[0]);
  const [otherCapability, setOtherCapability] = useState('');
  const [text, setText] = useState('');
  const [rating, setRating] = useState<HseepRating | ''>('');
  const capability = capabilityChoice === OTHER ? otherCapability : capabilityChoice;
  const canRecord = useDeflect((s) => recordObservation.isEnabled(s, capability, text));
  const failure = useDeflect((s) => s.failures.RecordObservation?.message ?? null);
  const clear = useCallback(() => {
    setText('');
    setRating('');
  }, []);
  const sent = useSentCommand('RecordObservation', clear);
  const ids = { actor: useId(), capability: useId(), other: useId(), otherCount: useId(), text: useId(), textCount: useId(), rating: useId() };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canRecord) sent(recordObservation.perform(actorId || null, capability, text, rating || null));
  }

  return (
    <section className="panel observation-pad" aria-labelledby="obs-pad-heading">
      <h2 id="obs-pad-heading">Record an observation</h2>
      <form onSubmit={submit}>
        <div className="propose__fields propose__fields--two">
          <div className="field">
            <label htmlFor={ids.actor}>
              Actor <span className="field-optional">(optional)</span>
            </label>
            <select id={ids.actor} data-testid="obs-actor" value={actorId} onChange={(e) => setActorId(e.target.value)}>
              <option value="">The whole table</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.capability}>Capability</label>
            <select id={ids.capability} data-testid="obs-capability" value={capabilityChoice} onChange={(e) => setCapabilityChoice(e.target.value)}>
              {CAPABILITIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
              <option value={OTHER}>Other…</option>
            </select>
          </div>
        </div>
        {capabilityChoice === OTHER && (
          <div className="field">
            <label htmlFor={ids.other}>Other capability</label>
            <input
              id={ids.other}
              data-testid="obs-capability-other"
              value={otherCapability}
              onChange={(e) => setOtherCapability(e.target.value)}
              {...limitedFieldProps(ids.otherCount, otherCapability, TEXT_LIMITS.observationCapability)}
            />
            <TextLimit id={ids.otherCount} text={otherCapability} limit={TEXT_LIMITS.observationCapability} testId="obs-capability-other-count" />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.rating}>
            HSEEP rating <span className="field-optional">(optional)</span>
          </label>
          <select id={ids.rating} data-testid="obs-rating" value={rating} onChange={(e) => setRating(e.target.value as HseepRating | '')}>
            <option value="">Not rated</option>
            {RATINGS.map((r) => (
              <option key={r.rating} value={r.rating}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.text}>What you saw</label>
          <textarea id={ids.text} data-testid="obs-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} {...limitedFieldProps(ids.textCount, text, TEXT_LIMITS.observationText)} />
          <TextLimit id={ids.textCount} text={text} limit={TEXT_LIMITS.observationText} testId="obs-text-count" />
        </div>
        <button type="submit" className="button button--primary" data-testid="record-observation" disabled={!canRecord}>
          Record observation
        </button>
        {failure && (
          <p className="field-error" role="alert" data-testid="observation-error">
            {failure}
          </p>
        )}
      </form>
    </section>
  );
}

/** The evaluators' observations as they come, newest first (control cell only). */
export function ObservationsList() {
  const observations = useDeflect((s) => s.view?.control?.observations ?? NO_OBSERVATIONS);
  const name = useActorNames();
  const newestFirst = [...observations].reverse();
  return (
    <section className="panel observations" aria-labelledby="observations-heading">
      <h2 id="observations-heading">
        Evaluators' observations <span className="secret__tag">Control only</span>
      </h2>
      {newestFirst.length === 0 ? (
        <p className="muted">No observation recorded yet.</p>
      ) : (
        <ol className="observations__list" data-testid="observations-list" tabIndex={0} aria-label="Observations, newest first">
          {newestFirst.map((o) => (
            <li key={o.id} className="observation" data-testid="observation" data-observation={o.id}>
              <p className="observation__meta">
                Round {o.round} · {phaseName(o.phase)} · <span className="tag">{o.capability}</span>
                {o.rating !== undefined && (
                  <>
                    {' '}
                    · <span data-testid="observation-rating">rated {o.rating}</span>
                  </>
                )}
                {o.actorId !== null && <> · {name(o.actorId)}</>}
              </p>
              <p className="observation__text">{o.text}</p>
              <p className="observation__by muted">
                {o.byName}, {formatClockTime(o.at)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
