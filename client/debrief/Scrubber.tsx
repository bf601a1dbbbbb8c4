import { useId } from 'react';
import type { TimelineEntry } from '../../shared/debrief/timeline.js';
import { formatWallTime } from './common.js';
import { clampPosition, describePosition, nextRoundPosition, previousRoundPosition, type RoundStart } from './scrub.js';

/**
 * The studio's clock: a slider over the log's events with buttons for one event and one round
 * back or forward, and a live line saying where it stands. Everything else in the studio shows
 * the exercise as it was at this position.
 */
export function Scrubber({
  position,
  length,
  starts,
  entry,
  sticky,
  onMove,
}: {
  position: number;
  length: number;
  starts: readonly RoundStart[];
  /** The timeline entry of the event just replayed (null before the first, or without a timeline). */
  entry: TimelineEntry | null;
  /** Whether it stays in sight while the page scrolls (on the screens that follow it). */
  sticky: boolean;
  onMove(position: number): void;
}) {
  const sliderId = useId();
  const roundId = useId();
  const where = describePosition(position, length, entry, formatWallTime);
  const move = (to: number) => onMove(clampPosition(to, length));
  const currentRound = starts.filter((s) => s.position <= position).at(-1)?.round ?? 0;
  return (
    <section className={`studio-scrubber${sticky ? ' studio-scrubber--sticky' : ''}`} aria-label="Scrubber: the moment of the exercise shown" data-testid="scrubber">
      <div className="studio-scrubber__row">
        <label htmlFor={sliderId} className="studio-scrubber__label">
          Moment
        </label>
        <input
          id={sliderId}
          className="studio-scrubber__range"
          type="range"
          min={0}
          max={length}
          step={1}
          value={position}
          aria-valuetext={where}
          data-testid="scrubber-range"
          onChange={(e) => move(Number(e.target.value))}
        />
      </div>
      <div className="studio-scrubber__row studio-scrubber__controls">
        <button type="button" className="button button--small" data-testid="scrub-previous-round" disabled={position === 0} onClick={() => move(previousRoundPosition(starts, position))}>
          « Previous round
        </button>
        <button type="button" className="button button--small" data-testid="scrub-previous" disabled={position === 0} onClick={() => move(position - 1)}>
          ‹ Previous event
        </button>
        <button type="button" className="button button--small" data-testid="scrub-next" disabled={position === length} onClick={() => move(position + 1)}>
          Next event ›
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="scrub-next-round"
          disabled={position === length}
          onClick={() => move(nextRoundPosition(starts, position, length))}
        >
          Next round »
        </button>
        <div className="field field--inline studio-scrubber__round">
          <label htmlFor={roundId}>Go to round</label>
          <select
            id={roundId}
            data-testid="scrub-round"
            value={String(currentRound)}
            onChange={(e) => {
              const round = Number(e.target.value);
              move(round === 0 ? 0 : (starts.find((s) => s.round === round)?.position ?? position));
            }}
          >
            <option value="0">Before round 1</option>
            {starts.map((s) => (
              <option key={s.position} value={String(s.round)}>
                Round {s.round}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--small button--quiet" data-testid="scrub-end" disabled={position === length} onClick={() => move(length)}>
          To the end
        </button>
      </div>
      <p className="studio-scrubber__where" aria-live="polite" data-testid="scrubber-position" data-position={position} data-round={entry?.round ?? 0}>
        {where}
      </p>
    </section>
  );
}
