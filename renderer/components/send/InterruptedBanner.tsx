import { useSend } from '../../stores/send';
import { plural } from './format';

/** On start: sends the app was interrupted in, with their exact account, and a way to review or resume them. */
export function InterruptedBanner() {
  const interrupted = useSend((s) => s.interrupted);
  const openHistory = useSend((s) => s.openHistory);
  if (interrupted.length === 0) return null;
  return (
    <div role="alert" className="banner warning" data-testid="interrupted-banner">
      {interrupted.slice(0, 3).map((s) => (
        <div key={s.sendId}>
          Send <code>{s.sendId}</code> to {s.environment.name} (campaign <code>{s.campaignId}</code>) was interrupted: {s.targetCounts.acknowledged.toLocaleString()} acknowledged, {s.targetCounts.failed.toLocaleString()} failed, {s.targetCounts.unknown.toLocaleString()} unknown,{' '}
          {plural(s.targetCounts.neverSent, 'recipient')} never sent.
          {s.problems.length > 0 && <span className="small"> ({s.problems.join('; ')})</span>}
        </div>
      ))}
      <button onClick={() => openHistory(true)}>Review in history…</button>
    </div>
  );
}
