import { describe, expect, it } from 'vitest';
import { phase as phaseSchema } from '../../../shared/engine/vocabulary.js';
import { countUnread, nowPanels, SECTION_IDS, sectionBadges, sectionOfPanel, sectionPanels, tabAfterKey, type PanelId } from '../../../client/app/sections.js';

// A participant's sections: the phase's panels under "Now", every other panel in its own
// section, each exactly once; badges count what arrived where the participant was not looking.

const ALL_PANELS: PanelId[] = ['actor', 'news', 'threat', 'trust', 'map', 'messages', 'agreements', 'un', 'missions', 'orders', 'actions', 'results', 'outcome'];

describe('sectionPanels', () => {
  it.each(phaseSchema.options)('places every panel in exactly one section in the %s phase', (phase) => {
    const placed = sectionPanels(phase);
    const all = SECTION_IDS.flatMap((id) => placed[id]);
    expect([...all].sort()).toEqual([...ALL_PANELS].sort());
  });

  it('brings the news and the threat into Now at the briefing', () => {
    expect(nowPanels('briefing').slice(0, 2)).toEqual(['news', 'threat']);
    expect(sectionOfPanel('briefing', 'orders')).toBe('orders');
  });

  it('brings talk, agreements and missions into Now during deliberation', () => {
    expect(nowPanels('deliberation')).toEqual(expect.arrayContaining(['messages', 'agreements', 'missions']));
    expect(sectionPanels('deliberation').missions).toEqual([]);
    expect(sectionPanels('deliberation').talk).toEqual(['un']);
  });

  it('brings the orders form and the threat into Now during orders, leaving public actions under Orders', () => {
    expect(nowPanels('orders').slice(0, 2)).toEqual(['orders', 'threat']);
    expect(sectionPanels('orders').orders).toEqual(['actions']);
    expect(sectionOfPanel('orders', 'map')).toBe('map');
  });

  it('brings the round results and the outcome into Now at the resolution and the end', () => {
    for (const phase of ['resolution', 'ended'] as const) {
      expect(nowPanels(phase)).toEqual(expect.arrayContaining(['outcome', 'results']));
      expect(sectionPanels(phase).record).toEqual(['actor', 'trust']);
    }
  });
});

describe('unread badges', () => {
  it('counts the items not seen, a changed mission object counting as new', () => {
    const mission = { id: 'mission-1', status: 'proposed' };
    const seen = new Set<unknown>(['m1', 'm2', mission]);
    expect(countUnread(['m1', 'm2', 'm3'], seen)).toBe(1);
    expect(countUnread([{ ...mission, status: 'building' }], seen)).toBe(1);
    expect(countUnread([mission], seen)).toBe(0);
  });

  it('puts each unread kind on the section that shows it in this phase', () => {
    expect(sectionBadges('briefing', { messages: 2, news: 1, missions: 3 })).toEqual({ now: 1, map: 0, talk: 2, missions: 3, orders: 0, record: 0 });
    // During deliberation talk and missions are under Now: their news go there.
    expect(sectionBadges('deliberation', { messages: 2, news: 1, missions: 3 }).now).toBe(6);
  });
});

describe('tabAfterKey', () => {
  it('moves with the arrow keys, wrapping around, and jumps with Home and End', () => {
    expect(tabAfterKey('now', 'ArrowRight')).toBe('map');
    expect(tabAfterKey('now', 'ArrowLeft')).toBe('record');
    expect(tabAfterKey('record', 'ArrowRight')).toBe('now');
    expect(tabAfterKey('talk', 'Home')).toBe('now');
    expect(tabAfterKey('talk', 'End')).toBe('record');
    expect(tabAfterKey('talk', 'Enter')).toBeNull();
  });
});
