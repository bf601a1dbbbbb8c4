import type { FiredInject, NewsItem } from '../../shared/engine/state.js';
import { injectChannelName } from './format.js';
import { useNotices } from './notices.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';
import './notices.css';

const NO_NEWS: NewsItem[] = [];
const NO_INJECTS: FiredInject[] = [];

type FeedItem = { key: string; round: number; order: number; news: NewsItem } | { key: string; round: number; order: number; inject: FiredInject };

/**
 * The news published so far and the injects this seat received, newest first. Injects show
 * their channel and who speaks; the control cell also reads to whom they went and what
 * the scenario expects the table to do about them.
 */
export function NewsFeed() {
  const news = useDeflect((s) => s.view?.news ?? NO_NEWS);
  const injects = useDeflect((s) => s.view?.injects ?? NO_INJECTS);
  const name = useActorNames();
  // Items this seat has not read yet are marked (an actor's seat only; elsewhere nothing is unread).
  const unread = new Set(useNotices().unread.map((i) => i.key));
  // Within a round, injects come after the round's news: they fire with its briefing.
  const items: FeedItem[] = [
    ...news.map((n, i): FeedItem => ({ key: n.id, round: n.round, order: i, news: n })),
    ...injects.map((inject): FeedItem => ({ key: `inject-${inject.seq}`, round: inject.round, order: news.length + inject.seq, inject })),
  ].sort((a, b) => b.round - a.round || b.order - a.order);
  return (
    <section className="panel news" aria-labelledby="news-heading">
      <h2 id="news-heading">News</h2>
      {items.length === 0 ? (
        <p className="muted">No news yet. Headlines arrive with each round's briefing.</p>
      ) : (
        <ol className="news__list" data-testid="news-list" tabIndex={0} aria-label="News items, newest first">
          {items.map((item) =>
            'news' in item ? (
              <li key={item.key} className="news__item">
                <p className="news__meta">
                  {unread.has(`news:${item.news.id}`) && <NewMark />}Round {item.round}
                </p>
                <h3 className="news__headline">{item.news.headline}</h3>
                <p className="news__body">{item.news.body}</p>
              </li>
            ) : (
              <InjectItem key={item.key} inject={item.inject} name={name} unread={unread.has(`inject:${item.inject.id}`)} />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

/** The mark of an item not yet read: a word, not only a colour. */
function NewMark() {
  return (
    <>
      <span className="news__new" data-testid="news-new">
        New
      </span>{' '}
    </>
  );
}

function InjectItem({ inject: i, name, unread }: { inject: FiredInject; name(id: string): string; unread: boolean }) {
  const isControl = useDeflect((s) => (s.view?.control ?? null) !== null);
  return (
    <li className={`news__item news__item--${i.channel}`} data-testid={`inject-${i.id}`} data-channel={i.channel}>
      <p className="news__meta">
        {unread && <NewMark />}
        <span className={`channel-tag channel-tag--${i.channel}`}>{injectChannelName(i.channel)}</span> Round {i.round} · {i.persona}
        {i.targets !== 'all' && <span className="news__to"> · {isControl ? `to ${i.targets.map(name).join(', ')}` : 'sent to you, not to the whole table'}</span>}
      </p>
      <h3 className="news__headline">{i.headline}</h3>
      <p className="news__body">{i.body}</p>
      {i.controllerNote !== null && (
        <p className="controller-note" data-testid="controller-note">
          <span className="secret__tag">Control only</span> Expected action: {i.controllerNote}
        </p>
      )}
    </li>
  );
}
