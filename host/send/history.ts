/** The history of sends: one summary per readable journal, filtered as the History panel asks. */
import type { SendAccount } from '../../shared/send/journal';
import { needsAttention, summaryOf } from '../../shared/send/views';

export interface HistoryFilter {
  environmentId?: string;
  campaignId?: string;
  status?: 'running' | 'completed' | 'cancelled' | 'interrupted' | 'needs-attention';
}

/** Summaries of the sends `ids` that match the filter; `account` throws for a journal with no readable plan. */
export function historyOf(ids: string[], account: (sendId: string) => SendAccount, isRunning: (sendId: string) => boolean, f: HistoryFilter = {}) {
  const out: ReturnType<typeof summaryOf>[] = [];
  for (const id of ids) {
    let a: SendAccount;
    try {
      a = account(id);
    } catch {
      continue; // A journal with no readable plan made no request; it has nothing to show.
    }
    const s = summaryOf(a, isRunning(id));
    if (f.environmentId && s.environment.id !== f.environmentId) continue;
    if (f.campaignId && !s.campaignId.toLowerCase().includes(f.campaignId.toLowerCase())) continue;
    if (f.status === 'needs-attention' ? !needsAttention(s, a) : f.status && s.status !== f.status) continue;
    out.push(s);
  }
  return out;
}
