import type { NodeRender } from '../../../shared/campaign/render';
import { SOURCE_LABELS } from './ProvenanceText';

/** Every attribute the node references, with where its value came from for this user. */
export function ValueTable({ render }: { render: NodeRender }) {
  const entries = Object.entries(render.sources);
  if (!entries.length) return null;
  return (
    <>
      <h3 className="section">Values</h3>
      <table className="values" data-testid="value-sources">
        <tbody>
          {entries.map(([name, source]) => (
            <tr key={name}>
              <th scope="row"><code>{name}</code></th>
              <td><span className={`src src-${source}`}>{SOURCE_LABELS[source]}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
