import { useEffect, useState } from 'react';
import type { SendData } from '../../../shared/campaign/send-data';
import { useCampaignEntry, useData, useHistoryDepth } from '../../stores/data';
import { PANE_LIMITS, useUi, type DataTab } from '../../stores/ui';
import { useSelectedCampaign } from '../../stores/workspace';
import { Splitter } from '../layout/Splitter';
import { FileImportButton } from './FileImportButton';
import { ImportDialog } from './ImportDialog';
import { ParamsTab } from './ParamsTab';
import { ProfilesTab } from './ProfilesTab';
import { TargetsTab } from './TargetsTab';
import { fileInput, isEditableTarget } from './download';
import './data.css';
import { usersWithValuesCount } from '../../../shared/campaign/per-user';
import { PanelBoundary } from '../layout/PanelBoundary';

const TABS: { id: DataTab; label: string }[] = [
  { id: 'targets', label: 'Targets' },
  { id: 'params', label: 'Params' },
  { id: 'profiles', label: 'Profiles' },
];
const EMPTY: SendData = { target_by: 'user_id', target: [], params: {}, target_with_params: {} };

/** DataPanel inside its own error boundary: if it fails, it says so with a Retry and the rest of the window stays. */
export function DataPanel(props: { data: SendData | undefined }) {
  return (
    <PanelBoundary id="data" label="the data panel">
      <DataPanelBody {...props} />
    </PanelBoundary>
  );
}

/**
 * The selected campaign's data: a compact bar (counts, tabs, Paste data…, Import file…, Undo) over
 * the open tab, a pane with a divider to resize it; closing the tab folds the pane to its bar (tab
 * and height are remembered with the view). Pasting anywhere outside an input or editor, or
 * dropping a file on the window, starts an import too; every import shows a preview before it
 * changes anything.
 */
function DataPanelBody({ data }: { data: SendData | undefined }) {
  const entry = useSelectedCampaign();
  const file = entry?.file;
  const campaign = entry?.campaign;
  const tab = useUi((s) => s.dataTab);
  const height = useUi((s) => s.panes.data);
  const setUi = useUi((s) => s.set);
  const setPane = useUi((s) => s.setPane);
  const setTab = (dataTab: DataTab | null) => setUi({ dataTab });
  const [pasting, setPasting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const startImport = useData((s) => s.startImport);
  const undo = useData((s) => s.undo);
  const loadMappings = useData((s) => s.loadMappings);
  const notice = useData((s) => s.notice);
  const mappingsError = useData((s) => s.mappingsError);
  const depth = useHistoryDepth(file);
  const last = useCampaignEntry(file)?.last;

  useEffect(() => {
    void loadMappings();
  }, [loadMappings]);

  // Paste anywhere that is not an input or editor; drop a file anywhere on the window.
  useEffect(() => {
    if (!file) return;
    const busy = () => !!document.querySelector('[aria-modal="true"]');
    const onPaste = (e: ClipboardEvent) => {
      if (isEditableTarget(e.target) || busy()) return;
      const dropped = e.clipboardData?.files?.[0];
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!dropped && !text.trim()) return;
      e.preventDefault();
      if (dropped) void startImport(file, fileInput(dropped), 'targets', true);
      else void startImport(file, { file: 'pasted text', text }, 'targets', false);
    };
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      setDragging(false);
      if (!hasFiles(e)) return;
      e.preventDefault();
      const f = e.dataTransfer?.files?.[0];
      if (f && !busy()) void startImport(file, fileInput(f), 'targets', true);
    };
    document.addEventListener('paste', onPaste);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [file, startImport]);

  if (!file || !campaign) return null;
  const shown = data ?? { ...EMPTY, target_by: campaign.target_by };
  const perUser = usersWithValuesCount(shown.target_with_params);
  return (
    <section className="data-panel" aria-label="Data" data-testid="data-panel">
      <div className="data-bar">
        <span className="data-summary" data-testid="data-summary">
          {shown.target.length.toLocaleString()} target(s) · {Object.keys(shown.params).length} param(s) · per-user values for {perUser.toLocaleString()} user(s)
        </span>
        <div role="tablist" aria-label="Data views">
          {TABS.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} aria-expanded={tab === t.id} onClick={() => setTab(tab === t.id ? null : t.id)} data-testid={`data-tab-${t.id}`}>
              {t.label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <button onClick={() => setPasting(true)} data-testid="paste-data" title="Or paste anywhere outside an editor">
          Paste data…
        </button>
        <FileImportButton testId="import-file" title="Or drop a file onto the window" onInput={(input) => void startImport(file, input, 'targets', true)}>
          Import file…
        </FileImportButton>
        <button onClick={() => undo(file)} disabled={depth === 0} data-testid="undo-import" title={depth ? `Go back to the data before ${last ?? 'the last import'}` : 'Nothing to undo'}>
          Undo import
        </button>
        {(notice || last || mappingsError) && (
          <span className={`data-status small ${notice?.error ? 'c-error' : 'muted'}`} role="status" data-testid="data-status">
            {notice?.text ?? (last ? `Data from ${last}.` : '')} {mappingsError}
          </span>
        )}
      </div>
      {tab && (
        <>
          <div className="data-body" style={{ height }}>
            {tab === 'targets' && <TargetsTab campaign={file} campaignId={campaign.id} defaultTargetBy={campaign.target_by} data={shown} />}
            {tab === 'params' && <ParamsTab campaign={file} params={shown.params} />}
            {tab === 'profiles' && <ProfilesTab campaign={file} />}
          </div>
          <Splitter orientation="horizontal" label="Resize data panel" size={height} min={PANE_LIMITS.data[0]} max={PANE_LIMITS.data[1]} onSize={(n) => setPane('data', n)} />
        </>
      )}
      <ImportDialog campaign={file} campaignId={campaign.id} pasting={pasting} onClosePaste={() => setPasting(false)} />
      {dragging && <div className="drop-hint">Drop a CSV, TSV, TXT or JSON file to import targets</div>}
    </section>
  );
}
