import type { KeyMoment, MomentKind } from '../../shared/debrief/moments.js';
import { formatScenarioDate } from '../app/format.js';

const MOMENT_KIND_NAMES: Record<MomentKind, string> = {
  threshold: 'Threshold crossed',
  mission: 'Mission',
  agreement: 'Agreement',
  assistance: 'Assistance',
  inject: 'Inject',
  override: 'Control-cell override',
  encounter: 'Encounter',
  finding: 'Liability finding',
  evacuation: 'Evacuation',
  un: 'United Nations',
};

/** What a debrief talks about, found in the log; each opens its place in the timeline. */
export function MomentsTab({ moments, onOpen }: { moments: readonly KeyMoment[]; onOpen(seq: number): void }) {
  return (
    <div className="studio-moments" data-testid="moments-tab">
      <h2>Key moments</h2>
      {moments.length === 0 ? (
        <p className="muted">The log has no key moment yet.</p>
      ) : (
        <ol className="studio-moments__list">
          {moments.map((m) => (
            <li key={`${m.seq}-${m.kind}-${m.title}`} className={`studio-moment studio-moment--${m.kind}`} data-testid="moment" data-seq={m.seq}>
              <p className="studio-moment__meta">
                <span className="tag">{MOMENT_KIND_NAMES[m.kind]}</span> {m.round === 0 ? 'Before round 1' : `Round ${m.round}`} · {formatScenarioDate(m.scenarioDate)}
              </p>
              <h3 className="studio-moment__title">{m.title}</h3>
              <p>{m.detail}</p>
              <button type="button" className="button button--small" data-testid={`moment-open-${m.seq}`} onClick={() => onOpen(m.seq)}>
                Show in the timeline (event {m.seq})
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
