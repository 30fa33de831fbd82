import { useState } from 'react';
import type { ParsedImport } from '../../workers/import-protocol';
import { delimiterName } from '../../../shared/targets/table';
import { call } from '../../api/client';
import { forgetPreviewSecret, previewSecret, useData, type PendingImport } from '../../stores/data';
import { useSend } from '../../stores/send';
import { DataDiagnostics } from './DataDiagnostics';

const KIND_NAMES: Record<ParsedImport['kind'], string> = { table: 'table', 'json-rows': 'JSON rows', 'execute-body': 'Campaign Execute body', curl: 'curl command' };
const PHASES: Record<string, string> = { decode: 'Reading', parse: 'Parsing', map: 'Mapping columns', build: 'Building targets', profiles: 'Reading profiles', done: 'Finishing' };

function kindText(r: ParsedImport): string {
  if (r.kind === 'table' && r.delimiter) return `${delimiterName(r.delimiter)}-separated table`;
  return KIND_NAMES[r.kind];
}

/**
 * Where the bar stands: parsing is most of an import, so it spans 5–85 % and moves with the share
 * of the text read; decoding comes before it, mapping and building after.
 */
function progressValue(p: Pick<PendingImport, 'phase' | 'fraction'>): number {
  switch (p.phase) {
    case 'decode':
      return 0.02;
    case 'parse':
      return 0.05 + 0.8 * (p.fraction ?? 0);
    case 'map':
      return 0.88;
    case 'build':
      return 0.92;
    case 'profiles':
      return 0.5;
    case 'done':
      return 1;
  }
}

/** The paste box (before an import) and the import's progress, then its preview with Apply / Cancel. */
export function ImportDialog({ campaign, campaignId, pasting, onClosePaste }: { campaign: string; campaignId: string; pasting: boolean; onClosePaste(): void }) {
  const pending = useData((s) => (s.pending?.campaign === campaign ? s.pending : undefined));
  const startImport = useData((s) => s.startImport);
  const cancel = useData((s) => s.cancelImport);
  const apply = useData((s) => s.applyImport);
  const [text, setText] = useState('');
  if (!pending && !pasting) return null;
  const close = () => {
    cancel();
    onClosePaste();
  };
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        {!pending ? (
          <>
            <h2 id="import-title">Paste data</h2>
            <p className="muted">
              Paste a spreadsheet selection (TSV), CSV, a JSON array of rows, a Campaign Execute body or a whole <code>curl</code> command. You see a preview before anything changes.
            </p>
            <textarea autoFocus value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} aria-label="Pasted data" data-testid="paste-text" />
            <div className="actions">
              <button onClick={close}>Cancel</button>
              <button className="primary" disabled={!text.trim()} data-testid="paste-preview" onClick={() => void startImport(campaign, { file: 'pasted text', text }, 'targets', false)}>
                Preview
              </button>
            </div>
          </>
        ) : (
          <Pending
            pending={pending}
            campaignId={campaignId}
            onCancel={close}
            onApply={() => {
              apply();
              onClosePaste();
              setText('');
            }}
          />
        )}
      </div>
    </div>
  );
}

