import { useEffect, useRef, useState } from 'react';
import { useData } from '../../stores/data';
import { type ValueKind, kindOfValue, parseCell, parseParamsJson, valueText } from './params-text';

const KINDS: ValueKind[] = ['string', 'number', 'boolean', 'json', 'null'];

/** Global params as a table or as JSON: two views of the same object; each edit updates the other. */
export function ParamsTab({ campaign, params }: { campaign: string; params: Record<string, unknown> }) {
  const [view, setView] = useState<'table' | 'json'>('table');
  return (
    <div className="data-tab" role="tabpanel" aria-label="Params" data-testid="params-tab">
      <div className="data-row">
        <strong>{Object.keys(params).length} param(s)</strong>
        <span className="muted small">applied to every user; a per-user value with the same name wins.</span>
        <span className="spacer" />
        <div role="radiogroup" aria-label="Params view" className="data-row">
          <button aria-pressed={view === 'table'} onClick={() => setView('table')} data-testid="params-view-table">
            Table
          </button>
          <button aria-pressed={view === 'json'} onClick={() => setView('json')} data-testid="params-view-json">
            JSON
          </button>
        </div>
      </div>
      {view === 'table' ? <ParamsTable campaign={campaign} params={params} /> : <ParamsJson campaign={campaign} params={params} />}
    </div>
  );
}

function ParamsTable({ campaign, params }: { campaign: string; params: Record<string, unknown> }) {
  const setParams = useData((s) => s.setParams);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [newKey, setNewKey] = useState('');
  const entries = Object.entries(params);
  const put = (key: string, value: unknown, rename?: string) => {
    const next: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (k === key) Object.defineProperty(next, rename ?? k, { value, enumerable: true, writable: true, configurable: true });
      else next[k] = v;
    }
    if (!(key in params)) Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    setParams(campaign, next);
  };
  const setCell = (key: string, text: string, kind: ValueKind) => {
    const r = parseCell(text, kind);
    if (!r.ok) return setErrors({ ...errors, [key]: r.message });
    const { [key]: _, ...rest } = errors;
    setErrors(rest);
    put(key, r.value);
  };
  const remove = (key: string) => {
    const next = { ...params };
    delete next[key];
    setParams(campaign, next);
  };
  return (
    <table className="params-table" data-testid="params-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Value</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <ParamRow key={k} name={k} value={v} error={errors[k]} onValue={(text, kind) => setCell(k, text, kind)} onRemove={() => remove(k)} />
        ))}
        <tr>
          <td colSpan={4}>
            <form
              className="data-row"
              onSubmit={(e) => {
                e.preventDefault();
                const k = newKey.trim();
                if (k && !(k in params)) {
                  put(k, '');
                  setNewKey('');
                }
              }}
            >
              <input value={newKey} onChange={(e) => setNewKey(e.target.value)} placeholder="new param name" aria-label="New param name" data-testid="param-new-name" style={{ width: 200 }} />
              <button type="submit" disabled={!newKey.trim() || newKey.trim() in params} data-testid="param-add">
                Add
              </button>
            </form>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function ParamRow({ name, value, error, onValue, onRemove }: { name: string; value: unknown; error?: string; onValue(text: string, kind: ValueKind): void; onRemove(): void }) {
  const [kind, setKind] = useState<ValueKind>(kindOfValue(value));
  const [text, setText] = useState(valueText(value));
  // Follow edits made in the JSON view (or an import) unless this cell holds an unsaved error.
  useEffect(() => {
    if (error) return;
    setKind(kindOfValue(value));
    setText(valueText(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <tr data-testid={`param-row-${name}`}>
      <td>
        <code>{name}</code>
      </td>
      <td>
        <select
          value={kind}
          aria-label={`Type of ${name}`}
          onChange={(e) => {
            const k = e.target.value as ValueKind;
            setKind(k);
            onValue(text, k);
          }}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          value={kind === 'null' ? '' : text}
          disabled={kind === 'null'}
          aria-label={`Value of ${name}`}
          data-testid={`param-value-${name}`}
          aria-invalid={!!error}
          onChange={(e) => {
            setText(e.target.value);
            onValue(e.target.value, kind);
          }}
        />
        {error && (
          <div className="c-error small" role="alert">
            {error}; the param keeps its last valid value.
          </div>
        )}
      </td>
      <td>
        <button className="link" onClick={onRemove} aria-label={`Remove ${name}`}>
          ✕
        </button>
      </td>
    </tr>
  );
}

function ParamsJson({ campaign, params }: { campaign: string; params: Record<string, unknown> }) {
  const setParams = useData((s) => s.setParams);
  const [text, setText] = useState(() => JSON.stringify(params, null, 2));
  const [error, setError] = useState<string>();
  const applied = useRef(params);
  // A change from elsewhere (table view, import, undo) replaces the text; our own edits do not.
  useEffect(() => {
    if (params === applied.current) return;
    applied.current = params;
    setText(JSON.stringify(params, null, 2));
    setError(undefined);
  }, [params]);
  const onChange = (t: string) => {
    setText(t);
    const r = parseParamsJson(t);
    if (!r.ok) return setError(`Line ${r.line}, column ${r.column}: ${r.message}. Nothing was changed.`);
    setError(undefined);
    applied.current = r.params;
    setParams(campaign, r.params);
  };
  return (
    <div>
      <textarea className="params-json" value={text} spellCheck={false} onChange={(e) => onChange(e.target.value)} aria-label="Params as JSON" aria-invalid={!!error} data-testid="params-json" />
      {error && (
        <div className="c-error small" role="alert" data-testid="params-json-error">
          {error}
        </div>
      )}
    </div>
  );
}
