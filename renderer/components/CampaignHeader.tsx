import { useEffect, useMemo, type ReactNode } from 'react';
import type { Campaign } from '../../shared/campaign/model';
import type { SendData } from '../../shared/campaign/send-data';
import { useShallow } from 'zustand/react/shallow';
import { sendVerdict } from '../../shared/pipeline/verdict';
import { formatProgress, reviewProgress, type ReviewFile } from '../../shared/review/model';
import { loadExportHost, useExportState, type ReportFormat } from '../hooks/useExportReport';
import { useTargetSet } from '../lib/target-set';
import { useRenders } from '../stores/renders';
import { useReview } from '../stores/review';
import { useSend } from '../stores/send';

/**
 * One line: campaign title and facts (cut to fit, all in the tooltip), campaign-wide status (the
 * full scan), review progress, report export and the send button (blocked by blocking findings). The report's status
 * shows on the campaign it was written for, until dismissed.
 */
const NO_TARGETS: readonly string[] = [];

/** Up to this many reviewed users are looked up in the target list itself while its set is being built. */
const FEW_DECISIONS = 20;

/** The review progress over the current users; undefined while a big data set's target set is still being built. */
function useReviewProgress(review: ReviewFile, targets: readonly string[], campaign: Campaign) {
  const set = useTargetSet(targets);
  const members = set ?? (Object.keys(review.decisions).length <= FEW_DECISIONS ? { size: targets.length, has: (t: string) => targets.includes(t) } : undefined);
  return members
    ? reviewProgress(
        review,
        members,
        campaign.nodes.map((n) => n.key),
      )
    : undefined;
}

export function CampaignHeader({ file, campaign, data, dataFile, onExport, status: statusItems }: { file: string; campaign: Campaign; data: SendData | undefined; dataFile?: string; onExport(): void; status?: ReactNode }) {
  const review = useReview((s) => s.review);
  const reviewError = useReview((s) => s.error);
  const environments = useSend((s) => s.environments);
  const prepare = useSend((s) => s.prepare);
  const scan = useRenders(useShallow((s) => ({ status: s.scan.status, withErrors: s.scan.withErrors, verdict: s.scan.verdict })));
  const campaignDiagnostics = useRenders((s) => s.diagnostics);
  const exportState = useExportState();
  useEffect(loadExportHost, []);
  // PDF needs the desktop app's printer; until app.info says which host this is, it stays off.
  const pdfAvailable = exportState.host === 'electron';
  const pdfTip = pdfAvailable ? 'Export the QA report as a PDF file' : 'PDF export is available in the desktop app; the browser host exports HTML';
  const progress = useReviewProgress(review, data?.target ?? NO_TARGETS, campaign);
  const sandbox = environments.find((e) => e.builtin);
  // The render worker's verdict once its scan is done (the same function the host and `preflight check` run); until then, the campaign's own errors.
  const blocking = useMemo(() => (scan.verdict ?? sendVerdict(campaignDiagnostics, NOT_SCANNED)).reasons, [scan.verdict, campaignDiagnostics]);
  const exportHere = exportState.file === file;
  const status = reviewError ?? (exportHere ? (exportState.error ?? exportState.message) : undefined);
  const targets = (data?.target.length ?? 0).toLocaleString();
  const facts = `Campaign ID ${campaign.id} · ${campaign.type} · target_by ${data?.target_by ?? campaign.target_by} · ${targets} target(s)${dataFile ? ` · data from ${dataFile}` : ''} · ${file}`;
  return (
    <div className="campaign-header">
      <div className="campaign-facts">
        <h1 data-testid="campaign-title">{campaign.name}</h1>
        <span className="campaign-facts-line muted small" title={facts}>
          Campaign ID <code>{campaign.id}</code> · {campaign.type} · target_by <code>{data?.target_by ?? campaign.target_by}</code> · {targets} target(s)
          {dataFile && (
            <>
              {' '}
              · data from <code>{dataFile}</code>
            </>
          )}{' '}
          · <code>{file}</code>
        </span>
      </div>
      <div className="header-actions">
        {statusItems}
        {progress ? (
          <span className="progress-text" data-testid="review-progress" title={`${progress.approved} approved`}>
            <meter min={0} max={progress.cells || 1} value={progress.reviewed} aria-label="Review progress" /> {formatProgress(progress)}
          </span>
        ) : (
          <span className="progress-text muted" data-testid="review-progress" data-counting="true">
            counting the review progress…
          </span>
        )}
        <select aria-label="Report format" data-testid="export-format" value={exportState.format} disabled={exportState.busy} title={pdfAvailable ? 'Format of the exported QA report' : pdfTip} onChange={(e) => useExportState.setState({ format: e.target.value as ReportFormat })}>
          <option value="html">HTML</option>
          <option value="pdf" disabled={!pdfAvailable} title={pdfTip}>
            PDF
          </option>
        </select>
        <button onClick={onExport} disabled={exportState.busy} data-testid="export-report">
          {exportState.busy ? 'Exporting…' : 'Export report'}
        </button>
        <button
          className="primary"
          data-testid="send-button"
          disabled={!data || !sandbox || data.target.length === 0}
          title={blocking.length ? `${blocking.length} blocking finding(s): the send preview asks for a reason` : undefined}
          onClick={() => data && sandbox && prepare({ campaignFile: file, campaignId: campaign.id, campaignName: campaign.name, data, environmentId: sandbox.id })}
        >
          Send…
        </button>
      </div>
      {status && (
        <div role="status" className={`header-status small ${reviewError || (exportHere && exportState.error) ? 'c-error' : 'muted'}`} data-testid="export-status">
          <span>{status}</span>
          {!reviewError && (
            <button className="link" onClick={() => useExportState.setState({ message: undefined, error: undefined })} aria-label="Dismiss" title="Dismiss">
              ×
            </button>
          )}
        </div>
      )}
      {blocking.length > 0 && (
        <div className="small c-error" data-testid="send-blocked">
          {scan.status === 'done' && scan.withErrors ? `${scan.withErrors.toLocaleString()} user(s) with errors or blocking findings` : 'Blocking findings'}: the send preview will list them (checked again by the host, on the saved file) and ask for a reason.
        </div>
      )}
    </div>
  );
}

/** A scan that has not run: the verdict then covers only the campaign-level diagnostics. */
const NOT_SCANNED = { users: 0, cells: 0, withErrors: 0, withWarnings: 0, blocking: 0, notPersonalised: 0, errorSamples: [], emptySamples: [] };
