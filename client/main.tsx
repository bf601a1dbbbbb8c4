import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadScenarios, resumeFromTab } from './net/session.js';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('The page has no #root element to mount Deflect in.');

// The debrief studio is a chunk of its own, loaded only on its pages: players never download it.
const DebriefStudio = lazy(() => import('./debrief/Studio.js'));
const isDebrief = /^\/debrief(\/|$)/.test(globalThis.location.pathname);
// So is the scenario preview, with the YAML parser and the scenario check.
const ScenarioPreview = lazy(() => import('./authoring/ScenarioPreview.js'));
const isAuthoring = /^\/scenarios\/preview(\/|$)/.test(globalThis.location.pathname);

createRoot(rootElement).render(
  <StrictMode>
    {isDebrief ? (
      <Suspense fallback={<p className="studio-loading" role="status">Loading the debrief studio…</p>}>
        <DebriefStudio />
      </Suspense>
    ) : isAuthoring ? (
      <Suspense fallback={<p className="muted" role="status">Loading the scenario preview…</p>}>
        <ScenarioPreview />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);

// The studio joins no room: it reads the record over HTTP with its key.
if (!isDebrief && !isAuthoring) {
  void loadScenarios();
  void resumeFromTab();
}
