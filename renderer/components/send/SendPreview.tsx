import { useState } from 'react';
import { useSend } from '../../stores/send';
import { useWorkspace } from '../../stores/workspace';
import { useData } from '../../stores/data';
import { BodyViewer } from './BodyViewer';
import { SendOptionsForm } from './SendOptionsForm';
import { plural } from './format';
import { ProofParamField } from './ProofParamField';
import { proofParamProblem } from '../../../shared/send/proof';

/** The preview and confirmation: where, what, how many, the exact bodies, blocking errors, then an explicit confirmation. */
export function SendPreview({ title }: { title: string }) {
  const draft = useSend((s) => s.draft);
  const request = useSend((s) => s.request);
  const environments = useSend((s) => s.environments);
  const preparing = useSend((s) => s.preparing);
  const busy = useSend((s) => s.busy);
  const setEnvironment = useSend((s) => s.setEnvironment);
  const testSend = useSend((s) => s.testSend);
  const proofParam = useSend((s) => s.proofParam);
  const confirm = useSend((s) => s.confirm);
  const last = useSend((s) => s.detail);
  const campaignFile = request?.campaignFile ?? draft?.checked?.campaignFile;
  const unsaved = useWorkspace((s) => (campaignFile ? s.drafts[campaignFile] !== undefined : false));
  const saving = useWorkspace((s) => s.saving);
  const importedProfiles = useData((s) => (s.profiles ? (s.profilesSource ?? 'imported profiles') : undefined));
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const envId = draft?.environment.id ?? request?.environmentId;
  const env = environments.find((e) => e.id === envId);
  const recipients = draft?.recipients ?? request?.data.target.length ?? 0;
  const typeOk = !draft?.typeToConfirm || draft.typeToConfirm.some((w) => w.trim().toLowerCase() === typed.trim().toLowerCase());
  const blocked = (draft?.blocking.length ?? 0) > 0 && reason.trim() === '';
  return (
    <>
      <h2 id="send-title">{title}</h2>
      <dl className="facts">
        <dt>Environment</dt>
        <dd>
          <span data-testid="confirm-environment">{env?.name ?? envId}</span>
          {env?.production && <span className="prod-badge">production</span>}
          {request && (
            <select aria-label="Environment" value={envId} onChange={(e) => setEnvironment(e.target.value)} data-testid="send-environment" className="env-select">
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                  {e.production ? ' (production)' : ''}
                </option>
              ))}
            </select>
          )}
          {env && (
            <div className="muted small">
              <code>{env.baseUrl}</code>
              {!env.hasToken && <span className="c-error"> · no token stored ({env.tokenVariable})</span>}
            </div>
          )}
        </dd>
        <dt>Campaign ID</dt>
        <dd>
          <code>{draft?.campaignId ?? request?.campaignId}</code>
        </dd>
        <dt>target_by</dt>
        <dd>
          <code>{draft?.targetBy ?? request?.data.target_by}</code>
        </dd>
        <dt>Recipients</dt>
        <dd data-testid="confirm-recipients">{recipients}</dd>
        {draft && (
          <>
            <dt>Batches</dt>
            <dd data-testid="confirm-batches">
              {plural(draft.batchCount, 'batch', 'batches')} of up to {draft.batchSize} · {draft.concurrency} at a time · at most {draft.ratePerSecond}/s
            </dd>
          </>
        )}
      </dl>
      {request && <SendOptionsForm />}
      {draft && (draft.options.time || draft.options.targetExistingOnly !== undefined || draft.options.extra) && (
        <p className="small muted" data-testid="preview-options">
          Every body carries{' '}
          {[draft.options.time && `time "${draft.options.time}"`, draft.options.targetExistingOnly !== undefined && `target_existing_only ${draft.options.targetExistingOnly ? 1 : 0}`, draft.options.extra && `extra ${Object.keys(draft.options.extra).join(', ')}`]
            .filter(Boolean)
            .join(' · ')}
          .
        </p>
      )}
      {preparing && <p className="muted">Planning and checking…</p>}
      {request && unsaved && (
        <div className="banner warning small" data-testid="send-unsaved">
          {campaignFile} has unsaved edits. The send is checked against the <b>saved</b> file (the host reads it from disk), so the preview above may differ from the check.{' '}
          <button
            data-testid="send-save-recheck"
            disabled={saving}
            onClick={() =>
              void useWorkspace
                .getState()
                .save(campaignFile!)
                .then(() => useSend.getState().recheck())
            }
          >
            Save and check again
          </button>
        </div>
      )}
      {draft?.checked && (
        <p className="small muted" data-testid="send-checked">
          Checked by the host: the saved <code>{draft.checked.campaignFile}</code>
          {draft.checked.settingsFile ? (
            <>
              , the guardrail levels in <code>{draft.checked.settingsFile}</code>
            </>
          ) : (
            ', the default guardrail levels'
          )}
          {draft.checked.profileFiles.length ? (
            <>
              , profiles from{' '}
              {draft.checked.profileFiles.map((f) => (
                <code key={f}>{f} </code>
              ))}
            </>
          ) : (
            ', no profiles'
          )}
          {draft.verdict && (
            <>
              {' '}
              · {draft.verdict.users.toLocaleString()} user(s) × {draft.verdict.users ? draft.verdict.cells / draft.verdict.users : 0} node(s)
            </>
          )}
          .{importedProfiles && <> The profiles imported in the app ({importedProfiles}) are for preview only: the check uses the workspace's files.</>}
        </p>
      )}
      {draft && draft.blocking.length > 0 && (
        <div className="blocking" data-testid="blocking">
          <strong className="c-error">{plural(draft.blocking.length, 'blocking error')}</strong>
          <ul>
            {draft.blocking.slice(0, 8).map((b, n) => (
              <li key={n}>{b}</li>
            ))}
          </ul>
          <label>
            Send anyway because… (journaled)
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="override-reason" />
          </label>
        </div>
      )}
      {draft && <BodyViewer draft={draft} />}
      {draft?.kind === 'resend' && (
        <p className="small">
          Re-sending only the chosen batches of send <code>{draft.parentSendId}</code>.
        </p>
      )}
      {draft?.mayReceiveTwice && (
        <div role="alert" className="may-receive-twice" data-testid="may-receive-twice">
          <strong className="c-warning">{plural(draft.mayReceiveTwice.recipients, 'recipient may', 'recipients may')} receive the message twice.</strong> {draft.mayReceiveTwice.batches.length === 1 ? 'Batch' : 'Batches'}{' '}
          {draft.mayReceiveTwice.batches.map((i) => i + 1).join(', ')} of send <code>{draft.parentSendId}</code> ended unknown: the platform may already have acted on {draft.mayReceiveTwice.batches.length === 1 ? 'it' : 'them'}. Check the delivery follow-up first; re-send only if
          you accept that risk.
        </div>
      )}
      {request && env && (
        <div className="test-send">
          <button onClick={() => void testSend()} disabled={busy || env.qaUsers.length === 0 || !!proofParamProblem(proofParam)} data-testid="test-send">
            Test send to {plural(env.qaUsers.length, 'QA user')}
          </button>{' '}
          <span className="muted small">{env.qaUsers.length ? env.qaUsers.join(', ') : 'Add QA users to this environment under Environments.'}</span>
          <ProofParamField />
          {last?.kind === 'test' && last.status !== 'running' && (
            <div className="small" data-testid="test-send-result">
              Test send to {last.environment.name}: {last.batchCounts.acknowledged} of {plural(last.batchCount, 'batch', 'batches')} accepted
              {last.batchCounts.failed + last.batchCounts.unknown > 0 && <span className="c-error"> — {last.batches.find((b) => b.state !== 'acknowledged')?.reason}</span>}
            </div>
          )}
        </div>
      )}
      {draft?.typeToConfirm && (
        <label className="type-confirm">
          {draft.mayReceiveTwice ? 'Some recipients may receive this twice.' : `${draft.environment.name} is production.`} Type the campaign id <code>{draft.campaignId}</code> (or the environment name) to confirm:
          <input value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="type-confirm" autoComplete="off" />
        </label>
      )}
      <p className="small muted">The platform answering “success” means the request was accepted and validated — not that messages were delivered.</p>
      <div className="actions">
        <button onClick={() => useSend.getState().cancel()} disabled={busy}>
          Cancel
        </button>
        <button className="primary" data-testid="confirm-send" onClick={() => void confirm(typed || undefined, reason || undefined)} disabled={busy || !draft || !typeOk || blocked} autoFocus>
          {busy ? 'Sending…' : `Send to ${plural(recipients, 'recipient')}`}
        </button>
      </div>
    </>
  );
}
