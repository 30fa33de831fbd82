/**
 * Review state of the selected campaign: decisions per user × node, loaded from and saved to the
 * workspace (reviews/<stem>.json) through the host. Saves are queued so they land in order.
 */
import { create } from 'zustand';
import { decide, emptyReview, type Decision, type ReviewFile } from '../../shared/review/model';
import { call } from '../api/client';

interface ReviewState {
  campaign?: string;
  review: ReviewFile;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  load(campaign: string): Promise<void>;
  /** Approves, flags (with a comment) or clears one cell, and saves. */
  setDecision(target: string, node: string, status: Decision['status'] | undefined, comment?: string): void;
}

let saving: Promise<unknown> = Promise.resolve();

export const useReview = create<ReviewState>((set, get) => ({
  review: emptyReview(''),
  status: 'idle',
  async load(campaign) {
    set({ campaign, status: 'loading', review: emptyReview(campaign), error: undefined });
    try {
      const r = await call('review.load', { campaign });
      if (get().campaign !== campaign) return;
      set({ status: 'ready', review: r.review ?? emptyReview(campaign), error: r.error });
    } catch (e) {
      set({ status: 'error', error: (e as Error).message });
    }
  },
  setDecision(target, node, status, comment) {
    const { campaign, review } = get();
    if (!campaign) return;
    const next = decide(review, target, node, status ? { status, at: new Date().toISOString(), ...(comment ? { comment } : {}) } : undefined);
    set({ review: next });
    saving = saving.then(() => call('review.save', { campaign, review: next })).catch((e: Error) => set({ error: `review not saved: ${e.message}` }));
  },
}));

/** The decision of one cell. */
export const useDecision = (target: string, node: string) => useReview((s) => s.review.decisions[target]?.[node]);

/** Waits for queued review saves (before export). */
export const reviewSaved = () => saving;
