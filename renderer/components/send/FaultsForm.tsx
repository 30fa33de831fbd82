import { useEffect, useState } from 'react';
import type { FaultConfig } from '../../../shared/ipc/channels/sandbox';
import { call } from '../../api/client';

const SHARES: [keyof FaultConfig, string][] = [
  ['share429', '429 (Retry-After)'],
  ['share503', '503'],
  ['share500', '500'],
  ['shareTimeout', 'timeouts'],
  ['shareReset', 'connection resets'],
  ['shareMalformed', 'malformed JSON'],
];

/** The sandbox's fault injection for one environment: latency, shares of each fault, API limits. */
export function FaultsForm({ environmentId }: { environmentId: string }) {
  const [f, setF] = useState<FaultConfig>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('sandbox.faults.get', { environmentId }).then(setF, (e: Error) => setError(e.message));
  }, [environmentId]);
  const update = (patch: Partial<FaultConfig>) =>
    call('sandbox.faults.set', { environmentId, faults: patch }).then(
      (v) => {
        setF(v);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  if (!f) return error ? <p className="c-error">{error}</p> : null;
  const num = (k: keyof FaultConfig, label: string, step = 1) => (
    <label key={k}>
      {label} <input type="number" step={step} min={0} defaultValue={f[k] as number} onBlur={(e) => void update({ [k]: Number(e.target.value) })} data-testid={`fault-${k}`} />
    </label>
  );
  return (
    <fieldset className="faults" data-testid="faults-form">
      <legend>Sandbox faults for this environment</legend>
      {num('latencyMs', 'Latency (ms)')}
      {SHARES.map(([k, label]) => num(k, `Share of ${label} (0–1)`, 0.05))}
      {num('retryAfterSeconds', 'Retry-After (s)')}
      {num('maxTargets', 'Target array limit')}
      {num('maxRequestsPerSecond', 'Request rate limit (/s)')}
      <label>
        <input type="checkbox" checked={f.webhooks} onChange={(e) => void update({ webhooks: e.target.checked })} /> Post simulated delivery and click webhooks
      </label>
      {error && <p className="c-error">{error}</p>}
    </fieldset>
  );
}
