import { useEffect, useRef } from 'react';
import type { Diagnostic } from '../../../shared/diagnostics';
import { useRenders } from '../../stores/renders';
import { useSend } from '../../stores/send';
import { useUi, type Drawer as DrawerName } from '../../stores/ui';
import { DiagnosticList } from '../DiagnosticList';
import { SendResultView, useCampaignSendResult } from '../send/SendResultView';
import { Drawer } from './Drawer';

const DRAWER_IDS: Record<DrawerName, string> = { checks: 'drawer-checks', send: 'drawer-send' };

function worst(diagnostics: readonly Diagnostic[]): Diagnostic['severity'] {
  return diagnostics.some((d) => d.severity === 'error') ? 'error' : diagnostics.some((d) => d.severity === 'warning') ? 'warning' : 'info';
}

/**
 * The buttons for the campaign's drawers, at the top of the preview column they slide over: its
 * checks (how many, coloured by the worst) and its last send (how it went). Each appears only when
 * there is something to show for this campaign; with neither, the strip takes no room.
 */
export function DrawerChips({ campaignId }: { campaignId: string }) {
  const checks = useRenders((s) => s.diagnostics);
  const send = useCampaignSendResult(campaignId);
  const drawer = useUi((s) => s.drawer);
  const openDrawer = useUi((s) => s.openDrawer);
  const toggle = (d: DrawerName) => openDrawer(drawer === d ? null : d);
  const bc = send?.batchCounts;
  if (!checks.length && !(send && bc)) return null;
  return (
    <div className="drawer-chips" role="group" aria-label="Campaign panels">
      {checks.length > 0 && (
        <button
          className={`chip chip-${worst(checks)}`}
          onClick={() => toggle('checks')}
          aria-expanded={drawer === 'checks'}
          aria-controls={drawer === 'checks' ? DRAWER_IDS.checks : undefined}
          data-opens-drawer
          data-testid="checks-chip"
          title="Checks of the campaign as a whole (not of one user)"
        >
          {worst(checks) === 'info' ? 'ℹ' : '⚠'} {checks.length} campaign check{checks.length === 1 ? '' : 's'}
        </button>
      )}
      {send && bc && (
        <button
          className={`chip ${bc.failed || bc.unknown ? 'chip-warning' : 'chip-ok'}`}
          onClick={() => toggle('send')}
          aria-expanded={drawer === 'send'}
          aria-controls={drawer === 'send' ? DRAWER_IDS.send : undefined}
          data-opens-drawer
          data-testid="last-send-chip"
          title={`Send ${send.sendId} to ${send.environment.name}`}
        >
          Last send: {bc.acknowledged}/{send.batchCount} accepted
        </button>
      )}
    </div>
  );
}

/**
 * The open drawer over the preview column (as wide as that column, at least 420 px). The last
 * send's result opens by itself when a send of this campaign finishes, since that is what the
 * person waits for; switching campaigns closes whatever was open.
 */
export function CampaignDrawers({ campaignId, width }: { campaignId: string; width: number }) {
  const drawer = useUi((s) => s.drawer);
  const openDrawer = useUi((s) => s.openDrawer);
  const checks = useRenders((s) => s.diagnostics);
  const send = useCampaignSendResult(campaignId);
  // The store's sendId changes only when this window starts (or resumes) a send; the result of
  // that send opens the drawer once it has finished. A campaign opened later shows only the chip.
  const sendId = useSend((s) => s.sendId);
  const seen = useRef(sendId);
  const pending = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (sendId === seen.current) return;
    seen.current = sendId;
    pending.current = sendId;
  }, [sendId]);
  useEffect(() => {
    if (send && pending.current === send.sendId) {
      pending.current = undefined;
      openDrawer('send');
    }
  }, [send, openDrawer]);

  const w = Math.max(420, width);
  const close = () => openDrawer(null);
  if (drawer === 'checks' && checks.length > 0)
    return (
      <Drawer key="checks" id={DRAWER_IDS.checks} title="Campaign checks" onClose={close} testId="checks-drawer" width={w}>
        <p className="small muted">Findings about the campaign and its data as a whole; findings for one user are on their cells.</p>
        <DiagnosticList diagnostics={checks} />
      </Drawer>
    );
  if (drawer === 'send' && send)
    return (
      <Drawer key="send" id={DRAWER_IDS.send} title="Send result" onClose={close} testId="send-drawer" width={w}>
        <SendResultView detail={send} />
      </Drawer>
    );
  return null;
}
