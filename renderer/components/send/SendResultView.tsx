import { useSend } from '../../stores/send';
import { SendDetailView } from './SendDetailView';

/** The last send's per-batch account under the campaign (after the dialog closes). */
export function SendResultView() {
  const detail = useSend((s) => s.detail);
  if (!detail || detail.status === 'running') return null;
  return <SendDetailView detail={detail} />;
}
