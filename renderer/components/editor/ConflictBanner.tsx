import { useWorkspace } from '../../stores/workspace';

/** Shown when a campaign file changed on disk while it had unsaved edits: reload theirs or keep mine. */
export function ConflictBanner() {
  const conflict = useWorkspace((s) => s.conflict);
  const resolve = useWorkspace((s) => s.resolveConflict);
  if (!conflict) return null;
  return (
    <div role="alertdialog" aria-label="File changed on disk" className="banner warning" data-testid="external-change">
      <code>{conflict.file}</code> {conflict.text === null ? 'was deleted' : 'changed'} on disk while you have unsaved edits.{' '}
      <button onClick={() => void resolve('theirs')} data-testid="reload-theirs">
        Reload from disk (drop my edits)
      </button>{' '}
      <button onClick={() => void resolve('mine')}>Keep my edits and overwrite</button>
    </div>
  );
}
