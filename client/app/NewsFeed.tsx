import type { NewsItem } from '../../shared/engine/state.js';
import { useDeflect } from './useDeflect.js';

const NO_NEWS: NewsItem[] = [];

/** The news published so far, newest first. */
export function NewsFeed() {
  const news = useDeflect((s) => s.view?.news ?? NO_NEWS);
  return (
    <section className="panel news" aria-labelledby="news-heading">
      <h2 id="news-heading">News</h2>
      {news.length === 0 ? (
        <p className="muted">No news yet. Headlines arrive with each round's briefing.</p>
      ) : (
        <ol className="news__list" data-testid="news-list" tabIndex={0} aria-label="News items, newest first">
          {[...news].reverse().map((item) => (
            <li key={item.id} className="news__item">
              <p className="news__meta">Round {item.round}</p>
              <h3 className="news__headline">{item.headline}</h3>
              <p className="news__body">{item.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
