/**
 * Export of the QA report: renders every reviewed cell in the worker, builds the self-contained
 * HTML (shared/review/report.ts), then saves it — through the native save dialog in the desktop
 * app, else into the workspace (reports/<stem>-qa-report.html) plus a browser download.
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import type { Campaign } from '../../shared/campaign/model';
import { buildReportHtml, type ReportCell } from '../../shared/review/report';
import { reviewProgress } from '../../shared/review/model';
import { call } from '../api/client';
import { getCampaignData, getProfiles } from '../stores/data';
import { useRenders } from '../stores/renders';
import { reviewSaved, useReview } from '../stores/review';

export const useExportState = create<{ busy: boolean; message?: string; error?: string }>(() => ({ busy: false }));

function download(name: string, html: string) {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Returns the export action for a campaign file. */
export function useExportReport(file: string | undefined, campaign: Campaign | undefined): () => Promise<void> {
  return useCallback(async () => {
    const data = getCampaignData(file);
    if (!file || !campaign || !data) return;
    useExportState.setState({ busy: true, message: undefined, error: undefined });
    try {
      await reviewSaved();
      const { review } = useReview.getState();
      const targets = Object.keys(review.decisions).filter((t) => data.target.includes(t));
      const renders = await useRenders.getState().renderOnce(targets);
      const cells: ReportCell[] = renders
        .filter((r) => review.decisions[r.target]?.[r.node])
        .map((r) => ({ target: r.target, node: r.node, channel: r.channel, fields: r.fields, diagnostics: r.diagnostics, decision: review.decisions[r.target]![r.node] }));
      const { diagnostics, scan } = useRenders.getState();
      const perUser = new Set<string>();
      for (const v of Object.values(data.target_with_params)) for (const k of Object.keys(v ?? {})) perUser.add(k);
      const html = buildReportHtml({
        campaign: { name: campaign.name, id: campaign.id, type: campaign.type, file, nodes: campaign.nodes.map((n) => ({ key: n.key, channel: n.channel })) },
        data: { targets: data.target.length, params: Object.keys(data.params), perUserColumns: [...perUser], profiles: Object.keys(getProfiles()).length },
        diagnostics,
        progress: reviewProgress(review, data.target, campaign.nodes.map((n) => n.key)),
        cells,
        generatedAt: new Date().toISOString(),
        scan: scan.status === 'done' ? { users: scan.total, withErrors: scan.withErrors, withWarnings: scan.withWarnings } : undefined,
      });
      const name = `${file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}-qa-report.html`;
      const native = await call('dialog.saveFile', { title: 'Export QA report', suggestedName: name, filters: [{ name: 'HTML', extensions: ['html'] }], content: html });
      if (native.status === 'saved') return useExportState.setState({ message: `Report saved to ${native.path}` });
      if (native.status === 'cancelled') return useExportState.setState({ message: undefined });
      const written = await call('review.exportReport', { campaign: file, html });
      download(name, html);
      useExportState.setState({ message: `Report written to ${written.path} (${cells.length} reviewed render${cells.length === 1 ? '' : 's'})` });
    } catch (e) {
      useExportState.setState({ error: `Export failed: ${(e as Error).message}` });
    } finally {
      useExportState.setState({ busy: false });
    }
  }, [file, campaign]);
}
