import { useState } from 'react';
import type { EnvironmentView } from '../../../shared/ipc/channels/send';
import { call } from '../../api/client';
import { useSend } from '../../stores/send';
import { FaultsForm } from './FaultsForm';

type Form = Omit<EnvironmentView, 'hasToken' | 'builtin' | 'tokenVariable'> & { qaText: string; tokenFile?: string };

const blank = (): Form => ({ id: '', name: '', region: 'eu', baseUrl: 'https://external-api.xtremepush.com', production: false, authMode: 'apptoken', legacyPersonalisation: false, batchSize: 500, concurrency: 2, ratePerSecond: 10, qaUsers: [], qaText: '' });
const toForm = (e: EnvironmentView): Form => ({ ...e, qaText: e.qaUsers.join('\n') });

/** Environments: name, region or https base URL, production flag, pacing, QA users, the token (write-only) and sandbox faults. */
export function EnvironmentsDialog() {
  const open = useSend((s) => s.environmentsOpen);
  const openEnvironments = useSend((s) => s.openEnvironments);
  const environments = useSend((s) => s.environments);
  const loadEnvironments = useSend((s) => s.loadEnvironments);
  const [form, setForm] = useState<Form>();
  const [token, setToken] = useState('');
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
      const { qaText, hasToken: _h, builtin: _b, tokenVariable: _t, ...rest } = current as Form & Partial<EnvironmentView>;
      const environment = { ...rest, qaUsers: qaText.split(/[\s,]+/).filter(Boolean) };
      const saved = await call('environments.save', { environment });
      setForm(toForm(saved));
      return `Saved ${saved.name}.`;
    });
  return (
    <div className="modal-backdrop send-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="env-title" className="modal send-modal wide" data-testid="environments-dialog">
        <h2 id="env-title">Environments</h2>
        <div className="env-layout">
          <ul className="env-list">
            {environments.map((e) => (
              <li key={e.id}>
                <button className={e.id === current.id ? 'selected' : ''} onClick={() => { setForm(toForm(e)); setMessage(undefined); }} data-testid={`env-${e.id}`}>
                  {e.name} {e.production && <span className="prod-badge">prod</span>} <span className="muted small">{e.hasToken ? 'token ✓' : 'no token'}</span>
                </button>
              </li>
            ))}
            <li><button onClick={() => setForm(blank())} data-testid="env-new">+ New environment</button></li>
          </ul>
          <div className="env-form">
            <label>Id <input value={current.id} disabled={!!existing} onChange={(e) => patch({ id: e.target.value })} data-testid="env-id" /></label>
            <label>Name <input value={current.name} onChange={(e) => patch({ name: e.target.value })} data-testid="env-name" /></label>
            <label>
              Region{' '}
              <select value={current.region} disabled={current.id === 'sandbox'} onChange={(e) => patch({ region: e.target.value as Form['region'] })} data-testid="env-region">
                <option value="eu">EU (external-api.xtremepush.com)</option>
                <option value="us">US (api.us.xtremepush.com)</option>
                <option value="custom">Custom https URL</option>
                <option value="sandbox">Built-in sandbox</option>
              </select>
            </label>
            {current.region === 'custom' && <label>Base URL <input value={current.baseUrl} onChange={(e) => patch({ baseUrl: e.target.value })} data-testid="env-base-url" /></label>}
            <label><input type="checkbox" checked={current.production} onChange={(e) => patch({ production: e.target.checked })} data-testid="env-production" /> Production (sends need the campaign id typed)</label>
            <label><input type="checkbox" checked={current.legacyPersonalisation} onChange={(e) => patch({ legacyPersonalisation: e.target.checked })} /> Legacy personalisation (an empty value means “not sent”)</label>
            <label>Batch size <input type="number" min={1} max={10000} value={current.batchSize} onChange={(e) => patch({ batchSize: Number(e.target.value) })} data-testid="env-batch-size" /></label>
            <label>Concurrency <input type="number" min={1} max={16} value={current.concurrency} onChange={(e) => patch({ concurrency: Number(e.target.value) })} /></label>
            <label>Requests per second <input type="number" min={0.1} step={0.1} value={current.ratePerSecond} onChange={(e) => patch({ ratePerSecond: Number(e.target.value) })} /></label>
            <label>QA users (test sends) <textarea rows={3} value={current.qaText} onChange={(e) => patch({ qaText: e.target.value })} data-testid="env-qa-users" /></label>
            <div className="actions left">
              <button className="primary" onClick={() => void save()} data-testid="env-save">Save</button>
              {existing && !existing.builtin && <button onClick={() => void run(async () => { await call('environments.remove', { id: existing.id }); setForm(undefined); return `Removed ${existing.name}.`; })}>Remove</button>}
            </div>
            {existing && (
              <fieldset>
                <legend>App token</legend>
                <p className="small muted">Stored in the OS secret store in the desktop app; the browser host and CLI read <code>{existing.tokenVariable}</code> (or <code>{existing.tokenVariable}_FILE</code>). It is never shown again.</p>
                <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder={existing.hasToken ? 'token stored — enter a new one to replace it' : 'app token'} aria-label="App token" />
                <button disabled={!token} onClick={() => void run(async () => { await call('environments.setToken', { id: existing.id, token }); setToken(''); return 'Token stored.'; })}>Store token</button>
              </fieldset>
            )}
            {existing && existing.region === 'sandbox' && <FaultsForm environmentId={existing.id} />}
            {message && <p role="status" className={message.ok ? 'small' : 'small c-error'}>{message.text}</p>}
          </div>
        </div>
        <div className="actions"><button onClick={() => openEnvironments(false)} data-testid="env-close">Close</button></div>
      </div>
    </div>
  );
}