function Pending({ pending, campaignId, onCancel, onApply }: { pending: PendingImport; campaignId: string; onCancel(): void; onApply(): void }) {
  const [anyway, setAnyway] = useState(false);
  const done = pending.result ?? pending.profiles;
  const diagnostics = pending.result?.diagnostics ?? pending.profiles?.diagnostics ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  // Applying a target list without a single target would only empty the campaign's recipients.
  const noTargets = !!pending.result && (pending.result.built?.target.length ?? 0) === 0;
  const title = pending.purpose === 'profiles' ? `Import profiles: ${pending.source}` : `Import: ${pending.source}`;
  return (
    <>
      <h2 id="import-title">{title}</h2>
      {!done && !pending.error && (
        <div className="import-progress" data-testid="import-progress" data-phase={pending.phase}>
          <progress aria-label="Import progress" max={1} value={progressValue(pending)} data-testid="import-progress-bar" />
          <span>
            {PHASES[pending.phase]}
            {pending.bytes !== undefined && ` ${(pending.bytes / 1048576).toFixed(1)} MB`}
            {pending.rows ? ` · ${pending.rows.toLocaleString()} rows parsed` : ''}…
          </span>
        </div>
      )}
      {pending.error && (
        <div role="alert" className="c-error">
          The import failed: {pending.error}. Nothing was changed.
        </div>
      )}
      {pending.result && <TargetsPreview result={pending.result} pending={pending} campaignId={campaignId} />}
      {pending.profiles && (
        <p data-testid="import-summary">
          <strong>{pending.profiles.count.toLocaleString()} profile(s)</strong> — used for preview only, never sent.
        </p>
      )}
      {done && <DataDiagnostics diagnostics={diagnostics} testId="import-diagnostics" />}
      {done && errors > 0 && (
        <div className="c-error" role="alert" data-testid="import-blocked">
          {errors === 1 ? 'There is an error' : `There are ${errors} errors`} in this input (listed above with their place). Applying is off so nothing loaded is replaced by a damaged list.
          <label className="small" style={{ display: 'block', color: 'var(--text)' }}>
            <input type="checkbox" checked={anyway} onChange={(e) => setAnyway(e.target.checked)} data-testid="import-anyway" /> Apply anyway, leaving out what is in error
          </label>
        </div>
      )}
      {noTargets && errors === 0 && (
        <p className="c-error" role="alert" data-testid="import-no-targets">
          This input gives no targets, so there is nothing to apply.{pending.result?.idList?.firstLine === 'header' ? ' Its first line was read as a header: untick “First line is a header” if it is an id.' : ''}
        </p>
      )}
      <div className="actions">
        <button onClick={onCancel} data-testid="import-cancel">
          Cancel
        </button>
        <button className="primary" disabled={!done || (errors > 0 && !anyway) || noTargets} onClick={onApply} data-testid="import-apply">
          Apply
        </button>
      </div>
    </>
  );
}

function TargetsPreview({ result, pending, campaignId }: { result: ParsedImport; pending: PendingImport; campaignId: string }) {
  const built = result.built;
  const perUser = result.mapping?.paramColumns ?? [];
  const first = built?.target.slice(0, 5) ?? [];
  return (
    <div data-testid="import-preview" data-progress-events={pending.progressEvents}>
      <dl className="facts">
        <dt>Read as</dt>
        <dd>
          {kindText(result)}
          {result.encoding && <span className="muted"> · {result.encoding}</span>}
          {pending.elapsedMs !== undefined && (
            <span className="muted" data-testid="import-elapsed">
              {' '}
              · {result.rowCount.toLocaleString()} rows in {(pending.elapsedMs / 1000).toFixed(2)} s
            </span>
          )}
        </dd>
        <dt>Targets</dt>
        <dd data-testid="import-summary">
          {(built?.target.length ?? 0).toLocaleString()} target(s)
          {result.mapping && (
            <>
              {' '}
              · ids from <code>{result.mapping.idColumn}</code>
            </>
          )}
        </dd>
        <dt>Per-user params</dt>
        <dd>
          {perUser.length ? (
            perUser.map((c) => (
              <code key={c}>
                {c}
                {result.mapping?.types?.[c] ? `:${result.mapping.types[c]}` : ''}{' '}
              </code>
            ))
          ) : (
            <span className="muted">none</span>
          )}
          {result.rememberedMapping && <span className="muted"> (remembered mapping)</span>}
        </dd>
        {result.body && (
          <>
            <dt>Params</dt>
            <dd>{Object.keys(result.body.params ?? {}).length ? Object.keys(result.body.params ?? {}).map((k) => <code key={k}>{k} </code>) : <span className="muted">none</span>}</dd>
            <dt>target_by</dt>
            <dd>
              <code>{result.body.target_by ?? '(unchanged)'}</code>
            </dd>
          </>
        )}
        {result.curl?.url && (
          <>
            <dt>URL</dt>
            <dd>
              <code>
                {result.curl.method} {result.curl.url}
              </code>
            </dd>
          </>
        )}
      </dl>
      {result.body?.id && result.body.id !== campaignId && (
        <p className="warn" data-testid="import-id-mismatch">
          This body is for campaign <code>{result.body.id}</code>, but the selected campaign's ID is <code>{campaignId}</code>. Only targets and params are taken; the campaign stays as it is.
        </p>
      )}
      {result.body && result.kind !== 'table' && <p className="muted small">Params from the body replace the current params; a table paste keeps the current params and only brings targets and per-user values.</p>}
      {result.idList && <FirstLineToggle reading={result.idList} />}
      {first.length > 0 && (
        <p className="small">
          First:{' '}
          {first.map((id) => (
            <code key={id}>{id} </code>
          ))}
          {built && built.target.length > first.length && <span className="muted">…</span>}
        </p>
      )}
      {pending.secret && <SecretOffer secret={pending.secret} />}
    </div>
  );
}

