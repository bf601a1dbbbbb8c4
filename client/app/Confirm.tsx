import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ConfirmQuestion } from './confirmWords.js';
import './confirm.css';

/** A question waiting for an answer, with what to do if the person goes ahead. */
interface Asked {
  question: ConfirmQuestion;
  onConfirm: () => void;
}

/**
 * A confirmation before a costly or irreversible act: `ask` opens a modal dialog that says
 * what the act costs; the command is sent only if the person confirms. Render `dialog`
 * next to the control that asks.
 */
export function useConfirm(): { ask: (question: ConfirmQuestion, onConfirm: () => void) => void; dialog: ReactNode } {
  const [asked, setAsked] = useState<Asked | null>(null);
  const ask = useCallback((question: ConfirmQuestion, onConfirm: () => void) => setAsked({ question, onConfirm }), []);
  const close = useCallback(() => setAsked(null), []);
  const dialog = asked === null ? null : <ConfirmDialog question={asked.question} onConfirm={asked.onConfirm} onClose={close} />;
  return { ask, dialog };
}

/**
 * The native modal dialog (`showModal`): the focus starts on the safe choice (Cancel), Escape
 * cancels, and the focus goes back where it was when the dialog closes.
 */
export function ConfirmDialog({ question, onConfirm, onClose }: { question: ConfirmQuestion; onConfirm: () => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const costId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to the control that asked, if it is still on the page.
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm"
      data-testid="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={costId}
      // Escape (the dialog's own cancel) and any other close end the question without acting.
      onClose={onClose}
    >
      <h2 id={titleId} className="confirm__question" data-testid="confirm-question">
        {question.question}
      </h2>
      <p id={costId} className="confirm__cost" data-testid="confirm-cost">
        {question.cost}
      </p>
      <div className="confirm__buttons">
        <button type="button" ref={cancelRef} className="button" data-testid="confirm-no" onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="confirm-yes"
          onClick={() => {
            onConfirm();
            ref.current?.close();
          }}
        >
          {question.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
