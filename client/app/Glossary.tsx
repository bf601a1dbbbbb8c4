// Terms one tap away: a glossary term in running text is a button that opens its plain
// definition in place (a disclosure: aria-expanded, works with a keyboard, a mouse and a
// finger), and the full glossary is a collapsible list.
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { GLOSSARY, glossaryEntry, glossaryParts } from './glossary.js';
import './glossary.css';

/**
 * A glossary term in text: tapping it (or Enter/Space) shows its definition and source beneath,
 * tapping again or Escape hides it. Unknown ids render the children as plain text.
 */
export function GlossaryTerm({ termId, children }: { termId: string; children: ReactNode }) {
  const entry = glossaryEntry(termId);
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!entry) return <>{children}</>;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
    }
  };
  return (
    <span className="glossary-term">
      <button
        type="button"
        className="glossary-term__button"
        aria-expanded={open}
        aria-controls={id}
        data-testid={`term-${entry.id}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onKeyDown}
      >
        {children}
      </button>
      {open && (
        <span className="glossary-term__definition" id={id} role="note" data-testid={`term-definition-${entry.id}`}>
          <strong>{entry.term}</strong>: {entry.definition} <span className="glossary-term__source">({entry.source})</span>
        </span>
      )}
    </span>
  );
}

/** Text with every glossary term in it (the first time each appears) tappable for its definition. */
export function GlossaryText({ text }: { text: string }) {
  return (
    <>
      {glossaryParts(text).map((part, i) =>
        part.termId === null ? (
          <span key={i}>{part.text}</span>
        ) : (
          <GlossaryTerm key={i} termId={part.termId}>
            {part.text}
          </GlossaryTerm>
        ),
      )}
    </>
  );
}

/** The whole glossary, collapsed under one line: every term, its plain definition and its source. */
export function FullGlossary() {
  return (
    <details className="glossary" data-testid="glossary">
      <summary>Glossary: the terms in plain words</summary>
      <dl className="glossary__list">
        {GLOSSARY.map((e) => (
          <div key={e.id} className="glossary__entry" id={`glossary-${e.id}`}>
            <dt>{e.term}</dt>
            <dd>
              {e.definition} <span className="glossary-term__source">({e.source})</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