/** The pasted token is never kept: it can go into an environment's secret store, or nowhere. */
function SecretOffer({ secret }: { secret: NonNullable<PendingImport['secret']> }) {
  const environments = useSend((s) => s.environments);
  const loadEnvironments = useSend((s) => s.loadEnvironments);
  const candidates = environments.filter((e) => !e.builtin);
  const [envId, setEnvId] = useState('');
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const store = async () => {
    const token = previewSecret();
    if (!token || !envId) return;
    try {
      await call('environments.setToken', { id: envId, token });
      forgetPreviewSecret();
      await loadEnvironments();
      setStatus({ text: `Stored in the secret store of ${environments.find((e) => e.id === envId)?.name ?? envId}; Preflight did not keep a copy.` });
    } catch (e) {
      setStatus({ text: `Could not store the token: ${(e as Error).message}`, error: true });
    }
  };
  return (
    <div className="secret-offer" data-testid="secret-offer">
      {secret.token ? (
        <>
          <strong>This command contains an app token.</strong>
          <span className="small">It is not kept: not in the data, not in the workspace, not in the undo history. You can put it into an environment's secret store now; closing this preview forgets it.</span>
          {candidates.length > 0 ? (
            <div className="data-row">
              <select value={envId} onChange={(e) => setEnvId(e.target.value)} aria-label="Environment for the token" data-testid="secret-env">
                <option value="">Choose an environment…</option>
                {candidates.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                    {e.production ? ' (production)' : ''}
                    {e.hasToken ? ' — replaces its token' : ''}
                  </option>
                ))}
              </select>
              <button disabled={!envId || !previewSecret()} onClick={() => void store()} data-testid="secret-store">
                Store token
              </button>
            </div>
          ) : (
            <span className="small muted">There is no environment to store it in yet (the sandbox has its own token): add one under Environments, then paste again.</span>
          )}
        </>
      ) : secret.variable ? (
        <span>
          The token is the shell variable <code>${secret.variable}</code>, not a secret; nothing to store.
        </span>
      ) : null}
      {secret.authorization && <span className="small">The command's Authorization header / --user credentials were left out and not kept.</span>}
      {status && (
        <span className={status.error ? 'c-error' : 'small'} role="status">
          {status.text}
        </span>
      )}
    </div>
  );
}

/** How a plain id list's first line was read, and the switch to read it the other way. */
function FirstLineToggle({ reading }: { reading: NonNullable<ParsedImport['idList']> }) {
  const setFirstLineHeader = useData((s) => s.setFirstLineHeader);
  return (
    <p className="small" data-testid="id-list-reading">
      <label>
        <input type="checkbox" checked={reading.firstLine === 'header'} onChange={(e) => void setFirstLineHeader(e.target.checked)} data-testid="first-line-header" /> First line is a header
      </label>{' '}
      <span className="muted">
        — read {reading.firstLine === 'header' ? 'as a header' : 'as an id'} because {reading.reason}.
      </span>
    </p>
  );
}
