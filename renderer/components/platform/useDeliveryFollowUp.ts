/**
 * Loads one send's delivery follow-up: the send's journal (environment, campaign, time, batches and
 * their users) from the send channels, the platform's error rows for it (`platform.deliveryErrors`)
 * and the webhook deliveries matched by external_message_id (`send.deliveries`). Re-checks on a
 * bounded schedule, and on request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelResult } from '../../../shared/ipc/contract';
import type { PlatformFailure } from '../../../shared/ipc/channels/platform';
import { call } from '../../api/client';

/** Automatic re-checks: every 15 s, at most 8 times (the platform logs errors asynchronously). */
export const FOLLOW_UP_POLL = { intervalMs: 15_000, maxPolls: 8 } as const;

type Errors = Extract<ChannelResult<'platform.deliveryErrors'>, { ok: true }>;
type Deliveries = ChannelResult<'send.deliveries'>;
type Detail = ChannelResult<'send.status'>;

export interface FollowUpState {
  loading: boolean;
  send?: Detail;
  errors?: Errors;
  failure?: PlatformFailure;
  /** A problem reading the send itself (not the platform). */
  error?: string;
  deliveries?: Deliveries;
  polls: number;
  refresh(): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The follow-up of `sendId`, refreshed automatically a bounded number of times. */
export function useDeliveryFollowUp(sendId: string): Omit<FollowUpState, 'refresh'> & { refresh(): void } {
  const [state, setState] = useState<Omit<FollowUpState, 'refresh'>>({ loading: true, polls: 0 });
  const targets = useRef(new Map<number, string[]>());
  const generation = useRef(0);

  const load = useCallback(async () => {
    const gen = generation.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const send = await call('send.status', { sendId });
      // Batches the platform may have acted on: acknowledged, or unknown (the request left).
      const acted = send.batches.filter((b) => b.state === 'acknowledged' || b.state === 'unknown');
      for (const b of acted) if (!targets.current.has(b.index)) targets.current.set(b.index, await call('send.batchTargets', { sendId, index: b.index }));
      const r = await call('platform.deliveryErrors', {
        environmentId: send.environment.id,
        campaignId: send.campaignId,
        startedAt: send.createdAt,
        finishedAt: new Date().toISOString(),
        batches: acted.map((b) => ({ index: b.index, targets: targets.current.get(b.index) ?? [] })),
      });
      let deliveries: Deliveries | undefined;
      try {
        deliveries = await call('send.deliveries', { sendId });
      } catch {
        deliveries = undefined; // no webhook receiver for this send: the platform's errors still show
      }
      if (gen !== generation.current) return;
      setState((s) => ({ loading: false, send, polls: s.polls + 1, deliveries, ...(r.ok ? { errors: r, failure: undefined } : { errors: s.errors, failure: r.failure }) }));
    } catch (e) {
      if (gen !== generation.current) return;
      setState((s) => ({ ...s, loading: false, polls: s.polls + 1, error: `The send ${sendId} could not be read: ${message(e)}` }));
    }
  }, [sendId]);

  useEffect(() => {
    generation.current++;
    targets.current = new Map();
    setState({ loading: true, polls: 0 });
    void load();
    return () => {
      // A counter, not a DOM node: the cleanup bumps the latest value so late answers are dropped.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++;
    };
  }, [load]);

  useEffect(() => {
    if (state.loading || state.error || state.polls === 0 || state.polls >= FOLLOW_UP_POLL.maxPolls) return;
    const t = setTimeout(() => void load(), FOLLOW_UP_POLL.intervalMs);
    return () => clearTimeout(t);
  }, [state.loading, state.error, state.polls, load]);

  return { ...state, refresh: () => void load() };
}
