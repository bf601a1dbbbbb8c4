import { Component, useEffect, useState, type ReactNode } from 'react';

/** A value computed, or the reason it could not be. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

/** Runs `compute`, keeping its failure as a sentence instead of letting it take the page down. */
export function attempt<T>(compute: () => T): Attempt<T> {
  try {
    return { ok: true, value: compute() };
  } catch (e) {
    return { ok: false, error: (e as Error)?.message ?? String(e) };
  }
}

/** Where an asynchronous load stands. */
export type Loading<T> = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; value: T };

/** Loads `load()` when `deps` change, ignoring answers that arrive after a newer load started. */
export function useLoad<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): Loading<T> {
  const [result, setResult] = useState<Loading<T>>({ state: 'loading' });
  useEffect(() => {
    if (load === null) return;
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (e: unknown) => live && setResult({ state: 'failed', error: (e as Error)?.message ?? String(e) }),
    );
    return () => {
      live = false;
    };
    // The caller names what the load depends on.
  }, deps);
  return result;
}

/** A part of the studio that could not be computed or loaded, said plainly. */
export function Unavailable({ what, error, testId }: { what: string; error: string; testId?: string }) {
  return (
    <p className="notice notice--warning" role="status" data-testid={testId ?? 'studio-unavailable'}>
      {what} cannot be shown: {error}
    </p>
  );
}

/** Keeps a failure in one part of the studio inside that part. */
export class StudioBoundary extends Component<{ what: string; children: ReactNode }, { error: string | null }> {
  override state: { error: string | null } = { error: null };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: (e as Error)?.message ?? String(e) };
  }

  override render() {
    return this.state.error !== null ? <Unavailable what={this.props.what} error={this.state.error} /> : this.props.children;
  }
}

/** A wall-clock ISO time as the studio shows it: date and time of day, in the reader's zone. */
export function formatWallTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A wall-clock ISO time as a date only. */
export function formatWallDate(iso: string | null): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}
