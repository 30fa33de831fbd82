import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { GUARDRAIL_CHECKS, GUARDRAIL_LEVELS, levelOf, type GuardrailCheck, type GuardrailSettings } from '../../../shared/guardrails/types';
import { SETTINGS_FILE, useWorkspace } from '../../stores/workspace';
import { usePreferences } from '../../stores/preferences';

/** The team's guardrail levels (saved in the workspace's preflight.settings.json, shared through git). */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const current = useWorkspace((s) => s.settings);
  const save = useWorkspace((s) => s.saveSettings);
  const [draft, setDraft] = useState<GuardrailSettings>(current);
  const reviewer = usePreferences((s) => s.reviewer);
  const setReviewer = usePreferences((s) => s.setReviewer);
  const [name, setName] = useState(reviewer ?? '');
  const [error, setError] = useState<string>();
  const saveAll = async () => {
    try {
      if (name.trim() !== (reviewer ?? '')) await setReviewer(name);
      await save(draft);
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const [emailData, setEmailData] = useState<string>();
  useEffect(() => {
    void call('app.info', {})
      .then((i) => setEmailData(`${i.emailData.package}, data of ${i.emailData.updated}`))
      .catch(() => undefined);
  }, []);
  const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);
  const setEmail = (k: 'clients' | 'trackingParams', v: string) => setDraft({ ...draft, email: { ...draft.email, [k]: list(v) } });
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="settings-title" className="modal wide" data-testid="guardrail-settings">
        <h2 id="settings-title">Settings</h2>
        <label className="reviewer">
          Your name as reviewer <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="e.g. Dana Quinn" data-testid="reviewer-name" />
        </label>
        <p className="muted small">Signs your review marks and the QA reports you export. Kept in this computer's app settings, not in the workspace.</p>
        <h3>Checks and what they stop</h3>
        <p className="muted small">
          Saved in <code>{SETTINGS_FILE}</code> in the workspace. Blocking findings block the send.
        </p>
        <table className="settings">
          <tbody>
            {(Object.keys(GUARDRAIL_CHECKS) as GuardrailCheck[]).map((c) => (
              <tr key={c}>
                <th scope="row">
                  {GUARDRAIL_CHECKS[c].title} <code className="muted small">{c}</code>
                </th>
                <td>
                  <select aria-label={`Level of ${c}`} value={levelOf(c, draft)} onChange={(e) => setDraft({ ...draft, [c]: e.target.value })}>
                    {GUARDRAIL_LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && (
          <p className="c-error" role="alert">
            {error}
          </p>
        )}
        <h3 className="small">Email checks</h3>
        <label className="small">
          Clients checked for compatibility (caniemail families or clients, e.g. <code>outlook, gmail, apple-mail</code>; empty: the defaults){' '}
          <input data-testid="email-clients" defaultValue={(draft.email?.clients ?? []).join(', ')} onChange={(e) => setEmail('clients', e.target.value)} />
        </label>
        <label className="small">
          Tracking parameters every web link must carry (e.g. <code>utm_source, utm_medium, utm_campaign</code>){' '}
          <input data-testid="email-tracking-params" defaultValue={(draft.email?.trackingParams ?? []).join(', ')} onChange={(e) => setEmail('trackingParams', e.target.value)} />
        </label>
        <p className="muted small" data-testid="email-data-source">
          Compatibility data: caniemail.com{emailData ? ` (${emailData})` : ''}, bundled with the app; nothing is fetched.
        </p>
        <div className="actions">
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={() => void saveAll()} autoFocus>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
