import { useState } from 'react';
import type { EnvironmentView } from '../../../shared/ipc/channels/send';
import { call } from '../../api/client';

type Kind = 'apptoken' | 'oauth-client-secret';
const LABELS: Record<Kind, string> = { apptoken: 'App token', 'oauth-client-secret': 'OAuth client secret' };

/**
 * A write-only secret of an environment: typed in, or read by the main side from a file the
 * person picks in a native dialog (desktop app). It is never read back; the list only says
 * whether one is stored for the environment's current destination.
 */
export function SecretField({ env, kind, run }: { env: EnvironmentView; kind: Kind; run: (f: () => Promise<string>) => Promise<void> }) {
  const [value, setValue] = useState('');
  const label = LABELS[kind];
  const stored = kind === 'apptoken' ? env.hasToken : env.hasSecret;
  const variable = kind === 'apptoken' ? env.tokenVariable : env.secretVariable;
  const store = () =>
    run(async () => {
      await call('environments.setToken', { id: env.id, token: value, secret: kind });
      setValue('');
      return `${label} stored for ${env.name}.`;
    });
  const fromFile = () =>
    run(async () => {
      const r = await call('environments.chooseTokenFile', { id: env.id, secret: kind });
      if (r.status === 'unavailable') throw new Error(r.message);
      return r.status === 'stored' ? `${label} read from the file and stored for ${env.name}.` : 'No file chosen.';
    });
  return (
    <fieldset data-testid={`secret-${kind}`}>
      <legend>{label}</legend>
      <p className="small muted">
        Write-only: kept in the OS secret store in the desktop app (in memory for this run in the browser host), for {env.builtin || env.region === 'sandbox' ? 'the built-in sandbox' : <code>{new URL(env.baseUrl).origin}</code>} only — changing the region or base URL drops it. Or
        start Preflight with <code>{variable}</code> (or <code>{variable}_FILE</code>) set.
      </p>
      <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} placeholder={stored ? `${label.toLowerCase()} stored — enter a new one to replace it` : label.toLowerCase()} aria-label={label} data-testid={`secret-input-${kind}`} />
      <button disabled={!value} onClick={() => void store()} data-testid={`secret-store-${kind}`}>
        Store
      </button>
      <button onClick={() => void fromFile()} title="Desktop app: choose the file holding it; Preflight reads it, the file path is not kept">
        From file…
      </button>
    </fieldset>
  );
}
