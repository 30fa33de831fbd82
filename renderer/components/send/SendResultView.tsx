import { useSend } from '../../stores/send';

/** The last send's per-batch account, with the platform's responses. */
export function SendResultView() {
  const result = useSend((s) => s.result);
  if (!result) return null;
  const acknowledged = result.batches.filter((b) => b.status === 'acknowledged').length;
  return (
    <section className="send-result" data-testid="send-result" aria-label="Send result">
      <h2>
        Sent to {result.environment}: {acknowledged} of {result.batches.length} batch{result.batches.length === 1 ? '' : 'es'} accepted
      </h2>
      <p className="muted">“Accepted” means the platform validated the request; it does not mean the messages were delivered.</p>
      <table className="batches">
        <thead>
          <tr><th>Batch</th><th>Targets</th><th>Status</th><th>HTTP</th><th>Time</th><th>Response</th></tr>
        </thead>
        <tbody>
          {result.batches.map((b) => (
            <tr key={b.index} data-testid={`batch-${b.index}`}>
              <td>{b.index + 1}</td>
              <td>{b.targets}</td>
              <td className={`status-${b.status}`}>{b.status}</td>
              <td>{b.httpStatus ?? '—'}</td>
              <td>{b.durationMs} ms</td>
              <td><code className="response">{b.error ?? JSON.stringify(b.response)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
