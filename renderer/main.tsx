import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { PanelBoundary } from './components/layout/PanelBoundary';
import './styles.css';

// Panels have their own boundaries; this last one keeps even an error in the frame from blanking the window.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelBoundary id="app" label="the app window">
      <App />
    </PanelBoundary>
  </StrictMode>,
);
