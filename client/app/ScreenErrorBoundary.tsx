import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps a rendering fault in one screen from blanking the page, and says how to recover. */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Deflect could not draw this screen:', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="panel" role="alert">
          <h2>This screen could not be drawn</h2>
          <p>Your seat is kept. Reload the page to rejoin the exercise.</p>
          <p className="muted">{this.state.error.message}</p>
          <button type="button" className="button button--primary" onClick={() => globalThis.location.reload()}>
            Reload
          </button>
        </section>
      );
    }
    return this.props.children;
  }
}
