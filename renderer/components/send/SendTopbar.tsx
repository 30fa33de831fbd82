import { useSend } from '../../stores/send';
import { EnvironmentsDialog } from './EnvironmentsDialog';
import { SendHistory } from './SendHistory';
import './send.css';

/** The top bar's send entries (Environments, History) and the dialogs they open. */
export function SendTopbar() {
  const openHistory = useSend((s) => s.openHistory);
  const openEnvironments = useSend((s) => s.openEnvironments);
  const interrupted = useSend((s) => s.interrupted.length);
  return (
    <>
      <button onClick={() => openEnvironments(true)} data-testid="open-environments">
        Environments…
      </button>
      <button onClick={() => openHistory(true)} data-testid="open-history">
        History{interrupted ? ` (${interrupted} interrupted)` : ''}…
      </button>
      <SendHistory />
      <EnvironmentsDialog />
    </>
  );
}
