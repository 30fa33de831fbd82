import { useState } from 'react';
import type { EnvironmentView } from '../../../shared/ipc/channels/send';
import { call } from '../../api/client';
import { useSend } from '../../stores/send';
import { FaultsForm } from './FaultsForm';
import { SecretField } from './SecretField';

/** The fields the list adds for display; they are not settings and are not saved. */
type ViewOnly = 'hasToken' | 'hasSecret' | 'builtin' | 'tokenVariable' | 'secretVariable';
type Form = Omit<EnvironmentView, ViewOnly> & { qaText: string };

const blank = (): Form => ({ id: '', name: '', region: 'eu', baseUrl: 'https://external-api.xtremepush.com', production: false, authMode: 'apptoken', legacyPersonalisation: false, batchSize: 500, concurrency: 2, ratePerSecond: 10, qaUsers: [], qaText: '' });
const toForm = (e: EnvironmentView & { droppedSecrets?: unknown }): Form => {
  const { hasToken: _t, hasSecret: _s, builtin: _b, tokenVariable: _v, secretVariable: _w, droppedSecrets: _d, ...settings } = e;
  return { ...settings, qaText: e.qaUsers.join('\n') };
};

/** Environments: name, region or https base URL, production flag, auth mode, pacing, QA users, the secrets (write-only) and sandbox faults. */
export function EnvironmentsDialog() {
  const open = useSend((s) => s.environmentsOpen);
  const openEnvironments = useSend((s) => s.openEnvironments);
  const environments = useSend((s) => s.environments);
  const loadEnvironments = useSend((s) => s.loadEnvironments);
  const [form, setForm] = useState<Form>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (!open) return null;
  const current = form ?? (environments[0] ? toForm(environments[0]) : blank());
  const existing = environments.find((e) => e.id === current.id);
  const patch = (p: Partial<Form>) => setForm({ ...current, ...p });
  const run = async (f: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await f() });
      await loadEnvironments();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  const save = () =>
    run(async () => {
      const { qaText, oauthClientId, ...rest } = current;
      // The client id is kept when switching to app tokens: switching back finds its secret again.
      const environment = { ...rest, qaUsers: qaText.split(/[\s,]+/).filter(Boolean), ...(oauthClientId ? { oauthClientId } : {}) };
      const saved = await call('environments.save', { environment });
      setForm(toForm(saved));
      const dropped = saved.droppedSecrets?.length
        ? ` Its destination changed, so its stored ${saved.droppedSecrets.map((k) => (k === 'apptoken' ? 'app token' : 'OAuth client secret')).join(' and ')} ${saved.droppedSecrets.length === 1 ? 'was' : 'were'} dropped: enter ${saved.droppedSecrets.length === 1 ? 'it' : 'them'} again.`
        : '';
      return `Saved ${saved.name}.${dropped}`;
    });
  return (
    <div className="modal-backdrop send-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="env-title" className="modal send-modal wide" data-testid="environments-dialog">
        <h2 id="env-title">Environments</h2>
        <div className="env-layout">
          <ul className="env-list">
            {environments.map((e) => (
              <li key={e.id}>
                <button
                  className={e.id === current.id ? 'selected' : ''}
                  onClick={() => {
                    setForm(toForm(e));
                    setMessage(undefined);
                  }}
                  data-testid={`env-${e.id}`}
                >
                  {e.name} {e.production && <span className="prod-badge">prod</span>} <span className="muted small">{e.authMode === 'oauth' ? (e.hasSecret ? 'client secret ✓' : 'no client secret') : e.hasToken ? 'token ✓' : 'no token'}</span>
                </button>
              </li>
            ))}
            <li>
              <button onClick={() => setForm(blank())} data-testid="env-new">
                + New environment
              </button>
            </li>
          </ul>
          <div className="env-form">
            <label>
              Id <input value={current.id} disabled={!!existing} onChange={(e) => patch({ id: e.target.value })} data-testid="env-id" />
            </label>
            <label>
              Name <input value={current.name} onChange={(e) => patch({ name: e.target.value })} data-testid="env-name" />
            </label>
            <label>
              Region{' '}
              <select value={current.region} disabled={current.id === 'sandbox'} onChange={(e) => patch({ region: e.target.value as Form['region'] })} data-testid="env-region">
                <option value="eu">EU (external-api.xtremepush.com)</option>
                <option value="us">US (api.us.xtremepush.com)</option>
                <option value="custom">Custom https URL</option>
                <option value="sandbox">Built-in sandbox</option>
              </select>
            </label>
            {current.region === 'custom' && (
              <label>
                Base URL <input value={current.baseUrl} onChange={(e) => patch({ baseUrl: e.target.value })} data-testid="env-base-url" />
              </label>
            )}
            <label>
              Authentication{' '}
              <select value={current.authMode} onChange={(e) => patch({ authMode: e.target.value as Form['authMode'] })} data-testid="env-auth-mode">
                <option value="apptoken">App token</option>
                <option value="oauth">OAuth 2.0 client credentials</option>
              </select>
            </label>
            {current.authMode === 'oauth' && (
              <label>
                OAuth client id <input value={current.oauthClientId ?? ''} onChange={(e) => patch({ oauthClientId: e.target.value })} data-testid="env-client-id" />
              </label>
            )}
            <label>
              <input type="checkbox" checked={current.production} onChange={(e) => patch({ production: e.target.checked })} data-testid="env-production" /> Production (sends need the campaign id typed)
            </label>
            <label>
              <input type="checkbox" checked={current.legacyPersonalisation} onChange={(e) => patch({ legacyPersonalisation: e.target.checked })} /> Legacy personalisation (an empty value means “not sent”)
            </label>
            <label>
              Batch size <input type="number" min={1} max={10000} value={current.batchSize} onChange={(e) => patch({ batchSize: Number(e.target.value) })} data-testid="env-batch-size" />
            </label>
            <label>
              Concurrency <input type="number" min={1} max={16} value={current.concurrency} onChange={(e) => patch({ concurrency: Number(e.target.value) })} />
            </label>
            <label>
              Requests per second <input type="number" min={0.1} step={0.1} value={current.ratePerSecond} onChange={(e) => patch({ ratePerSecond: Number(e.target.value) })} />
            </label>
            <label>
              QA users (test sends) <textarea rows={3} value={current.qaText} onChange={(e) => patch({ qaText: e.target.value })} data-testid="env-qa-users" />
            </label>
            <div className="actions left">
              <button className="primary" onClick={() => void save()} data-testid="env-save">
                Save
              </button>
              {existing && !existing.builtin && (
                <button
                  onClick={() =>
                    void run(async () => {
                      await call('environments.remove', { id: existing.id });
                      setForm(undefined);
                      return `Removed ${existing.name}.`;
                    })
                  }
                >
                  Remove
                </button>
              )}
            </div>
            {existing && (existing.authMode === 'oauth' ? <SecretField key={`${existing.id}-oauth`} env={existing} kind="oauth-client-secret" run={run} /> : <SecretField key={`${existing.id}-token`} env={existing} kind="apptoken" run={run} />)}
            {existing && existing.region === 'sandbox' && <FaultsForm environmentId={existing.id} />}
            {message && (
              <p role="status" className={message.ok ? 'small' : 'small c-error'}>
                {message.text}
              </p>
            )}
          </div>
        </div>
        <div className="actions">
          <button onClick={() => openEnvironments(false)} data-testid="env-close">
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
