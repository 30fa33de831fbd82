/**
 * Export of the QA report: renders every reviewed cell in the worker, builds the self-contained
 * HTML (shared/review/report.ts), then saves it — through the native save dialog in the desktop
 * app, else into the workspace (reports/<stem>-qa-report.html) plus a browser download. As PDF, the
 * desktop app prints that HTML (`dialog.savePdf`); the browser host cannot, so it saves the HTML
 * report instead and says so.
 */
import { useLinkCheck } from '../stores/link-check';
import { useCallback } from 'react';
import { create } from 'zustand';
import type { Campaign } from '../../shared/campaign/model';
import { buildReportHtml, reportValues, type ReportCell } from '../../shared/review/report';
import { reviewProgress } from '../../shared/review/model';
import { downloadText } from '../components/data/download';
import { call } from '../api/client';
import { getCampaignData, getCampaignDataSource, getProfiles } from '../stores/data';
import { useRenders } from '../stores/renders';
import { useReview } from '../stores/review';
import { usePreferences } from '../stores/preferences';
import { perUserKeys } from '../../shared/campaign/per-user';
import { targetSet } from '../lib/target-set';

/** How many renders not reviewed yet the report shows in full (it counts them all). */
const UNREVIEWED_SHOWN = 200;

export type ReportFormat = 'html' | 'pdf';

/** Export progress and outcome (with the campaign file it is about), the chosen format, and the host (PDF needs the desktop app). */
export const useExportState = create<{ busy: boolean; message?: string; error?: string; file?: string; format: ReportFormat; host?: 'electron' | 'browser' }>(() => ({ busy: false, format: 'html' }));

/** Asks once which host runs the app (`app.info`), so the header can offer PDF only in the desktop app. */
export function loadExportHost(): void {
  if (useExportState.getState().host) return;
  void call('app.info', {})
    .then((info) => useExportState.setState({ host: info.host }))
    .catch(() => undefined);
}

/** Returns the export action for a campaign file (in the format chosen in the header unless given). */
export function useExportReport(file: string | undefined, campaign: Campaign | undefined): (format?: ReportFormat) => Promise<void> {
  return useCallback(
    async (format: ReportFormat = useExportState.getState().format) => {
      const data = getCampaignData(file);
      if (!file || !campaign || !data) return;
      useExportState.setState({ busy: true, message: undefined, error: undefined, file });
      try {
        await useReview.getState().saved();
        const { review } = useReview.getState();
        const present = await targetSet(data.target);
        const reviewed = Object.keys(review.decisions).filter((t) => present.has(t));
        // The renders not reviewed yet, in the data's order: all counted, the first ones shown.
        const nodes = campaign.nodes.map((n) => n.key);
        const shownUnreviewed = new Set<string>();
        let unreviewedTotal = 0;
        for (const t of present)
          for (const n of nodes)
            if (!review.decisions[t]?.[n]) {
              unreviewedTotal++;
              if (shownUnreviewed.size < UNREVIEWED_SHOWN) shownUnreviewed.add(`${t}\u0000${n}`);
            }
        const targets = new Set(reviewed);
        for (const k of shownUnreviewed) targets.add(k.slice(0, k.indexOf('\u0000')));
        const renders = await useRenders.getState().renderOnce([...targets]);
        const cells: ReportCell[] = renders
          .filter((r) => review.decisions[r.target]?.[r.node] || shownUnreviewed.has(`${r.target}\u0000${r.node}`))
          .map((r) => ({ target: r.target, node: r.node, channel: r.channel, fields: r.fields, diagnostics: r.diagnostics, values: reportValues(r), ...(review.decisions[r.target]?.[r.node] ? { decision: review.decisions[r.target]![r.node] } : {}) }));
        const { diagnostics, scan } = useRenders.getState();
        const perUser = new Set<string>();
        for (const k of perUserKeys(data.target_with_params)) perUser.add(k);
        const html = buildReportHtml({
          campaign: { name: campaign.name, id: campaign.id, type: campaign.type, file, nodes: campaign.nodes.map((n) => ({ key: n.key, channel: n.channel })) },
          data: { targets: data.target.length, params: Object.keys(data.params), perUserColumns: [...perUser], profiles: Object.keys(getProfiles()).length, ...(getCampaignDataSource(file) ? { source: getCampaignDataSource(file) } : {}) },
          ...(usePreferences.getState().reviewer ? { reviewer: usePreferences.getState().reviewer } : {}),
          unreviewedTotal,
          diagnostics,
          progress: reviewProgress(
            review,
            present,
            campaign.nodes.map((n) => n.key),
          ),
          cells,
          generatedAt: new Date().toISOString(),
          scan: scan.status === 'done' ? { users: scan.total, withErrors: scan.withErrors, withWarnings: scan.withWarnings } : undefined,
          emailQa: scan.status === 'done' ? scan.emailQa : undefined,
          emailScores: scan.status === 'done' ? scan.emailScores : undefined,
          linkChecks: useLinkCheck.getState().results,
        });
        const stem = `${file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}-qa-report`;
        const name = `${stem}.html`;
        const reviewedCells = cells.filter((c) => c.decision).length;
        const rendersSaved = `${reviewedCells} reviewed render${reviewedCells === 1 ? '' : 's'}, ${unreviewedTotal.toLocaleString()} not reviewed`;
        if (format === 'pdf') {
          const pdf = await call('dialog.savePdf', { title: 'Export QA report as PDF', suggestedName: `${stem}.pdf`, html });
          if (pdf.status === 'saved') return useExportState.setState({ message: `PDF report saved to ${pdf.path}` });
          if (pdf.status === 'cancelled') return useExportState.setState({ message: undefined });
          // The browser host cannot print to PDF: the HTML report is saved in the workspace instead, and the message says so.
          const written = await call('review.exportReport', { campaign: file, html });
          downloadText(name, html, 'text/html');
          return useExportState.setState({ message: `${pdf.message}; the HTML report was saved instead to ${written.path} (${rendersSaved})` });
        }
        const native = await call('dialog.saveFile', { title: 'Export QA report', suggestedName: name, filters: [{ name: 'HTML', extensions: ['html'] }], content: html });
        if (native.status === 'saved') return useExportState.setState({ message: `Report saved to ${native.path}` });
        if (native.status === 'cancelled') return useExportState.setState({ message: undefined });
        const written = await call('review.exportReport', { campaign: file, html });
        downloadText(name, html, 'text/html');
        useExportState.setState({ message: `Report written to ${written.path} (${rendersSaved})` });
      } catch (e) {
        useExportState.setState({ error: `Export failed: ${(e as Error).message}` });
      } finally {
        useExportState.setState({ busy: false });
      }
    },
    [file, campaign],
  );
}
