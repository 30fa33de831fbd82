/** Words for a field that did not render, shared by the matrix cell and the preview. */
import type { Diagnostic } from '../../../shared/diagnostics';
import { formatPlace } from '../../../shared/diagnostics';

/** "does not compile: <reason>" or "fails to render: <reason>", with the place in the file when known. */
export function failureText(d: Diagnostic, withPlace = false): string {
  const what = d.code === 'render' ? 'fails to render' : 'does not compile';
  const place = withPlace ? formatPlace({ ...d, target: undefined }) : '';
  return `${what}: ${d.message}${place ? ` (${place})` : ''}`;
}
