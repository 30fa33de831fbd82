import type { ColumnMapping, ParamType } from '../../../shared/targets/types';
import type { ImportedTable } from '../../stores/data';
import { useData } from '../../stores/data';

const TYPES: ParamType[] = ['string', 'number', 'boolean', 'json'];

/**
 * Which column holds the ids and which become per-user params (with their type), and whether an
 * empty cell sends "" or nothing. Each change is built again in the import worker.
 */
export function MappingControls({ campaign, imported }: { campaign: string; imported: ImportedTable }) {
  const remap = useData((s) => s.remap);
  const mapping = imported.mapping;
  const columns = imported.result.columns;
  if (!mapping || columns.length === 0) return null;
  const change = (m: Partial<ColumnMapping>) => {
    const next: ColumnMapping = { ...mapping, ...m };
    if (next.types && Object.keys(next.types).length === 0) delete next.types;
    void remap(campaign, next);
  };
  const setId = (id: string) => change({ idColumn: id, paramColumns: columns.filter((c) => c !== id && (mapping.paramColumns.includes(c) || c === mapping.idColumn)) });
  const toggle = (c: string, on: boolean) => change({ paramColumns: on ? columns.filter((x) => x === c || mapping.paramColumns.includes(x)) : mapping.paramColumns.filter((x) => x !== c) });
  const setType = (c: string, t: ParamType) => {
    const types = { ...(mapping.types ?? {}) };
    if (t === 'string') delete types[c];
    else types[c] = t;
    change({ types });
  };
  return (
    <fieldset className="mapping" data-testid="mapping">
      <legend>
        Column mapping for <code>{imported.source}</code>
        {imported.fromFile && <span className="muted"> · remembered for this file name in the workspace</span>}
      </legend>
      <div className="data-row">
        <label>
          Id column{' '}
          <select value={mapping.idColumn} onChange={(e) => setId(e.target.value)} data-testid="mapping-id">
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label title="By default an empty cell sends nothing for that user, so params (or the profile) apply.">
          <input type="checkbox" checked={mapping.emptyMeansEmpty === true} onChange={(e) => change({ emptyMeansEmpty: e.target.checked })} data-testid="mapping-empty" /> Empty means empty
        </label>
        <span className="muted small">{mapping.emptyMeansEmpty ? 'An empty cell sends "" for that user, overriding params.' : 'An empty cell sends nothing for that user, so the global param (or profile) applies.'}</span>
      </div>
      <div className="mapping-cols">
        {columns.map((c) =>
          c === mapping.idColumn ? null : (
            <div key={c} className="mapping-col">
              <label title={c}>
                <input type="checkbox" checked={mapping.paramColumns.includes(c)} onChange={(e) => toggle(c, e.target.checked)} data-testid={`mapping-param-${c}`} /> {c}
              </label>
              <select aria-label={`Type of ${c}`} value={mapping.types?.[c] ?? 'string'} disabled={!mapping.paramColumns.includes(c)} onChange={(e) => setType(c, e.target.value as ParamType)} data-testid={`mapping-type-${c}`}>
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
          ),
        )}
      </div>
    </fieldset>
  );
}
