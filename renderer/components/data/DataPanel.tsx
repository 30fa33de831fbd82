import type { SendData } from '../../../shared/campaign/send-data';

/**
 * Slot for the data panel of the selected campaign (targets, params, profiles; paste and import).
 * This first version shows a read-only summary of the campaign's request data.
 */
export function DataPanel({ data }: { data: SendData | undefined }) {
  if (!data) return null;
  return (
    <section className="data-panel" aria-label="Data" data-testid="data-panel">
      <span className="muted">
        {data.target.length} target(s) · {Object.keys(data.params).length} param(s) · per-user values for {Object.keys(data.target_with_params).length} user(s)
      </span>
    </section>
  );
}
