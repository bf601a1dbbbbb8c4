import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { draftAar } from '../../shared/debrief/aar.js';
import type { BranchResponse, ExerciseLogResponse } from '../../shared/debrief/api.js';
import { keyMoments } from '../../shared/debrief/moments.js';
import { buildTimeline, type TimelineEntry } from '../../shared/debrief/timeline.js';
import type { SeatId } from '../../shared/engine/seats.js';
import { browserStorage, exerciseIdOfPath, keyFor, keyOfFragment, loadRemembered, saveRemembered, withRemembered } from './access.js';
import { fetchCounterfactual, fetchLog, fetchSessions } from './api.js';
import { AsItWasTab, Glance, seatChoices } from './AsItWasTab.js';
import { BranchTab } from './BranchTab.js';
import { attempt, formatWallDate, formatWallTime, StudioBoundary, Unavailable, useLoad } from './common.js';
import { MomentsTab } from './MomentsTab.js';
import { OutcomeTab } from './OutcomeTab.js';
import { createReplay, type Replay } from './replay.js';
import { ReportTab } from './ReportTab.js';
import { Scrubber } from './Scrubber.js';
import { describePosition, positionOfSeq, roundStarts, seqAtPosition } from './scrub.js';
import { SessionsPage } from './SessionsPage.js';
import { TablesTab } from './TablesTab.js';
import { TimelineTab } from './TimelineTab.js';
import './studio.css';

// The debrief studio: a page of the client, in a chunk of its own, that replays a finished (or
// running) exercise from its log in the browser. It joins no room and changes nothing.

interface Route {
  exerciseId: string | null;
  /** A key that came in the fragment of the front page's address (`/debrief#key=…`): its exercises are listed and remembered. */
  frontPageKey: string | null;
}

let route: Route | null = null;

/**
 * Reads the address once: the exercise from the path, the key from the fragment (remembered in
 * this browser, then dropped from the address bar so it is not left on screen or in history).
 */
function takeRoute(): Route {
  if (route) return route;
  const location = globalThis.location;
  const exerciseId = exerciseIdOfPath(location.pathname);
  const key = keyOfFragment(location.hash);
  if (key !== null && exerciseId !== null) {
    const storage = browserStorage();
    const list = loadRemembered(storage);
    const title = list.find((e) => e.exerciseId === exerciseId)?.title ?? '';
    saveRemembered(storage, withRemembered(list, { exerciseId, key, title }));
  }
  if (location.hash !== '') globalThis.history.replaceState(globalThis.history.state, '', `${location.pathname}${location.search}`);
  route = { exerciseId, frontPageKey: exerciseId === null ? key : null };
  return route;
}

/** The studio's page: the sessions list at `/debrief`, an exercise at `/debrief/<id>`. */
export default function DebriefStudio() {
  const { exerciseId, frontPageKey } = takeRoute();
  useEffect(() => {
    document.body.classList.add('studio-body');
    return () => document.body.classList.remove('studio-body');
  }, []);
  return exerciseId === null ? <SessionsPage initialKey={frontPageKey} /> : <ExerciseStudio exerciseId={exerciseId} />;
}

