import { measureText } from './textLimits.js';

/**
 * The live count under a text field: nothing until the text reaches 80% of its limit, then
 * "1 950 / 2 000", and past the limit the sentence saying it cannot be sent. The field names
 * it with `aria-describedby={id}`; it is a live region, so a screen reader hears it change.
 */
export function TextLimit({ id, text, limit, testId }: { id: string; text: string; limit: number; testId: string }) {
  const m = measureText(text, limit);
  return (
    <p
      id={id}
      className={`char-count${m.over ? ' char-count--over' : ''}`}
      data-testid={testId}
      data-count={m.count}
      data-over={m.over || undefined}
      aria-live="polite"
    >
      {m.over ? m.problem : m.nearLimit ? m.counter : ''}
    </p>
  );
}

/** The attributes a text field takes for its TextLimit: what describes it, and whether it is invalid. */
export function limitedFieldProps(counterId: string, text: string, limit: number): { 'aria-describedby': string; 'aria-invalid': true | undefined } {
  return { 'aria-describedby': counterId, 'aria-invalid': measureText(text, limit).over || undefined };
}
