import { actorOfSeat } from '../../shared/engine/seats.js';
import { actorKindName, formatMUsd } from './format.js';
import { useDeflect } from './useDeflect.js';

/** The actor this participant speaks for: public briefing, budget and the secret briefing only they see. */
export function ActorCard() {
  const actor = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat)) ?? null);
  const me = useDeflect((s) => s.view?.me ?? null);
  if (!actor || !me) return null;
  return (
    <section className="panel actor-card" aria-labelledby="actor-heading" data-testid="actor-card">
      <h2 id="actor-heading">{actor.name}</h2>
      <p className="actor-card__kind">
        {actorKindName(actor.kind)}
        {actor.stateOfNationality && actor.kind === 'private-company' ? ` · nationality ${actor.stateOfNationality}` : ''}
      </p>
      <dl className="facts">
        <div className="facts__item facts__item--primary">
          <dt>Balance</dt>
          <dd data-testid="balance">{formatMUsd(me.balanceMUsd)}</dd>
        </div>
      </dl>
      <h3>Briefing</h3>
      <p>{actor.briefing}</p>
      <div className="secret" data-testid="secret-briefing">
        <h3>
          <span className="secret__tag">Only you see this</span> Secret briefing
        </h3>
        <p>{me.secretBriefing}</p>
      </div>
    </section>
  );
}
