import { useEffectiveCampaign } from '../hooks/useEffectiveCampaign';
import { useRenderPipeline } from '../hooks/useRenderPipeline';
import { useExportReport } from '../hooks/useExportReport';
import { useAppCommands } from '../hooks/useAppCommands';
import { useCampaignData, useCampaignDataSource } from '../stores/data';
import { useRenders } from '../stores/renders';
import { PANE_LIMITS, useUi } from '../stores/ui';
import { useSelectedCampaign } from '../stores/workspace';
import { CampaignHeader } from './CampaignHeader';
import { DiagnosticList } from './DiagnosticList';
import { Splitter } from './layout/Splitter';
import { CampaignDrawers, DrawerChips } from './layout/CampaignDrawers';
import { ReviewMatrix } from './matrix/ReviewMatrix';
import { MatrixToolbar } from './matrix/MatrixToolbar';
import { ScanStatus } from './matrix/ScanStatus';
import { CompareView } from './compare/CompareView';
import { EditorPanel } from './editor/EditorPanel';
import { PreviewPane } from './previews/PreviewPane';
import { DataPanel } from './data/DataPanel';
import { StartHere } from './start/StartHere';

/**
 * The selected campaign: a one-line header, the data panel's bar (its tab opens as a resizable
 * pane), then the matrix (or side by side) over the collapsible editor, beside the preview column.
 * Campaign checks and the last send's result are drawers over the preview column, opened from
 * buttons at its top, so nothing pushes the matrix down.
 */
export function CampaignView() {
  const entry = useSelectedCampaign();
  const { file, campaign, source, diagnostics: parseDiagnostics } = useEffectiveCampaign();
  const data = useCampaignData(entry?.file);
  const dataSource = useCampaignDataSource(entry?.file);
  useRenderPipeline(campaign, data, source);
  const exportReport = useExportReport(file, campaign);
  useAppCommands(exportReport);
  const renderError = useRenders((s) => s.error);
  const panes = useUi((s) => s.panes);
  const setPane = useUi((s) => s.setPane);
  const mode = useUi((s) => s.mode);
  const editorOpen = useUi((s) => s.editorOpen);

  if (!entry || !file)
    return (
      <main className="content empty" id="main" tabIndex={-1}>
        No campaign selected.
      </main>
    );
  if (!campaign)
    return (
      <main className="content" id="main" tabIndex={-1}>
        <h1>{entry.file}</h1>
        <DiagnosticList diagnostics={parseDiagnostics.length ? parseDiagnostics : entry.diagnostics} />
        <EditorPanel file={file} parseDiagnostics={parseDiagnostics} />
      </main>
    );
  const [, editorMax] = PANE_LIMITS.editor;
  return (
    <main className="content" id="main" tabIndex={-1}>
      <CampaignHeader file={file} campaign={campaign} data={data} dataFile={dataSource} onExport={() => void exportReport()} status={<ScanStatus />} />
      {renderError && (
        <div role="alert" className="banner error">
          Rendering failed: {renderError}
        </div>
      )}
      <DataPanel data={data} />
      <div className="work" style={{ gridTemplateColumns: `minmax(0, 1fr) 6px ${panes.right}px` }}>
        <div className="center" style={{ gridTemplateRows: editorOpen ? `auto minmax(120px, 1fr) 6px ${panes.editor}px` : 'auto minmax(120px, 1fr) 0 auto' }}>
          {data ? (
            <>
              <MatrixToolbar nodes={campaign.nodes} />
              {mode === 'compare' ? <CompareView nodes={campaign.nodes} /> : <ReviewMatrix nodes={campaign.nodes} />}
            </>
          ) : (
            <>
              <div />
              <p className="muted">No request data for this campaign: add requests/{file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}.json</p>
            </>
          )}
          {editorOpen ? <Splitter orientation="horizontal" label="Resize editor" size={panes.editor} sign={-1} min={PANE_LIMITS.editor[0]} max={editorMax} onSize={(n) => setPane('editor', n)} /> : <div />}
          <EditorPanel file={file} parseDiagnostics={parseDiagnostics} />
        </div>
        <Splitter orientation="vertical" label="Resize preview" size={panes.right} sign={-1} min={PANE_LIMITS.right[0]} max={PANE_LIMITS.right[1]} onSize={(n) => setPane('right', n)} />
        <div className="side-column">
          <DrawerChips campaignId={campaign.id} />
          <StartHere campaign={campaign} />
          <PreviewPane campaign={campaign} />
        </div>
        <CampaignDrawers campaignId={campaign.id} width={panes.right} />
      </div>
    </main>
  );
}
