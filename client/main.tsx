import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { loadScenarios, resumeFromTab } from './net/session.js';
import './styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('The page has no #root element to mount Deflect in.');

createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void loadScenarios();
void resumeFromTab();
