import type { Phase } from '../../shared/engine/vocabulary.js';

// A participant's screen is cut into a few sections, one tap away from each other: "Now" holds
// what the current phase needs, the others hold the rest. Each panel is shown in exactly one
// section at a time (so its controls and ids exist once); which one depends on the phase.

/** The sections of a participant's screen, in the order of the tab bar. */
export const SECTION_IDS = ['now', 'map', 'talk', 'missions', 'orders', 'record'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** What each section is called on its tab. */
export const SECTION_LABELS: Record<SectionId, string> = {
  now: 'Now',
  map: 'Map',
  talk: 'Talk',
  missions: 'Missions',
  orders: 'Orders',
  record: 'Record',
};

/** The panels of a participant's screen (each one React component). */
export type PanelId = 'actor' | 'news' | 'threat' | 'trust' | 'map' | 'messages' | 'agreements' | 'un' | 'missions' | 'orders' | 'actions' | 'results' | 'outcome';

/** Where each panel lives when the phase does not bring it into "Now". */
const HOME: Record<SectionId, PanelId[]> = {
  now: ['news'],
  map: ['map', 'threat'],
  talk: ['messages', 'agreements', 'un'],
  missions: ['missions'],
  orders: ['orders', 'actions'],
  record: ['outcome', 'results', 'actor', 'trust'],
};

/** The panels each phase brings into "Now", first to last (the news always closes it). */
export function nowPanels(phase: Phase): PanelId[] {
  switch (phase) {
    case 'lobby':
    case 'briefing':
      return ['news', 'threat', 'actor'];
    case 'deliberation':
      return ['messages', 'agreements', 'missions', 'news'];
    case 'orders':
      return ['orders', 'threat', 'news'];
    case 'resolution':
    case 'ended':
      return ['outcome', 'results', 'news'];
    default: {
      const never: never = phase;
      return never;
    }
  }
}

/** The panels of every section in this phase: each panel in exactly one section. */
export function sectionPanels(phase: Phase): Record<SectionId, PanelId[]> {
  const now = nowPanels(phase);
  const inNow = new Set(now);
  const placed = {} as Record<SectionId, PanelId[]>;
  for (const id of SECTION_IDS) placed[id] = id === 'now' ? now : HOME[id].filter((p) => !inNow.has(p));
  return placed;
}

/** The section a panel is shown in during this phase. */
export function sectionOfPanel(phase: Phase, panel: PanelId): SectionId {
  const placed = sectionPanels(phase);
  return SECTION_IDS.find((id) => placed[id].includes(panel)) ?? 'now';
}

/** The kinds of things whose arrival puts a badge on the section showing them. */
export type UnreadKind = 'messages' | 'news' | 'missions';
/** The panel that shows each kind of unread item. */
export const UNREAD_PANEL: Record<UnreadKind, PanelId> = { messages: 'messages', news: 'news', missions: 'missions' };

/**
 * How many of `items` are not in `seen`: ids for messages and news; for missions the mission
 * objects themselves, which the view keeps identical while unchanged, so a changed mission counts.
 */
export function countUnread(items: readonly unknown[], seen: ReadonlySet<unknown>): number {
  let unread = 0;
  for (const item of items) if (!seen.has(item)) unread++;
  return unread;
}

/** The badge of each section: the unread items of the kinds it shows in this phase. */
export function sectionBadges(phase: Phase, unread: Record<UnreadKind, number>): Record<SectionId, number> {
  const badges = { now: 0, map: 0, talk: 0, missions: 0, orders: 0, record: 0 } satisfies Record<SectionId, number>;
  for (const kind of Object.keys(unread) as UnreadKind[]) badges[sectionOfPanel(phase, UNREAD_PANEL[kind])] += unread[kind];
  return badges;
}

/** The tab the arrow, Home and End keys move to from `current` (WAI-ARIA tabs: wraps around), or null for any other key. */
export function tabAfterKey(current: SectionId, key: string): SectionId | null {
  const i = SECTION_IDS.indexOf(current);
  const n = SECTION_IDS.length;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return SECTION_IDS[(i + 1) % n]!;
    case 'ArrowLeft':
    case 'ArrowUp':
      return SECTION_IDS[(i - 1 + n) % n]!;
    case 'Home':
      return SECTION_IDS[0];
    case 'End':
      return SECTION_IDS[n - 1]!;
    default:
      return null;
  }
}

/** The width from which every section is shown at once, side by side, instead of one tab at a time. */
export const WIDE_MIN_WIDTH_PX = 1280;
