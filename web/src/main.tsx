// First: starts the requests of the first page before the rest of the app is evaluated (startup.ts).
import { startup } from './startup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { initI18n } from './i18n';
import { startSession } from './session/session';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/tables.css';

async function start(): Promise<void> {
  void startSession(startup.session());
  await initI18n(startup.language, await startup.texts());
  // Waiting for the chunk renders the page once, without the lazy route's spinner in between. One
  // that failed to load is asked for again by the route's lazy import, which shows the error.
  await Promise.allSettled([startup.route?.()]);
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <BrowserRouter>
        <App startup={startup} />
      </BrowserRouter>
    </StrictMode>,
  );
}

void start();
