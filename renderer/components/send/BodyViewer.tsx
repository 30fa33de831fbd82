import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import type { SendDraft } from '../../../shared/ipc/channels/send';

/** The exact body of any batch of a draft (token masked), with copy as JSON or curl ($XP_APP_TOKEN). */
export function BodyViewer({ draft }: { draft: SendDraft }) {
  const [index, setIndex] = useState(0);
  const [view, setView] = useState<{ body: unknown; curl: string }>({ body: draft.firstBody, curl: draft.curl });
  const [error, setError] = useState<string>();
  useEffect(() => {
    setError(undefined);
    if (index === 0) return setView({ body: draft.firstBody, curl: draft.curl });
    let live = true;
    call('send.body', { draftId: draft.draftId, index })
      .then((v) => live && setView(v))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [draft, index]);
  const json = JSON.stringify(view.body, null, 2);
  return (
    <details className="body-viewer">
      <summary>Request bodies (token masked)</summary>
      <div className="body-tools">
        <label>
          Batch <input type="number" min={1} max={draft.batchCount} value={index + 1} onChange={(e) => setIndex(Math.min(draft.batchCount, Math.max(1, Number(e.target.value) || 1)) - 1)} aria-label="Batch number" />
        </label>{' '}
        of {draft.batchCount}
        <span className="spacer" />
        <button onClick={() => void navigator.clipboard.writeText(json)}>Copy JSON</button>
        <button onClick={() => void navigator.clipboard.writeText(view.curl)} title="The token is referenced as $XP_APP_TOKEN">
          Copy curl
        </button>
      </div>
      {error ? (
        <div className="c-error">{error}</div>
      ) : (
        <pre className="body-json" data-testid="preview-body">
          {json}
        </pre>
      )}
    </details>
  );
}
