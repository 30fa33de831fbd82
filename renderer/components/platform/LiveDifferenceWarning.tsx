import { useEffect } from 'react';
import type { Campaign } from '../../../shared/campaign/model';
import { usePlatform } from '../../stores/platform';
import './platform.css';

/**
 * A warning to show before a send when the workspace template differs from the live one (the
 * platform renders its own copy). Checks on mount against `environmentId`; renders nothing when
 * they match. For the send dialog: `<LiveDifferenceWarning file=… campaign=… environmentId=… />`.
 */
export function LiveDifferenceWarning({ file, campaign, environmentId }: { file: string; campaign: Campaign; environmentId: string }) {
  const check = usePlatform((s) => s.live[file]);
  const run = usePlatform((s) => s.checkLive);
  const key = JSON.stringify(campaign);
  // Re-check when the campaign's content (not its object identity) or the environment changes.
  useEffect(() => {
    void run(file, JSON.parse(key) as Campaign, environmentId);
  }, [file, key, environmentId, run]);
  if (!check || check.busy || check.environmentId !== environmentId) return null;
  if (check.failure)
    return (
      <div className="banner warning" data-testid="send-live-unknown">
        Could not compare with the live campaign: {check.failure.message}
      </div>
    );
  if (!check.comparison?.differs) return null;
  const n = check.comparison.fields.filter((f) => f.status !== 'same').length;
  return (
    <div role="alert" className="banner warning" data-testid="send-live-differs">
      The live template differs from the workspace in {n} field{n === 1 ? '' : 's'}: the platform will send its own copy, not what you reviewed.{' '}
      <button onClick={() => usePlatform.getState().openPanel('live')} data-testid="send-live-show">
        Show differences
      </button>
    </div>
  );
}
