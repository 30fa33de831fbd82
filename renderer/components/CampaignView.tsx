import { useEffectiveCampaign } from '../hooks/useEffectiveCampaign';
import { useRenderPipeline } from '../hooks/useRenderPipeline';
import { useExportReport } from '../hooks/useExportReport';
import { useAppCommands } from '../hooks/useAppCommands';
import { useCampaignData, useCampaignDataSource } from '../stores/data';
import { useRenders } from '../stores/renders';
import { useUi } from '../stores/ui';
import { useSelectedCampaign } from '../stores/workspace';
import { CampaignHeader } from './CampaignHeader';
import { DiagnosticList } from './DiagnosticList';
import { Splitter } from './layout/Splitter';
import { ReviewMatrix } from './matrix/ReviewMatrix';
import { MatrixToolbar } from './matrix/MatrixToolbar';
import { CompareView } from './compare/CompareView';
import { EditorPanel } from './editor/EditorPanel';
import { PreviewPane } from './previews/PreviewPane';
import { SendResultView } from './send/SendResultView';
import { DataPanel } from './data/DataPanel';

/** The selected campaign: header, data, campaign checks, the matrix (or side by side) over the editor, and the preview pane. */
export function CampaignView() {
  const entry = useSelectedCampaign();
  const { file, campaign, source, diagnostics: parseDiagnostics } = useEffectiveCampaign();
  const data = useCampaignData(entry?.file);
  const dataSource = useCampaignDataSource(entry?.file);
  useRenderPipeline(campaign, data, source);
  const exportReport = useExportReport(file, campaign);
  useAppCommands(exportReport);
  const campaignDiagnostics = useRenders((s) => s.diagnostics);
  const renderError = useRenders((s) => s.error);
  const panes = useUi((s) => s.panes);
  const setPane = useUi((s) => s.setPane);
  const mode = useUi((s) => s.mode);
  const editorOpen = useUi((s) => s.editorOpen);

  if (!entry || !file) return <main className="content empty">No campaign selected.</main>;
  if (!campaign)
    return (
      <main className="content">
        <h1>{entry.file}</h1>
        <DiagnosticList diagnostics={parseDiagnostics.length ? parseDiagnostics : entry.diagnostics} />
        <EditorPanel file={file} parseDiagnostics={parseDiagnostics} />
      </main>
    );
  return (
    <main className="content">
      <CampaignHeader file={file} campaign={campaign} data={data} dataFile={dataSource} onExport={() => void exportReport()} />
      {renderError && <div role="alert" className="banner error">Rendering failed: {renderError}</div>}
      <DataPanel data={data} />
      <SendResultView />
      {campaignDiagnostics.length > 0 && (
        <details className="campaign-checks" open={campaignDiagnostics.some((d) => d.severity !== 'info')}>
          <summary>Campaign checks ({campaignDiagnostics.length})</summary>
          <DiagnosticList diagnostics={campaignDiagnostics} />
        </details>
      )}
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
          {editorOpen ? <Splitter orientation="horizontal" label="Resize editor" size={panes.editor} sign={-1} min={120} max={900} onSize={(n) => setPane('editor', n)} /> : <div />}
          <EditorPanel file={file} parseDiagnostics={parseDiagnostics} />
        </div>
        <Splitter orientation="vertical" label="Resize preview" size={panes.right} sign={-1} min={300} max={900} onSize={(n) => setPane('right', n)} />
        <PreviewPane campaign={campaign} />
      </div>
    </main>
  );
}
