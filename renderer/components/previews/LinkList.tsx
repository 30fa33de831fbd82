import { useState } from 'react';

/** Opens a URL in the system browser after the person confirmed it (http and https only). */
function openConfirmed(url: string) {
  if (!/^https?:\/\//i.test(url)) return;
  // Electron routes window.open to the system browser (setWindowOpenHandler); the browser host opens a tab.
  window.open(url, '_blank', 'noopener,noreferrer');
}

/** The links of an email: clicking in the frame does nothing; each opens here only after confirmation. */
export function LinkList({ links }: { links: string[] }) {
  const [pending, setPending] = useState<string>();
  const unique = [...new Set(links)];
  if (!unique.length) return null;
  return (
    <details className="links">
      <summary>Links ({unique.length})</summary>
      <ul>
        {unique.map((l) => (
          <li key={l}>
            <code>{l || '(empty)'}</code>{' '}
            {pending === l ? (
              <span role="alertdialog" aria-label="Open link?">
                Open in the system browser? <button onClick={() => (openConfirmed(l), setPending(undefined))}>Open</button> <button onClick={() => setPending(undefined)}>Cancel</button>
              </span>
            ) : (
              <button disabled={!/^https?:\/\//i.test(l)} onClick={() => setPending(l)}>
                Open…
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
