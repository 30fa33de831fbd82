import { useState } from 'react';
import type { Campaign } from '../../../shared/campaign/model';
import { useRenders } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { dismissStartHere, isSampleWorkspace, startHereDismissed } from './sample';

/**
 * "Start here" on the sample workspace, above the preview: what the matrix is, how to bring one's
 * own targets, and that Send goes to the built-in sandbox. Its first step previews a real message
 * at once; "Got it" puts it away for good (remembered on this computer).
 */
export function StartHere({ campaign }: { campaign: Campaign }) {
  const sample = useWorkspace((s) => isSampleWorkspace(s.model));
  const [dismissed, setDismissed] = useState(startHereDismissed);
  const first = useRenders((s) => s.targets[0]);
  const select = useUi((s) => s.select);
  const node = campaign.nodes[0];
  if (!sample || dismissed) return null;
  return (
    <section className="start-here" aria-labelledby="start-here-title" data-testid="start-here">
      <h2 id="start-here-title">Start here</h2>
      <ol>
        <li>
          <b>The matrix</b> has one row per user and one column per message: each cell is what that user will receive, rendered from the campaign file and the data. Select a cell to preview it here, then approve (A) or flag (F) it.
          {first && node && (
            <>
              {' '}
              <button className="link" onClick={() => select(first, node.key)}>
                Preview {first}’s {node.key}
              </button>
            </>
          )}
        </li>
        <li>
          <b>Paste your targets</b>: copy the id column (and any per-user columns) from a spreadsheet and paste it anywhere outside the editor, or use <i>Paste data…</i> and <i>Import file…</i> above the matrix.
        </li>
        <li>
          <b>Send to the sandbox</b>: <i>Send…</i> goes to the built-in sandbox, a local stand-in for Xtremepush, so nothing reaches a customer. Add real environments under <i>Environments…</i>.
        </li>
      </ol>
      <button
        onClick={() => {
          dismissStartHere();
          setDismissed(true);
        }}
      >
        Got it
      </button>
    </section>
  );
}
