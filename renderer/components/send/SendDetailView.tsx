import { useState } from 'react';
import type { SendDetail } from '../../../shared/ipc/channels/send';
import { sendHeadline } from '../../../shared/send/batch-text';
import { call, IpcCallError } from '../../api/client';
import { useSend } from '../../stores/send';
import { BatchTable, selectable } from './BatchTable';
import { DeliveriesPanel } from './DeliveriesPanel';
import { UnknownFollowUp } from './UnknownFollowUp';
import { plural } from './format';
import { downloadText } from '../data/download';

/**
 * One send's exact account: per batch status, the platform's message, HTTP status and duration;
 * and what the person can do about failed or unknown batches — re-send (through preview and
 * confirmation, after seeing what delivery follow-up knows about unknown ones), skip with a
 * reason, or export their users as a target list — and resuming never-sent batches. Buttons whose
 * call is running are disabled; a send another window or tab is changing says so.
 */
export function SendDetailView({ detail, headingLevel = 2 }: { detail: SendDetail; headingLevel?: 2 | 3 }) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [note, setNote] = useState<string>();
  const [busyNote, setBusyNote] = useState<string>();
  const [pending, setPending] = useState<string>();
  const [typed, setTyped] = useState('');
  const prepareResend = useSend((s) => s.prepareResend);
  const resume = useSend((s) => s.resume);
  const resuming = useSend((s) => s.resumingId === detail.sendId);
  const preparing = useSend((s) => s.preparing);
  const show = useSend((s) => s.show);
  const bc = detail.batchCounts;
  const tc = detail.targetCounts;
  const H = `h${headingLevel}` as const;
  const chosen = [...selected].filter((i) => detail.batches[i] && selectable(detail.batches[i]!)).sort((a, b) => a - b);
  const act = async (what: string, f: () => Promise<void>) => {
    setNote(undefined);
    setBusyNote(undefined);
    setPending(what);
    try {
      await f();
    } catch (e) {
      if (e instanceof IpcCallError && e.error.code === 'already-running') setBusyNote(e.message);
      else setNote((e as Error).message);
    } finally {
      setPending(undefined);
    }
  };
  const running = detail.status === 'running';
  const resumable = !running && detail.status !== 'completed' && bc.neverSent > 0 && !detail.overlapping;
  const openUnknown = detail.batches.filter((b) => b.state === 'unknown' && !b.skipped && !b.resentAs).length;
  const select = (indexes: number[], on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      for (const i of indexes)
        if (on) n.add(i);
        else n.delete(i);
      return n;
    });
  return (
    <section className="send-result" data-testid="send-result" aria-label="Send result">
      <H>{sendHeadline(detail)}</H>
      <p className="muted small">
        Send <code>{detail.sendId}</code> · campaign <code>{detail.campaignId}</code> · {detail.status} · {tc.acknowledged.toLocaleString()} acknowledged, {tc.failed.toLocaleString()} failed, {tc.unknown.toLocaleString()} unknown, {tc.neverSent.toLocaleString()} never sent
        (recipients). “Accepted” means the platform validated the request; it does not mean the messages were delivered.
      </p>
      {detail.override && (
        <p className="small">
          Sent despite {plural(detail.override.errors.length, 'blocking error')}: “{detail.override.reason}”.
        </p>
      )}
      {detail.problems.map((p, n) => (
        <p key={n} className="small c-warning" data-testid="journal-problem">
          {p}
        </p>
      ))}
      {bc.unknown > 0 && (
        <p className="small c-warning" data-testid="unknown-explainer">
          {plural(bc.unknown, 'batch', 'batches')} ended <strong>unknown</strong>: the platform may or may not have acted, so nothing was retried. Choose for each: re-send (its users may receive the message twice), skip, or export its users.
        </p>
      )}
      {openUnknown > 0 && <UnknownFollowUp sendId={detail.sendId} />}
      <BatchTable batches={detail.batches} selected={selected} onSelect={select} />
      <div className="actions left">
        <button disabled={running || chosen.length === 0 || preparing || pending !== undefined} onClick={() => void act('resend', () => prepareResend(detail.sendId, chosen))} data-testid="resend-selected">
          {chosen.length > 0 ? `Re-send ${plural(chosen.length, 'selected batch', 'selected batches')}…` : 'Re-send selected…'}
        </button>
        <button
          disabled={chosen.length === 0 || pending !== undefined}
          onClick={() =>
            void act('export', async () => {
              const r = await call('send.exportTargets', { sendId: detail.sendId, batches: chosen });
              downloadText(`${detail.sendId}-targets.csv`, r.csv, 'text/csv');
              setNote(`Exported ${plural(r.count, 'user')} as a target list.`);
            })
          }
          data-testid="export-selected"
        >
          Export users…
        </button>
        <button
          disabled={chosen.length === 0 || !chosen.every((i) => detail.batches[i]?.state === 'unknown') || pending !== undefined}
          onClick={() =>
            void act('skip', async () => {
              const reason = window.prompt('Why skip these unknown batches? (journaled)');
              if (!reason) return;
              await call('send.skip', { sendId: detail.sendId, batches: chosen, reason });
              await show(detail.sendId);
            })
          }
        >
          {pending === 'skip' ? 'Skipping…' : 'Skip unknown…'}
        </button>
        <button
          disabled={chosen.length !== 1 || pending !== undefined}
          onClick={() =>
            void act('users', async () => {
              const t = await call('send.batchTargets', { sendId: detail.sendId, index: chosen[0]! });
              setNote(`Batch ${chosen[0]! + 1}: ${t.join(', ')}`);
            })
          }
        >
          Show users
        </button>
        {resumable && (
          <>
            {detail.environment.production && <input placeholder="type campaign id" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Type the campaign id to confirm" />}
            <button
              className="primary"
              data-testid="resume-send"
              disabled={resuming || pending === 'resume'}
              onClick={() =>
                void act('resume', async () => {
                  if (window.confirm(`Send the ${plural(bc.neverSent, 'never-sent batch', 'never-sent batches')} (${plural(tc.neverSent, 'recipient')}) to ${detail.environment.name}, campaign ${detail.campaignId}?`)) await resume(detail.sendId, tc.neverSent, typed || undefined);
                })
              }
            >
              {resuming || pending === 'resume' ? 'Resuming…' : `Resume: send ${plural(tc.neverSent, 'never-sent recipient')}`}
            </button>
          </>
        )}
      </div>
      {busyNote && (
        <p className="small c-warning" role="status" data-testid="send-busy">
          {busyNote}. Its progress shows here.
        </p>
      )}
      {note && (
        <p className="small" role="status">
          {note}
        </p>
      )}
      <DeliveriesPanel sendId={detail.sendId} />
    </section>
  );
}
