import { useState } from 'react';
import { useSend } from '../../stores/send';

/** Schedule time, target_existing_only and extra properties: each goes into every body and the preview. */
export function SendOptionsForm() {
  const options = useSend((s) => s.options);
  const setOptions = useSend((s) => s.setOptions);
  const [extra, setExtra] = useState(options.extra);
  return (
    <fieldset className="send-options">
      <legend>Options</legend>
      <label>
        Schedule (<code>time</code>) <input placeholder="now — or 2026-01-01 12:00 UTC" defaultValue={options.time} onBlur={(e) => setOptions({ time: e.target.value })} data-testid="option-time" />
      </label>
      <label>
        <code>target_existing_only</code>{' '}
        <select value={options.targetExistingOnly} onChange={(e) => setOptions({ targetExistingOnly: e.target.value as '' | 'yes' | 'no' })}>
          <option value="">platform default</option>
          <option value="yes">1 — skip unknown ids</option>
          <option value="no">0 — create missing profiles</option>
        </select>
      </label>
      <label className="wide">
        Extra properties (JSON object)
        <textarea rows={2} value={extra} placeholder='{"payload_add": [{"key": "k", "value": "v"}]}' onChange={(e) => setExtra(e.target.value)} onBlur={() => setOptions({ extra })} />
      </label>
    </fieldset>
  );
}
