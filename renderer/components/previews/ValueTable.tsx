import type { NodeRender } from '../../../shared/campaign/render';
import { resolveValue } from '../../../shared/campaign/send-data';
import { useCampaignData, useProfiles } from '../../stores/data';
import { useSelectedCampaign } from '../../stores/workspace';
import { SOURCE_LABELS } from './ProvenanceText';

const MAX = 80;

/** A value as the table shows it: text as is, anything else as JSON, long ones cut (the whole in the tooltip). */
function shown(value: unknown): { text: string; full: string } {
  const full = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return { text: full.length > MAX ? `${full.slice(0, MAX - 1)}…` : full, full };
}

/**
 * Every attribute the node references: its value for this user beside where it came from. The
 * value is looked up with the same resolver the render used (shared/campaign/send-data.ts), on the
 * same data and profiles, so table and message cannot disagree.
 */
export function ValueTable({ render }: { render: NodeRender }) {
  const data = useCampaignData(useSelectedCampaign()?.file);
  const profiles = useProfiles();
  const entries = Object.entries(render.sources);
  if (!entries.length) return null;
  return (
    <>
      <h3 className="section">Values</h3>
      <table className="values" data-testid="value-sources">
        <thead className="sr-only">
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([name, source]) => {
            const v = source === 'empty' || !data ? undefined : shown(resolveValue(name, render.target, data, profiles).value);
            return (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td className="value-cell" title={v?.full}>
                  {v && v.text !== '' ? v.text : <span className="muted">(empty)</span>}
                </td>
                <td>
                  <span className={`src src-${source}`}>{SOURCE_LABELS[source]}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