const TABS = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'moments', label: 'Key moments' },
  { id: 'as-it-was', label: 'As it was' },
  { id: 'outcome', label: 'Outcome' },
  { id: 'tables', label: 'Tables' },
  { id: 'report', label: 'Report' },
  { id: 'branch', label: 'What-if branch' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function ExerciseStudio({ exerciseId }: { exerciseId: string }) {
  const [key] = useState(() => keyFor(loadRemembered(browserStorage()), exerciseId));
  const log = useLoad(key === null ? null : () => fetchLog(exerciseId, key), [exerciseId, key]);

  useEffect(() => {
    if (log.state !== 'ready' || key === null) return;
    const storage = browserStorage();
    saveRemembered(storage, withRemembered(loadRemembered(storage), { exerciseId, key, title: log.value.exercise?.title ?? '' }));
  }, [log, exerciseId, key]);

  if (key === null) {
    return (
      <StudioFrame title="Debrief studio">
        <p className="notice notice--warning" role="alert" data-testid="studio-no-key">
          This browser has no key for this exercise. Open it with its debrief link (the facilitator’s console shows it), or paste the link on the{' '}
          <a href="/debrief">studio’s front page</a>.
        </p>
      </StudioFrame>
    );
  }
  if (log.state === 'loading') {
    return (
      <StudioFrame title="Debrief studio">
        <p role="status">Loading the exercise’s log…</p>
      </StudioFrame>
    );
  }
  if (log.state === 'failed') {
    return (
      <StudioFrame title="Debrief studio">
        <p className="notice notice--danger" role="alert" data-testid="studio-error">
          {log.error}
        </p>
      </StudioFrame>
    );
  }
  return <LoadedStudio response={log.value} keyForReading={key} />;
}

/** The page's frame: skip link, header with the way back to the sessions, and the main region. */
function StudioFrame({ title, header, children }: { title: string; header?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Deflect debrief`;
  }, [title]);
  return (
    <div className="studio" data-testid="debrief-studio">
      <a className="skip-link" href="#studio-main">
        Skip to the studio
      </a>
      <header className="studio__header">
        <div className="studio__heading">
          <p className="brand">Deflect debrief</p>
          <h1 data-testid="studio-title">{title}</h1>
          {header}
        </div>
        <nav aria-label="Studio">
          <a href="/debrief" className="button button--quiet" data-testid="back-to-sessions">
            All exercises
          </a>
        </nav>
      </header>
      {children}
    </div>
  );
}

function LoadedStudio({ response, keyForReading }: { response: ExerciseLogResponse; keyForReading: string }) {
  const replay = useMemo(() => attempt(() => createReplay(response)), [response]);
  const title = response.exercise?.title ?? response.scenario?.title ?? response.exerciseId;
  if (!replay.ok) {
    return (
      <StudioFrame title={title}>
        <Unavailable what="The replay of this exercise" error={replay.error} testId="studio-error" />
      </StudioFrame>
    );
  }
  return <ReplayStudio replay={replay.value} title={title} keyForReading={keyForReading} />;
}

function ReplayStudio({ replay, title, keyForReading }: { replay: Replay; title: string; keyForReading: string }) {
  const { response, events, log } = replay;
  const exercise = response.exercise;
  const timeline = useMemo(() => attempt(() => buildTimeline(log)), [log]);
  const moments = useMemo(() => attempt(() => keyMoments(log)), [log]);
  const starts = useMemo(() => roundStarts(events), [events]);
  const entryBySeq = useMemo(() => new Map<number, TimelineEntry>(timeline.ok ? timeline.value.map((e) => [e.seq, e]) : []), [timeline]);
  const [position, setPosition] = useState(events.length);
  const [tab, setTab] = useState<TabId>('timeline');
  const [seats, setSeats] = useState<{ a: SeatId; b: SeatId | null }>({ a: 'facilitator', b: null });
  const [branches, setBranches] = useState(0);
  const [outcomeOpened, setOutcomeOpened] = useState(false);
  const sessions = useLoad(() => fetchSessions(keyForReading), [keyForReading, branches]);
  const counterfactual = useLoad(outcomeOpened ? () => fetchCounterfactual(response.exerciseId, keyForReading) : null, [outcomeOpened, response.exerciseId, keyForReading]);
  const seq = seqAtPosition(events, position);
  const entry = position === 0 ? null : (entryBySeq.get(seq) ?? null);
  const where = describePosition(position, events.length, entry, formatWallTime);
  const actors = useMemo(() => response.scenario.actors.map((a) => ({ id: a.id, name: a.name })), [response.scenario]);
  const seatList = useMemo(() => seatChoices(actors), [actors]);
  const roundTitles = useMemo(() => new Map(response.scenario.calendar.rounds.map((r, i) => [i + 1, r.title])), [response.scenario]);
  const goToSeq = useCallback((s: number) => setPosition(positionOfSeq(events, s) ?? 0), [events]);
  const draft = useCallback(() => draftAar(log, timeline.ok ? timeline.value : [], moments.ok ? moments.value : []), [log, timeline, moments]);
  const parent = exercise?.parentId && sessions.state === 'ready' ? (sessions.value.sessions.find((s) => s.id === exercise.parentId) ?? null) : null;

  useEffect(() => {
    if (tab === 'outcome') setOutcomeOpened(true);
  }, [tab]);

  function rememberGroupKey(exerciseId: string, groupTitle: string) {
    const storage = browserStorage();
    saveRemembered(storage, withRemembered(loadRemembered(storage), { exerciseId, key: keyForReading, title: groupTitle }));
  }

  const header = (
    <p className="studio__facts" data-testid="studio-facts">
      {response.scenario.title} · seed {response.seed} · {exercise ? (exercise.status === 'ended' ? 'ended' : `open, round ${exercise.round}`) : ''} ·{' '}
      {events.length.toLocaleString('en-US')} events · created {formatWallDate(exercise?.createdAt ?? null)}
      {exercise?.parentId && (
        <>
          {' '}
          · what-if branch of{' '}
          <a href={`/debrief/${encodeURIComponent(exercise.parentId)}`} data-testid="branch-of" onClick={() => rememberGroupKey(exercise.parentId!, parent?.title ?? '')}>
            {parent?.title ?? 'the original'}
          </a>{' '}
          after event {exercise.forkSeq}
        </>
      )}
    </p>
  );

  return (
    <StudioFrame title={title} header={header}>
      <Scrubber position={position} length={events.length} starts={starts} entry={entry} sticky={tab === 'timeline' || tab === 'as-it-was'} onMove={setPosition} />
      <Tabs tab={tab} onTab={setTab} />
      <main id="studio-main" className="studio__main" tabIndex={-1}>
        <div role="tabpanel" id={`studio-panel-${tab}`} aria-labelledby={`studio-tab-${tab}`} className="studio__panel" data-testid={`panel-${tab}`}>
          <StudioBoundary what={TABS.find((t) => t.id === tab)!.label}>
            {tab === 'timeline' && (
              <div className="studio-split">
                {timeline.ok ? (
                  <TimelineTab entries={timeline.value} actors={actors} roundTitles={roundTitles} currentSeq={position === 0 ? null : seq} onPick={goToSeq} />
                ) : (
                  <Unavailable what="The timeline" error={timeline.error} />
                )}
                <aside className="studio-split__aside" aria-label="The exercise at this moment" tabIndex={0}>
                  <Glance viewAt={replay.viewAt} position={position} />
                </aside>
              </div>
            )}
            {tab === 'moments' &&
              (moments.ok ? (
                <MomentsTab
                  moments={moments.value}
                  onOpen={(s) => {
                    goToSeq(s);
                    setTab('timeline');
                  }}
                />
              ) : (
                <Unavailable what="The key moments" error={moments.error} />
              ))}
            {tab === 'as-it-was' && (
              <AsItWasTab seats={seatList} seatA={seats.a} seatB={seats.b} onSeats={(a, b) => setSeats({ a, b })} viewAt={replay.viewAt} position={position} />
            )}
            {tab === 'outcome' &&
              (counterfactual.state === 'ready' ? (
                <OutcomeTab comparison={counterfactual.value} />
              ) : counterfactual.state === 'failed' ? (
                <Unavailable what="The outcome comparison" error={counterfactual.error} />
              ) : (
                <p role="status">Comparing the outcome with the undeflected asteroid’s…</p>
              ))}
            {tab === 'tables' &&
              (sessions.state === 'ready' ? (
                <TablesTab sessions={sessions.value.sessions} current={response} keyForReading={keyForReading} />
              ) : sessions.state === 'failed' ? (
                <Unavailable what="The tables of this exercise’s group" error={sessions.error} />
              ) : (
                <p role="status">Loading the tables…</p>
              ))}
            {tab === 'report' && <ReportTab response={response} draft={draft} timeline={timeline.ok ? timeline.value : null} />}
            {tab === 'branch' && (
              <BranchTab
                exerciseId={response.exerciseId}
                keyForReading={keyForReading}
                atSeq={seq}
                where={where}
                onBranched={(b: BranchResponse) => {
                  const storage = browserStorage();
                  saveRemembered(storage, withRemembered(loadRemembered(storage), { exerciseId: b.exerciseId, key: b.debriefKey, title: `What-if of ${title}` }));
                  setBranches((n) => n + 1);
                }}
              />
            )}
          </StudioBoundary>
        </div>
      </main>
    </StudioFrame>
  );
}

/** The studio's sections as tabs (WAI-ARIA tabs: arrow keys, Home and End move between them). */
function Tabs({ tab, onTab }: { tab: TabId; onTab(tab: TabId): void }) {
  const refs = useRef(new Map<TabId, HTMLButtonElement>());
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const index = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight' ? (index + 1) % TABS.length : e.key === 'ArrowLeft' ? (index - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const id = TABS[next]!.id;
    onTab(id);
    refs.current.get(id)?.focus();
  }
  return (
    <div className="studio-tabs" role="tablist" aria-label="Studio sections" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`studio-tab-${t.id}`}
          aria-selected={t.id === tab}
          aria-controls={t.id === tab ? `studio-panel-${t.id}` : undefined}
          tabIndex={t.id === tab ? 0 : -1}
          className={`studio-tabs__tab${t.id === tab ? ' studio-tabs__tab--current' : ''}`}
          data-testid={`tab-${t.id}`}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          onClick={() => onTab(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
