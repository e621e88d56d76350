import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AppProvider } from './app/provider';
import { createRouter } from './app/router';
import { sessionQueries } from './features/auth/api/session-queries';
import { applyTheme, storedTheme } from './hooks/use-theme';
import { queryClient } from './lib/query-client';
import './styles.css';

applyTheme(storedTheme());
// Who is signed in is asked at once, while the router fetches the first screen's chunk, not after it.
void queryClient.prefetchQuery(sessionQueries.current());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <RouterProvider router={createRouter()} />
    </AppProvider>
  </StrictMode>,
);
