import { useEffect, useRef, useState } from 'react';
import { activeFaults, NO_FAULTS, type FaultConfig, type FaultPatch } from '../../../shared/ipc/channels/sandbox';
import { useFaults } from '../../stores/faults';

const SHARES: [keyof FaultConfig, string][] = [
  ['share429', '429 (Retry-After)'],
  ['share503', '503'],
  ['share500', '500'],
  ['shareTimeout', 'timeouts'],
  ['shareReset', 'connection resets'],
  ['shareMalformed', 'malformed JSON'],
];
const NUMBERS: (keyof FaultConfig)[] = ['latencyMs', ...SHARES.map(([k]) => k), 'retryAfterSeconds', 'maxTargets', 'maxRequestsPerSecond'];

type Draft = Record<string, string>;
const draftOf = (f: FaultConfig): Draft => Object.fromEntries(NUMBERS.map((k) => [k, String(f[k])]));

/** The fields of the draft that differ from the state in effect, as a patch (numbers as typed). */
function patchOf(draft: Draft, webhooks: boolean, now: FaultConfig): FaultPatch {
  const patch: Record<string, unknown> = {};
  for (const k of NUMBERS) if (draft[k] !== String(now[k])) patch[k] = draft[k]!.trim() === '' ? NaN : Number(draft[k]);
  if (webhooks !== now.webhooks) patch.webhooks = webhooks;
  return patch as FaultPatch;
}

/**
 * The sandbox's fault injection for one environment: latency, shares of each fault, API limits.
 * The fields are a draft until Apply sends them together; what is shown as "in effect" is the
 * sandbox's own answer.
 */
export function FaultsForm({ environmentId }: { environmentId: string }) {
  const now = useFaults((s) => s.byEnvironment[environmentId]);
  const watch = useFaults((s) => s.watch);
  const apply = useFaults((s) => s.apply);
  const [draft, setDraft] = useState<Draft>();
  const [webhooks, setWebhooks] = useState(true);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // True once the person edits a field: a refresh answering late must not overwrite what they typed.
  const edited = useRef(false);
  useEffect(() => watch([environmentId]), [environmentId, watch]);
  // The draft starts from (and after Apply returns to) the state in effect.
  useEffect(() => {
    if (!now || edited.current) return;
    setDraft(draftOf(now));
    setWebhooks(now.webhooks);
  }, [now]);
  if (!now || !draft) return error ? <p className="c-error">{error}</p> : null;
  const patch = patchOf(draft, webhooks, now);
  const changed = Object.keys(patch).length > 0;
  const run = async (p: FaultPatch) => {
    setBusy(true);
    try {
      await apply(environmentId, p);
      setError(undefined);
      edited.current = false;
      const applied = useFaults.getState().byEnvironment[environmentId];
      if (applied) {
        setDraft(draftOf(applied));
        setWebhooks(applied.webhooks);
      }
    } catch (e) {
      setError(`Not applied: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const on = activeFaults(now);
  const num = (k: keyof FaultConfig, label: string, step = 1) => (
    <label key={k}>
      {label}{' '}
      <input
        type="number"
        step={step}
        min={0}
        value={draft[k]}
        onChange={(e) => {
          edited.current = true;
          setDraft({ ...draft, [k]: e.target.value });
        }}
        data-testid={`fault-${k}`}
      />
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
        <input
          type="checkbox"
          checked={webhooks}
          onChange={(e) => {
            edited.current = true;
            setWebhooks(e.target.checked);
          }}
        />{' '}
        Post simulated delivery and click webhooks
      </label>
      <p className="small" role="status" data-testid="faults-state">
        {changed ? 'Changed here, not applied yet. ' : ''}
        {on.length ? `In effect: ${on.join(', ')}.` : 'In effect: no faults (the sandbox answers like the platform).'}
      </p>
      <div className="actions left">
        <button className="primary" disabled={!changed || busy} onClick={() => void run(patch)} data-testid="faults-apply">
          Apply
        </button>
        <button
          disabled={busy || !changed}
          onClick={() => {
            setDraft(draftOf(now));
            setWebhooks(now.webhooks);
          }}
        >
          Discard changes
        </button>
        <button disabled={busy || (on.length === 0 && now.webhooks === NO_FAULTS.webhooks)} onClick={() => void run({ ...NO_FAULTS, script: [] })} data-testid="faults-reset">
          No faults
        </button>
      </div>
      {error && (
        <p className="c-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
