import { useMemo } from 'react';
import type { SendData } from '../../../shared/campaign/send-data';
import { validateIds } from '../../../shared/targets/ids';
import { executeBodyToTable } from '../../../shared/targets/body-table';
import { toCsv } from '../../../shared/targets/csv-export';
import { useCampaignEntry, useData } from '../../stores/data';
import { DataDiagnostics } from './DataDiagnostics';
import { MappingControls } from './MappingControls';
import { TargetsGrid } from './TargetsGrid';
import { downloadText } from './download';
import { toRecord } from '../../../shared/campaign/per-user';
import { requestBody } from '../../../shared/send/plan';

/** target_by kinds offered; the campaign's own and the current one are added when different. */
const TARGET_BY = ['user_id', 'email', 'mobile_number', 'external_id', 'device_id', 'profile_id'];

const stem = (file: string) => file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');

/** Targets: count, target_by with id checks, mapping, the grid, exports and the last import's diagnostics. */
export function TargetsTab({ campaign, campaignId, defaultTargetBy, data }: { campaign: string; campaignId: string; defaultTargetBy: string; data: SendData }) {
  const entry = useCampaignEntry(campaign);
  const setTargetBy = useData((s) => s.setTargetBy);
  const setNotice = useData((s) => s.setNotice);
  const imported = entry?.imported;
  const options = [...new Set([data.target_by, defaultTargetBy, ...TARGET_BY])];
  // With an imported table the worker's build names spreadsheet rows; otherwise check here by position.
  const idWarnings = useMemo(() => (imported ? [] : validateIds(data.target_by, data.target, { label: (i) => `target[${i}]` })), [imported, data.target_by, data.target]);
  const exportCsv = async () => {
    try {
      const text = imported
        ? await imported.job.csv()
        : (() => {
            const t = executeBodyToTable({ target_by: data.target_by, target: data.target, target_with_params: toRecord(data.target_with_params) }).table;
            return toCsv(t.columns, t.rows);
          })();
      const name = imported?.fromFile ? imported.source.replace(/\.[^.]+$/, '') + '.csv' : `${stem(campaign)}-targets.csv`;
      downloadText(name, text, 'text/csv');
      setNotice(`Exported ${data.target.length.toLocaleString()} target(s) to ${name}.`);
    } catch (e) {
      setNotice(`Export failed: ${(e as Error).message}`, true);
    }
  };
  // The one body builder (shared/send/plan.ts): the platform's keyed values, only what is mapped; no apptoken (the send adds it from the secret store).
  const bodyText = () => JSON.stringify(requestBody(campaignId, data), null, 2) + '\n';
  const copyBody = async () => {
    try {
      await navigator.clipboard.writeText(bodyText());
      setNotice('Execute body copied (without apptoken).');
    } catch (e) {
      setNotice(`Copy failed: ${(e as Error).message}; use Export body instead.`, true);
    }
  };
  return (
    <div className="data-tab" role="tabpanel" aria-label="Targets" data-testid="targets-tab">
      <div className="data-row">
        <strong data-testid="targets-count">{data.target.length.toLocaleString()} target(s)</strong>
        <label>
          target_by{' '}
          <select value={data.target_by} onChange={(e) => setTargetBy(campaign, e.target.value)} data-testid="target-by">
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <button onClick={() => void exportCsv()} data-testid="export-csv" disabled={data.target.length === 0}>
          Export CSV
        </button>
        <button onClick={() => void copyBody()} data-testid="copy-body">
          Copy execute body
        </button>
        <button onClick={() => downloadText(`${stem(campaign)}-execute-body.json`, bodyText(), 'application/json')} data-testid="export-body">
          Export body JSON
        </button>
      </div>
      <DataDiagnostics diagnostics={idWarnings} testId="id-warnings" />
      {imported && <MappingControls campaign={campaign} imported={imported} />}
      <TargetsGrid data={data} />
      {entry && entry.diagnostics.length > 0 && (
        <details open={entry.diagnostics.some((d) => d.severity !== 'info')}>
          <summary className="small muted">Last import: {entry.last}</summary>
          <DataDiagnostics diagnostics={entry.diagnostics} />
        </details>
      )}
    </div>
  );
}
