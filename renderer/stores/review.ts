/**
 * Review state of the selected campaign: decisions per user × node, loaded from and saved to the
 * workspace (reviews/<stem>.json) through the host. Saves are queued so they land in order.
 */
import { create } from 'zustand';
import { decide, emptyReview, reviewMark, type Decision, type ReviewFile } from '../../shared/review/model';
import { dataFingerprint, outputFingerprint } from '../../shared/review/fingerprint';
import { call } from '../api/client';
import { requester } from './request';
import { getCampaignDataSource } from './data';
import { usePreferences } from './preferences';
import { useRenders } from './renders';

interface ReviewState {
  campaign?: string;
  review: ReviewFile;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  load(campaign: string): Promise<void>;
  /**
   * Approves, flags (with a comment) or clears one cell, and saves. The mark records who made it
   * and fingerprints of the render on screen and of the data it used, so a later change shows.
   */
  setDecision(target: string, node: string, status: Decision['status'] | undefined, comment?: string): void;
  /** Resolves once every decision made so far is saved (or its failure recorded): the report waits for it. */
  saved(): Promise<void>;
}

export const useReview = create<ReviewState>((set, get) => {
  const request = requester<ReviewState>(set);
  /** The queue of saves, so they land in order (this store's, not the module's). */
  let saving: Promise<unknown> = Promise.resolve();
  return {
    review: emptyReview(''),
    status: 'idle',
    async load(campaign) {
      set({ campaign, status: 'loading', review: emptyReview(campaign) });
      // Marks are signed with the reviewer's name: have it before the first one.
      if (!usePreferences.getState().loaded) void usePreferences.getState().load();
      const r = await request(() => call('review.load', { campaign }), { stale: () => get().campaign !== campaign });
      if (get().campaign !== campaign) return;
      set(r ? { status: 'ready', review: r.review ?? emptyReview(campaign), error: r.error } : { status: 'error' });
    },
    setDecision(target, node, status, comment) {
      const { campaign, review } = get();
      if (!campaign) return;
      const render = useRenders.getState().rows[target]?.find((r) => r.node === node);
      const by = usePreferences.getState().reviewer;
      const source = getCampaignDataSource(campaign);
      const decision: Decision | undefined = status
        ? {
            status,
            at: new Date().toISOString(),
            ...(comment ? { comment } : {}),
            ...(by ? { by } : {}),
            ...(render ? { output: outputFingerprint(render), data: dataFingerprint(render) } : {}),
            ...(source ? { source } : {}),
          }
        : undefined;
      const next = decide(review, target, node, decision);
      set({ review: next });
      saving = saving.then(() => request(() => call('review.save', { campaign, review: next }), { keepError: true, prefix: 'review not saved' }));
    },
    saved: () => saving.then(() => undefined),
  };
});

/** The decision of one cell. */
export const useDecision = (target: string, node: string) => useReview((s) => s.review.decisions[target]?.[node]);

/** The mark a cell shows now: its decision, or `changed` when the approved render is no longer the one on screen. */
export function useReviewMark(target: string, node: string) {
  const decision = useDecision(target, node);
  const render = useRenders((s) => s.rows[target]?.find((r) => r.node === node));
  return { decision, mark: reviewMark(decision, render), render };
}
