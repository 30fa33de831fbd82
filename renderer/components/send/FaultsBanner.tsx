import { useEffect } from 'react';
import { activeFaults, NO_FAULTS } from '../../../shared/ipc/channels/sandbox';
import { useFaults } from '../../stores/faults';
import { useSend } from '../../stores/send';

/** While a sandbox environment injects faults, the main window says so (sends to it fail on purpose), with a way out. */
export function FaultsBanner() {
  const environments = useSend((s) => s.environments);
  const openEnvironments = useSend((s) => s.openEnvironments);
  const byEnvironment = useFaults((s) => s.byEnvironment);
  const watch = useFaults((s) => s.watch);
  const apply = useFaults((s) => s.apply);
  const sandboxes = environments.filter((e) => e.region === 'sandbox');
  const ids = sandboxes.map((e) => e.id).join('\u0000');
  // Watched while the banner is up: the faults are read, and read again when a call says they may have changed.
  useEffect(() => (ids ? watch(ids.split('\u0000')) : undefined), [ids, watch]);
  const on = sandboxes.map((e) => ({ env: e, faults: byEnvironment[e.id] ? activeFaults(byEnvironment[e.id]!) : [] })).filter((x) => x.faults.length > 0);
  if (!on.length) return null;
  return (
    <div role="status" className="banner warning" data-testid="faults-banner">
      {on.map(({ env, faults }) => (
        <div key={env.id}>
          <strong>Sandbox faults are on for {env.name}:</strong> {faults.join(', ')} — sends to it fail or slow down on purpose.{' '}
          <button onClick={() => void apply(env.id, { ...NO_FAULTS, script: [] })} data-testid={on.length === 1 ? 'faults-off' : `faults-off-${env.id}`}>
            Turn faults off
          </button>{' '}
          <button onClick={() => openEnvironments(true)}>Edit…</button>
        </div>
      ))}
    </div>
  );
}
