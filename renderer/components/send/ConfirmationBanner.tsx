import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { EventPayload } from '../../../shared/ipc/contract';

type Pending = EventPayload<'app.confirmation'>;

/**
 * While the browser host waits for the person to confirm a change (a new destination, a new
 * secret), says so and links to its confirmation page. The page is another origin: this page can
 * open it but neither read nor answer it. The desktop app asks in a native dialog instead.
 */
export function ConfirmationBanner() {
  const [pending, setPending] = useState<Pending[]>([]);
  useEffect(() => api.on('app.confirmation', (p) => setPending((list) => (p.state === 'pending' ? [...list.filter((x) => x.id !== p.id), p] : list.filter((x) => x.id !== p.id)))), []);
  if (pending.length === 0) return null;
  return (
    <div role="status" className="banner confirmation-banner" data-testid="confirmation-banner">
      {pending.map((p) => (
        <div key={p.id}>
          Waiting for your confirmation: <strong>{p.title}</strong>{' '}
          <a href={p.url} target="_blank" rel="noopener noreferrer" data-testid="confirmation-link">
            Open the confirmation page ↗
          </a>
        </div>
      ))}
    </div>
  );
}
