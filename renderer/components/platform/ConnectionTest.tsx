import { usePlatform } from '../../stores/platform';

/** "Test connection" for the chosen environment, with a plain-language verdict. */
export function ConnectionTest() {
  const { busy, verdict } = usePlatform((s) => s.connection);
  const test = usePlatform((s) => s.testConnection);
  return (
    <section aria-label="Connection" className="connection">
      <button onClick={() => void test()} disabled={busy} data-testid="test-connection">
        {busy ? 'Testing…' : 'Test connection'}
      </button>
      {verdict && (
        <div className={`verdict ${verdict.ok ? 'ok' : 'bad'}`} role="status" data-testid="connection-verdict" data-outcome={verdict.outcome}>
          <strong>{verdict.title}</strong>
          <span>{verdict.explanation}</span>
          {verdict.detail && <div className="muted small">Details: {verdict.detail}</div>}
        </div>
      )}
    </section>
  );
}
