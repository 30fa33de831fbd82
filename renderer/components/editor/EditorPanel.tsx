import { lazy, Suspense, useMemo, useState } from 'react';
import { PanelBoundary } from '../layout/PanelBoundary';
import type { Diagnostic } from '../../../shared/diagnostics';
import { useRenders, useRow } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { savedText, useWorkspace } from '../../stores/workspace';
import { ConflictBanner } from './ConflictBanner';
import { useSelection } from '../../hooks/useSelection';
import { importAgain } from '../../lib/import-again';

/** The editor's code, loaded on first use; a failed load (a dropped connection) is tried again on Retry (`attempt` 1, 2, …). */
const loadEditor = (attempt: number) => lazy(() => importAgain(() => import('./CampaignEditor'), attempt));

/** The editor panel under the matrix: edit or diff the selected campaign file, save it, see its problems as markers. */
export function EditorPanel({ file, parseDiagnostics }: { file: string; parseDiagnostics: Diagnostic[] }) {
  const saved = useWorkspace((s) => savedText(s, file) ?? '');
  const draft = useWorkspace((s) => s.drafts[file]);
  const saving = useWorkspace((s) => s.saving);
  const setDraft = useWorkspace((s) => s.setDraft);
  const save = useWorkspace((s) => s.save);
  const discard = useWorkspace((s) => s.discardDraft);
  const open = useUi((s) => s.editorOpen);
  const setUi = useUi((s) => s.set);
  const [mode, setMode] = useState<'edit' | 'diff'>('edit');
  const [attempt, setAttempt] = useState(0);
  const CampaignEditor = useMemo(() => loadEditor(attempt), [attempt]);
  const [confirmRevert, setConfirmRevert] = useState(false);
  const campaignDiagnostics = useRenders((s) => s.diagnostics);
  const selected = useSelection();
  const row = useRow(selected?.target ?? '');
  const dirty = draft !== undefined;
  const text = draft ?? saved;

  const diagnostics = useMemo(() => [...parseDiagnostics, ...campaignDiagnostics.filter((d) => d.node && d.field)], [parseDiagnostics, campaignDiagnostics]);
  const emptyForUser = useMemo(() => {
    const out: { name: string; target: string }[] = [];
    for (const r of row ?? []) for (const [name, source] of Object.entries(r.sources)) if (source === 'empty' && !out.some((o) => o.name === name)) out.push({ name, target: r.target });
    return out;
  }, [row]);

  return (
    <section className="editor-panel" aria-label="Campaign editor" data-testid="editor-panel" data-dirty={dirty ? 'yes' : 'no'}>
      <div className="toolbar">
        <button className="link" onClick={() => setUi({ editorOpen: !open })} aria-expanded={open} data-testid="editor-toggle">
          {open ? '▾' : '▸'} Edit <code>{file}</code>
          {dirty ? ' •' : ''}
        </button>
        {open && (
          <>
            <div role="tablist" aria-label="Editor view">
              <button role="tab" aria-selected={mode === 'edit'} onClick={() => setMode('edit')}>
                Edit
              </button>
              <button role="tab" aria-selected={mode === 'diff'} onClick={() => setMode('diff')} disabled={!dirty} data-testid="diff-tab">
                Diff with saved
              </button>
            </div>
            <span className="spacer" />
            {parseDiagnostics.length > 0 && (
              <span className="badge badge-error" title={parseDiagnostics[0]!.message}>
                {parseDiagnostics.length} file error{parseDiagnostics.length > 1 ? 's' : ''}
              </span>
            )}
            <button onClick={() => setConfirmRevert(true)} disabled={!dirty || saving} data-testid="revert-campaign">
              Revert
            </button>
            <button className="primary" onClick={() => void save(file)} disabled={!dirty || saving} data-testid="save-campaign">
              {saving ? 'Saving…' : 'Save'}
            </button>
          </>
        )}
      </div>
      {confirmRevert && dirty && (
        <div role="alertdialog" aria-labelledby="revert-question" className="banner warning" data-testid="revert-confirm">
          <span id="revert-question">Discard your unsaved edits to {file}? The file goes back to its saved text.</span>{' '}
          <button onClick={() => setConfirmRevert(false)} autoFocus>
            Keep editing
          </button>{' '}
          <button
            onClick={() => {
              setConfirmRevert(false);
              setMode('edit');
              discard(file);
            }}
          >
            Discard edits
          </button>
        </div>
      )}
      <ConflictBanner />
      {open && (
        <PanelBoundary id="editor" label="the editor" resetKey={file} onRetry={() => setAttempt((a) => a + 1)}>
          <Suspense fallback={<div className="editor-host muted">Loading editor…</div>}>
            <CampaignEditor file={file} saved={saved} text={text} mode={dirty ? mode : 'edit'} onChange={(t) => setDraft(file, t)} onSave={() => void save(file)} diagnostics={diagnostics} emptyForUser={emptyForUser} />
          </Suspense>
        </PanelBoundary>
      )}
    </section>
  );
}
