import { useEffect, useRef, useState } from 'react';
import { injectChannelName } from './format.js';
import { useNotices, useOpenNoticeRequest, type NoticeItem } from './notices.js';
import './notices.css';

// How many unread items show at once: a round's briefing brings several headlines, and the
// current task must stay in sight on a phone; the rest wait one tap away.
const SHOWN_AT_ONCE = 3;

/** The element id of a notice, for links and focus. */
export const noticeElementId = (key: string): string => `notice-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * What reached this actor's seat and has not been read: each notice stays until the participant
 * marks it read (opening it counts as reading it, and it stays open until closed). Items sent to
 * this actor alone come first. Announced politely: a screen reader hears one short line per
 * arrival, not the whole list again.
 */
export function Notices() {
  const { unread, items, markRead } = useNotices();
  // Items opened in this page: read, and kept in sight until closed.
  const [opened, setOpened] = useState<string[]>([]);
  const [showAll, setShowAll] = useState(false);
  const request = useOpenNoticeRequest();
  const handled = useRef<number>(0);

  const open = (key: string) => {
    setOpened((keys) => (keys.includes(key) ? keys : [...keys, key]));
    markRead([key]);
  };
  const close = (key: string) => setOpened((keys) => keys.filter((k) => k !== key));

  // "Waiting for you" asked to open one: unfold it and take the focus there.
  useEffect(() => {
    if (request === null || request.n === handled.current) return;
    handled.current = request.n;
    open(request.key);
    requestAnimationFrame(() => document.getElementById(noticeElementId(request.key))?.focus());
  }, [request]);

  const unreadKeys = new Set(unread.map((i) => i.key));
  const shown = items
    .filter((i) => unreadKeys.has(i.key) || opened.includes(i.key))
    // Newest first, what is addressed to this actor before what went to everyone.
    .reverse()
    .sort((a, b) => Number(b.addressedToMe) - Number(a.addressedToMe));
  const latest = unread[unread.length - 1] ?? null;
  const announcement = latest ? `New${latest.addressedToMe ? ', sent to you' : ''}: ${latest.headline}` : '';
  const visible = showAll ? shown : shown.slice(0, SHOWN_AT_ONCE);
  return (
    <>
      {/* Always in the page, so that a new line in it is announced. */}
      <p className="visually-hidden" role="status" data-testid="notices-announcement">
        {announcement}
      </p>
      {shown.length > 0 && (
        <section className="notices" aria-labelledby="notices-heading" data-testid="notices">
          <div className="notices__head">
            <h2 id="notices-heading" className="notices__title">
              New for you <span className="notices__count" data-testid="notices-count">{unread.length}</span>
              <span className="visually-hidden"> unread</span>
            </h2>
            {unread.length > 1 && (
              <button type="button" className="button button--small" data-testid="notices-mark-all" onClick={() => markRead(unread.map((i) => i.key))}>
                Mark all as read
              </button>
            )}
          </div>
          <ul className="notices__list">
            {visible.map((item) => (
              <Notice
                key={item.key}
                item={item}
                isOpen={opened.includes(item.key)}
                isUnread={unreadKeys.has(item.key)}
                onOpen={() => open(item.key)}
                onClose={() => close(item.key)}
                onRead={() => markRead([item.key])}
              />
            ))}
          </ul>
          {shown.length > SHOWN_AT_ONCE && (
            <button type="button" className="button button--quiet notices__more" aria-expanded={showAll} onClick={() => setShowAll(!showAll)} data-testid="notices-more">
              {showAll ? 'Show fewer' : `Show ${shown.length - SHOWN_AT_ONCE} more`}
            </button>
          )}
        </section>
      )}
    </>
  );
}

function Notice({ item, isOpen, isUnread, onOpen, onClose, onRead }: { item: NoticeItem; isOpen: boolean; isUnread: boolean; onOpen(): void; onClose(): void; onRead(): void }) {
  const id = noticeElementId(item.key);
  const source = item.channel === 'published' ? 'News' : `${injectChannelName(item.channel)} · ${item.persona ?? ''}`;
  return (
    <li
      id={id}
      tabIndex={-1}
      className={`notices__item notices__item--${item.channel}${item.addressedToMe ? ' notices__item--to-me' : ''}`}
      data-testid={`notice-${item.key.replace(':', '-')}`}
      data-unread={isUnread}
    >
      <p className="notices__meta">
        {source} · Round {item.round}
        {item.addressedToMe && <strong className="notices__to-me"> · sent to you, not to the whole table</strong>}
      </p>
      <p className="notices__headline">{item.headline}</p>
      {isOpen && (
        <p className="notices__body" data-testid="notice-body">
          {item.body}
        </p>
      )}
      <div className="notices__actions">
        {isOpen ? (
          <button type="button" className="button button--small" onClick={onClose} data-testid="notice-close">
            Close
          </button>
        ) : (
          <button type="button" className="button button--small" onClick={onOpen} aria-label={`Open: ${item.headline}`} data-testid="notice-open">
            Open
          </button>
        )}
        {isUnread && (
          <button type="button" className="button button--small" onClick={onRead} aria-label={`Mark as read: ${item.headline}`} data-testid="notice-mark-read">
            Mark as read
          </button>
        )}
      </div>
    </li>
  );
}
