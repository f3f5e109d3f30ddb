import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App, preloadRouteChunk } from './App';
import { initI18n } from './i18n';
import { startSession } from './session/session';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/tables.css';

async function start(): Promise<void> {
  // Everything the first page needs starts at once: its chunk, the login state, the texts.
  const routeChunk = preloadRouteChunk(window.location.pathname);
  void startSession();
  await initI18n();
  // Waiting for the chunk renders the page once, without the lazy route's spinner in between. One
  // that failed to load is asked for again by the route's lazy import, which shows the error.
  await Promise.allSettled([routeChunk]);
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StrictMode>,
  );
}

void start();
