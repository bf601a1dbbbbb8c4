import { useLayoutEffect, useRef, type ReactNode } from 'react';

/** Attributes that name elements by id, whose references follow the ids they name. */
const REFERENCES = ['for', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-owns', 'aria-activedescendant'] as const;

/**
 * Gives every HTML id in `root` the prefix, and every reference to such an id the same, so that
 * two copies of the same panels (two seats side by side) do not share ids. SVG ids are left as
 * they are: they come from `useId` (already unique) and are referenced from inside `url(#…)`.
 */
export function scopeIds(root: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  for (const el of root.querySelectorAll('[id]')) {
    if (el instanceof SVGElement) continue;
    if (el.id.startsWith(prefix)) {
      renamed.set(el.id.slice(prefix.length), el.id);
      continue;
    }
    const scoped = `${prefix}${el.id}`;
    renamed.set(el.id, scoped);
    el.id = scoped;
  }
  if (renamed.size === 0) return;
  for (const attribute of REFERENCES) {
    for (const el of root.querySelectorAll(`[${attribute}]`)) {
      if (el instanceof SVGElement) continue;
      const value = el.getAttribute(attribute)!;
      const scoped = value
        .split(/\s+/)
        .map((token) => renamed.get(token) ?? token)
        .join(' ');
      if (scoped !== value) el.setAttribute(attribute, scoped);
    }
  }
}

/**
 * Renders `children` with their ids scoped by `prefix` (see `scopeIds`), also after React adds
 * elements. React writes an attribute only when its value changes, so a scoped id stays scoped.
 */
export function IdScope({ prefix, className, testId, children }: { prefix: string; className?: string; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    scopeIds(root, prefix);
    const observer = new MutationObserver(() => scopeIds(root, prefix));
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['id', ...REFERENCES] });
    return () => observer.disconnect();
  }, [prefix]);
  return (
    <div ref={ref} className={className} data-testid={testId}>
      {children}
    </div>
  );
}
