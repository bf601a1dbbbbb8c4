import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { timelineKinds, type TimelineEntry, type TimelineKind } from '../../shared/debrief/timeline.js';
import { formatScenarioDate, phaseName } from '../app/format.js';
import { formatWallTime } from './common.js';
import { filterTimeline, groupByRound, TIMELINE_KIND_NAMES, TIMELINE_PAGE, timelineWindow, type TimelineWindow } from './filter.js';

/** Who could see an entry at the time, in words. */
function audienceWords(audience: TimelineEntry['audience'], name: (id: string) => string): string {
  if (audience === 'everyone') return 'Seen by everyone';
  if (audience === 'control') return 'Control cell only';
  return `Seen by ${audience.map(name).join(', ')} and the control cell`;
}

/**
 * Every event of the exercise, in order, with who did it and when (scenario date and wall
 * clock), filterable by actor and kind and searchable; choosing one moves the scrubber there.
 */
export function TimelineTab({
  entries,
  actors,
  currentSeq,
  roundTitles,
  onPick,
}: {
  entries: readonly TimelineEntry[];
  actors: readonly { id: string; name: string }[];
  /** The event the scrubber stands on (null: before the first). */
  currentSeq: number | null;
  /** Each round's title in the scenario ("The first estimate"). */
  roundTitles: ReadonlyMap<number, string>;
  onPick(seq: number): void;
}) {
  const [actorId, setActorId] = useState<string>('');
  const [kinds, setKinds] = useState<ReadonlySet<TimelineKind>>(new Set());
  const [query, setQuery] = useState('');
  const [wanted, setWanted] = useState<TimelineWindow | null>(null);
  const ids = { actor: useId(), query: useId(), kinds: useId(), count: useId() };
  const names = useMemo(() => new Map(actors.map((a) => [a.id, a.name])), [actors]);
  const name = (id: string) => names.get(id) ?? id;
  const shown = useMemo(() => filterTimeline(entries, { actorId: actorId || null, kinds, query }), [entries, actorId, kinds, query]);
  const range = timelineWindow(shown, currentSeq, TIMELINE_PAGE, wanted);
  const currentRef = useRef<HTMLButtonElement>(null);

  // A new filter starts from the page that holds the scrubber's event.
  useEffect(() => setWanted(null), [actorId, kinds, query]);

  // The entry the scrubber stands on stays in sight as the scrubber moves (not when the page opens: it starts at its top).
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) currentRef.current?.scrollIntoView({ block: 'nearest' });
    moved.current = true;
  }, [currentSeq]);

  const toggleKind = (kind: TimelineKind) =>
    setKinds((k) => {
      const next = new Set(k);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <div className="studio-timeline" data-testid="timeline-tab">
      <h2>Timeline</h2>
      <form className="studio-timeline__filters" role="search" aria-label="Filter the timeline" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.actor}>Actor</label>
          <select id={ids.actor} data-testid="timeline-actor" value={actorId} onChange={(e) => setActorId(e.target.value)}>
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.query}>Search</label>
          <input id={ids.query} type="search" data-testid="timeline-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Words in the event" />
        </div>
        <fieldset className="studio-timeline__kinds">
          <legend>Kinds of event (none ticked: all)</legend>
          {timelineKinds.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" data-testid={`timeline-kind-${k}`} checked={kinds.has(k)} onChange={() => toggleKind(k)} /> {TIMELINE_KIND_NAMES[k]}
            </label>
          ))}
        </fieldset>
      </form>
      <p className="muted" id={ids.count} role="status" data-testid="timeline-count">
        {shown.length === entries.length ? `${entries.length} events` : `${shown.length} of ${entries.length} events match`}
        {range.to - range.from < shown.length ? `; ${range.from + 1} to ${range.to} are listed` : ''}.
      </p>
      {range.from > 0 && (
        <button type="button" className="button" data-testid="timeline-earlier" onClick={() => setWanted({ from: Math.max(0, range.from - TIMELINE_PAGE), to: range.to })}>
          Show {Math.min(TIMELINE_PAGE, range.from)} earlier
        </button>
      )}
      <div className="studio-timeline__groups" data-testid="timeline-list">
        {groupByRound(shown.slice(range.from, range.to)).map((group, g) => (
          <section key={`${group.round}-${group.entries[0]!.seq}`} aria-labelledby={`${ids.count}-round-${g}`} className="studio-timeline__group">
            <h3 id={`${ids.count}-round-${g}`} className="studio-timeline__round">
              {group.round === 0 ? 'Before round 1' : `Round ${group.round}`}
              {roundTitles.get(group.round) ? `: ${roundTitles.get(group.round)}` : ''}
            </h3>
            <ol className="studio-timeline__list">
              {group.entries.map((e) => {
                const current = e.seq === currentSeq;
                return (
                  <li key={e.seq} className={`studio-event studio-event--${e.kind}${current ? ' studio-event--current' : ''}`} data-testid="timeline-entry" data-seq={e.seq} data-kind={e.kind}>
                    <button
                      type="button"
                      className="studio-event__go"
                      ref={current ? currentRef : undefined}
                      aria-current={current ? 'step' : undefined}
                      onClick={() => onPick(e.seq)}
                    >
                      <span className="studio-event__meta">
                        <span className="studio-event__seq">#{e.seq}</span> {phaseName(e.phase)} · {formatScenarioDate(e.scenarioDate)} · <time dateTime={e.at}>{formatWallTime(e.at)}</time>
                      </span>
                      <span className="studio-event__body">
                        <span className="tag">{TIMELINE_KIND_NAMES[e.kind]}</span> <strong>{e.who}</strong>: {e.summary}
                      </span>
                      {e.detail !== null && !e.summary.includes(e.detail) && <span className="studio-event__detail">{e.detail}</span>}
                      <span className="studio-event__audience muted">{audienceWords(e.audience, name)}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
      {range.to < shown.length && (
        <button type="button" className="button" data-testid="timeline-more" onClick={() => setWanted({ from: range.from, to: range.to + TIMELINE_PAGE })}>
          Show {Math.min(TIMELINE_PAGE, shown.length - range.to)} later
        </button>
      )}
    </div>
  );
}
