import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { Message, NewsItem, FiredInject } from '../../shared/engine/state.js';
import type { MissionView } from '../../shared/engine/view.js';
import { countUnread, SECTION_IDS, SECTION_LABELS, sectionBadges, sectionPanels, tabAfterKey, UNREAD_PANEL, WIDE_MIN_WIDTH_PX, type PanelId, type SectionId, type UnreadKind } from './sections.js';
import { useDeflect } from './useDeflect.js';

const NO_MESSAGES: Message[] = [];
const NO_NEWS: NewsItem[] = [];
const NO_INJECTS: FiredInject[] = [];
const NO_MISSIONS: MissionView[] = [];
const WIDE_QUERY = `(min-width: ${WIDE_MIN_WIDTH_PX}px)`;

function subscribeWide(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the screen is wide enough to show every section at once. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    subscribeWide,
    () => window.matchMedia(WIDE_QUERY).matches,
    () => true,
  );
}

/** The items of each unread kind, as `countUnread` compares them: ids, or the mission objects themselves. */
function useUnreadItems(): Record<UnreadKind, readonly unknown[]> {
  const messages = useDeflect((s) => s.view?.messages ?? NO_MESSAGES);
  const news = useDeflect((s) => s.view?.news ?? NO_NEWS);
  const injects = useDeflect((s) => s.view?.injects ?? NO_INJECTS);
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  return useMemo(
    () => ({ messages: messages.map((m) => m.id), news: [...news.map((n) => `news:${n.id}`), ...injects.map((i) => `inject:${i.id}`)], missions }),
    [messages, news, injects, missions],
  );
}

/**
 * Unread counts kept in this component's state: what is in sight (its panel's section open, or
 * every section on a wide screen) is marked seen; what arrives while it is out of sight is unread.
 */
function useUnread(visible: (panel: PanelId) => boolean): Record<UnreadKind, number> {
  const items = useUnreadItems();
  const [seen, setSeen] = useState<Record<UnreadKind, ReadonlySet<unknown>>>(() => ({
    messages: new Set(items.messages),
    news: new Set(items.news),
    missions: new Set(items.missions),
  }));
  const kinds = Object.keys(UNREAD_PANEL) as UnreadKind[];
  const visibleKinds = kinds.filter((k) => visible(UNREAD_PANEL[k])).join(' ');
  useEffect(() => {
    setSeen((before) => {
      let next = before;
      for (const kind of visibleKinds.split(' ').filter(Boolean) as UnreadKind[]) {
        if (countUnread(items[kind], before[kind]) === 0 && before[kind].size === items[kind].length) continue;
        next = { ...next, [kind]: new Set(items[kind]) };
      }
      return next;
    });
  }, [items, visibleKinds]);
  return { messages: countUnread(items.messages, seen.messages), news: countUnread(items.news, seen.news), missions: countUnread(items.missions, seen.missions) };
}

/**
 * A participant's sections: a WAI-ARIA tab bar (sticky at the bottom of a phone, at the top of
 * a wider screen) with unread badges, one section at a time; from 1280 px every section side by
 * side, "Now" first. A link to an element inside a closed section opens that section.
 */
export function Sections({ panels }: { panels: Record<PanelId, ReactNode> }) {
  const phase = useDeflect((s) => s.view?.exercise.phase ?? 'lobby');
  const wide = useWideScreen();
  const [active, setActive] = useState<SectionId>('now');
  const placed = sectionPanels(phase);
  const shown = (section: SectionId) => wide || section === active;
  const unread = useUnread((panel) => SECTION_IDS.some((section) => shown(section) && placed[section].includes(panel)));
  const badges = sectionBadges(phase, unread);
  const tabRefs = useRef<Partial<Record<SectionId, HTMLButtonElement | null>>>({});
  const rootRef = useRef<HTMLDivElement>(null);

  // A new phase brings its panels into "Now": the participant is taken there.
  useEffect(() => setActive('now'), [phase]);

  // "Waiting for you" and other in-page links point at controls that may sit in a closed
  // section: open it before the browser follows the link, so the target is there to scroll to.
  const openSectionOf = useCallback((target: Element | null) => {
    const section = target?.closest<HTMLElement>('[data-section]')?.dataset.section as SectionId | undefined;
    if (section) flushSync(() => setActive(section));
  }, []);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      const id = link?.getAttribute('href')?.slice(1);
      if (id) openSectionOf(document.getElementById(id));
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [openSectionOf]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, current: SectionId) => {
    const next = tabAfterKey(current, e.key);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    tabRefs.current[next]?.focus();
  };

  const onTabClick = (section: SectionId) => {
    setActive(section);
    // On a phone the tab bar is at the bottom: a reader scrolled past the sections' start is taken back to it.
    const root = rootRef.current;
    if (section !== active && root && root.getBoundingClientRect().top < 0) root.scrollIntoView({ block: 'start' });
  };

  return (
    <div ref={rootRef} className={`sections${wide ? ' sections--all' : ' sections--tabs'}`} data-testid="sections" data-active-section={wide ? 'all' : active}>
      {!wide && (
        <div className="section-tabs" role="tablist" aria-label="Sections of your screen" data-testid="section-tabs">
          {SECTION_IDS.map((section) => {
            const selected = section === active;
            const badge = badges[section];
            return (
              <button
                key={section}
                ref={(el) => {
                  tabRefs.current[section] = el;
                }}
                type="button"
                role="tab"
                id={`section-tab-${section}`}
                className="section-tab"
                aria-selected={selected}
                aria-controls={`section-${section}`}
                tabIndex={selected ? 0 : -1}
                data-testid={`section-tab-${section}`}
                onClick={() => onTabClick(section)}
                onKeyDown={(e) => onKeyDown(e, section)}
              >
                <span className="section-tab__label">{SECTION_LABELS[section]}</span>
                {badge > 0 && (
                  <span className="section-tab__badge" data-testid={`section-badge-${section}`}>
                    {badge}
                    <span className="visually-hidden"> new</span>
                  </span>
                )}
              </button>
            );
          })}
        </div>
      )}
      <div className="sections__panels">
        {SECTION_IDS.map((section) => {
          const list = placed[section];
          if (wide && list.length === 0) return null;
          const open = shown(section);
          return (
            <div
              key={section}
              id={`section-${section}`}
              className={`section section--${section}`}
              data-section={section}
              data-testid={`section-${section}`}
              {...(wide ? { role: 'region', 'aria-label': SECTION_LABELS[section] } : { role: 'tabpanel', 'aria-labelledby': `section-tab-${section}`, tabIndex: 0 })}
              hidden={!open}
            >
              {wide && (
                <p className="section__title" aria-hidden="true">
                  {SECTION_LABELS[section]}
                </p>
              )}
              {list.length === 0 && <EmptySection section={section} onOpenNow={() => setActive('now')} />}
              <div className="section__body">
                {list.map((panel) =>
                  // The map measures its labels: it is drawn only while its section is in sight.
                  panel === 'map' && !open ? null : <PanelSlot key={panel}>{panels[panel]}</PanelSlot>,
                )}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function PanelSlot({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

/** A section whose panels this phase has brought into "Now" says where they went. */
function EmptySection({ section, onOpenNow }: { section: SectionId; onOpenNow: () => void }) {
  return (
    <p className="section__moved">
      This phase, your {SECTION_LABELS[section].toLowerCase()} are under Now.{' '}
      <button type="button" className="button button--small" onClick={onOpenNow}>
        Open Now
      </button>
    </p>
  );
}
