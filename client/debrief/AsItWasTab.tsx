import { useId, useMemo } from 'react';
import { knowledgeDifference, type KnowledgeCategory, type KnowledgeItem } from '../../shared/debrief/knowledge.js';
import { seatKind, type SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { ActorCard } from '../app/ActorCard.js';
import { SpendingTable, TruthPanel } from '../app/ControlPanels.js';
import { AgreementsPanel } from '../app/AgreementsPanel.js';
import { ActorMessages, AllMessages } from '../app/Messages.js';
import { MissionsBoard } from '../app/MissionsBoard.js';
import { NewsFeed } from '../app/NewsFeed.js';
import { ResultsTable } from '../app/ResultsTable.js';
import { ThreatPanel } from '../app/ThreatPanel.js';
import { TrustInMe, TrustMatrix } from '../app/TrustPanel.js';
import { DeflectStoreContext } from '../app/useDeflect.js';
import { WorldMap } from '../app/WorldMap.js';
import { createDeflectStore, emptyLegal } from '../net/store.js';
import { attempt, StudioBoundary, Unavailable } from './common.js';
import { IdScope } from './IdScope.js';

/** A seat the studio can show the exercise as, with its name. */
export interface SeatChoice {
  seat: SeatId;
  label: string;
}

const CATEGORY_NAMES: Record<KnowledgeCategory, string> = {
  tracking: 'Tracking',
  truth: 'Hidden truth',
  message: 'Message',
  news: 'News',
  inject: 'Inject',
  orders: 'Orders',
  budget: 'Budget',
  agreement: 'Agreement',
  mission: 'Mission',
  briefing: 'Briefing',
};

/** The seats of an exercise the studio offers: every actor, the control cell (everything) and the public display. */
export function seatChoices(actors: readonly { id: string; name: string }[]): SeatChoice[] {
  return [
    ...actors.map((a) => ({ seat: `actor:${a.id}` as SeatId, label: a.name })),
    { seat: 'facilitator', label: 'Control cell (everything, hidden truth included)' },
    { seat: 'display', label: 'Public display (what everyone saw)' },
  ];
}

/**
 * A read-only store holding one seat's view: the live screens' panels read it as they read the
 * app's store, with no connection and no legal command, so nothing in them can send anything.
 */
function paneStore(view: PlayerView, seat: SeatId) {
  const store = createDeflectStore();
  store.setState({ view, mySeat: seat, legal: emptyLegal, connection: 'idle', role: null, controller: false });
  return store;
}

/** The exercise at the scrubber's moment as one or two seats saw it, and what one knew that the other did not. */
export function AsItWasTab({
  seats,
  seatA,
  seatB,
  onSeats,
  viewAt,
  position,
}: {
  seats: readonly SeatChoice[];
  seatA: SeatId;
  /** The second seat, or null for one seat alone. */
  seatB: SeatId | null;
  onSeats(a: SeatId, b: SeatId | null): void;
  viewAt(position: number, seat: SeatId): PlayerView;
  position: number;
}) {
  const ids = { a: useId(), b: useId() };
  const viewA = useMemo(() => attempt(() => viewAt(position, seatA)), [viewAt, position, seatA]);
  const viewB = useMemo(() => (seatB === null ? null : attempt(() => viewAt(position, seatB))), [viewAt, position, seatB]);
  const label = (seat: SeatId) => seats.find((s) => s.seat === seat)?.label.replace(/ \(.*\)$/, '') ?? seat;
  return (
    <div className="studio-asitwas" data-testid="as-it-was-tab">
      <h2>As it was</h2>
      <form className="studio-asitwas__pickers" aria-label="Seats to show" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.a}>Seat</label>
          <select id={ids.a} data-testid="seat-a" value={seatA} onChange={(e) => onSeats(e.target.value as SeatId, seatB)}>
            {seats.map((s) => (
              <option key={s.seat} value={s.seat}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.b}>Side by side with</label>
          <select id={ids.b} data-testid="seat-b" value={seatB ?? ''} onChange={(e) => onSeats(seatA, e.target.value === '' ? null : (e.target.value as SeatId))}>
            <option value="">No second seat</option>
            {seats.map((s) => (
              <option key={s.seat} value={s.seat}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {viewA.ok && viewB?.ok && (
        <KnowledgeComparison a={{ label: label(seatA), view: viewA.value }} b={{ label: label(seatB!), view: viewB.value }} />
      )}
      <div className={`studio-panes studio-panes--${seatB === null ? 'one' : 'two'}`}>
        <Pane index={1} seat={seatA} label={label(seatA)} view={viewA} wide={seatB === null} />
        {seatB !== null && viewB !== null && <Pane index={2} seat={seatB} label={label(seatB)} view={viewB} wide={false} />}
      </div>
    </div>
  );
}

/** What each of two seats knew that the other did not, at the same moment. */
function KnowledgeComparison({ a, b }: { a: { label: string; view: PlayerView }; b: { label: string; view: PlayerView } }) {
  const aOnly = useMemo(() => attempt(() => knowledgeDifference(a.view, b.view)), [a.view, b.view]);
  const bOnly = useMemo(() => attempt(() => knowledgeDifference(b.view, a.view)), [a.view, b.view]);
  return (
    <section className="panel studio-knowledge" aria-labelledby="studio-knowledge-heading" data-testid="knowledge-difference">
      <h3 id="studio-knowledge-heading">What one knew that the other did not</h3>
      <div className="studio-knowledge__columns">
        <KnowledgeList title={`${a.label} knew, ${b.label} did not`} items={aOnly} testId="knowledge-a-only" />
        <KnowledgeList title={`${b.label} knew, ${a.label} did not`} items={bOnly} testId="knowledge-b-only" />
      </div>
    </section>
  );
}

function KnowledgeList({ title, items, testId }: { title: string; items: ReturnType<typeof attempt<KnowledgeItem[]>>; testId: string }) {
  return (
    <div className="studio-knowledge__list" data-testid={testId}>
      <h4>{title}</h4>
      {!items.ok ? (
        <Unavailable what="The difference" error={items.error} />
      ) : items.value.length === 0 ? (
        <p className="muted">Nothing.</p>
      ) : (
        <ul>
          {items.value.map((item, i) => (
            <li key={i} data-testid="knowledge-item" data-category={item.category}>
              <span className="tag">{CATEGORY_NAMES[item.category]}</span> {item.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The exercise at the scrubber's moment at a glance, as the control cell saw it: the map, the threat and the missions. */
export function Glance({ viewAt, position }: { viewAt(position: number, seat: SeatId): PlayerView; position: number }) {
  const view = useMemo(() => attempt(() => viewAt(position, 'facilitator')), [viewAt, position]);
  const store = useMemo(() => (view.ok ? paneStore(view.value, 'facilitator') : null), [view]);
  if (!view.ok || store === null) return <Unavailable what="The exercise at this moment" error={view.ok ? 'no view' : view.error} />;
  return (
    <StudioBoundary what="The exercise at this moment">
      <DeflectStoreContext.Provider value={store}>
        <IdScope prefix="glance-" className="studio-pane studio-pane--narrow studio-glance" testId="glance">
          <h3 className="studio-pane__heading">At this moment (control cell’s view)</h3>
          <div className="studio-pane__body">
            <WorldMap variant="console" />
            <ThreatPanel />
            <MissionsBoard />
          </div>
        </IdScope>
      </DeflectStoreContext.Provider>
    </StudioBoundary>
  );
}

/** One seat's screen at the moment: the live panels, read-only, reading this seat's view. */
function Pane({ index, seat, label, view, wide }: { index: number; seat: SeatId; label: string; view: ReturnType<typeof attempt<PlayerView>>; wide: boolean }) {
  const store = useMemo(() => (view.ok ? paneStore(view.value, seat) : null), [view, seat]);
  const kind = seatKind(seat);
  const headingId = `studio-pane-${index}-heading`;
  return (
    // Focusable: on a phone the live panels are wider than the screen and the pane scrolls sideways.
    <section className={`studio-pane studio-pane--${wide ? 'wide' : 'narrow'}`} aria-labelledby={headingId} data-testid={`pane-${index}`} data-seat={seat} tabIndex={0}>
      <h3 id={headingId} className="studio-pane__heading">
        As {label} saw it
      </h3>
      {!view.ok || store === null ? (
        <Unavailable what={`The exercise as ${label} saw it`} error={view.ok ? 'no view' : view.error} />
      ) : (
        <StudioBoundary what={`The exercise as ${label} saw it`}>
          <DeflectStoreContext.Provider value={store}>
            <IdScope prefix={`pane${index}-`} className={wide ? 'columns columns--three studio-pane__body' : 'studio-pane__body'}>
              <div className="column">
                {kind === 'actor' && <ActorCard />}
                <ThreatPanel />
                {kind === 'actor' ? <TrustInMe /> : <TrustMatrix />}
                {kind === 'facilitator' && <TruthPanel />}
              </div>
              <div className="column">
                <WorldMap variant="console" />
                {kind === 'actor' ? <ActorMessages /> : <AllMessages composer={false} />}
              </div>
              <div className="column">
                <MissionsBoard />
                <AgreementsPanel />
                {kind === 'facilitator' && <SpendingTable />}
                <NewsFeed />
                <ResultsTable />
              </div>
            </IdScope>
          </DeflectStoreContext.Provider>
        </StudioBoundary>
      )}
    </section>
  );
}
