/** The review store over the fake host boundary (test/unit/fake-api.ts); test/e2e/approvals.spec.ts drives the real host. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fails, fakeHost, flush, ok, resetFakeHost } from './fake-api';
import type { IpcReply } from '../../shared/ipc/contract';

vi.mock('../../renderer/api/client', async (original) => (await import('./fake-api')).fakeClient(original as never));

const { useReview } = await import('../../renderer/stores/review');
const { usePreferences } = await import('../../renderer/stores/preferences');

beforeEach(() => {
  resetFakeHost();
  fakeHost.handlers['preferences.get'] = ok({ reviewer: 'Dana' });
  usePreferences.setState({ loaded: true, reviewer: 'Dana' });
});

describe('review store', () => {
  it('saves decisions in the order they were made, and the report waits until the last is saved', async () => {
    fakeHost.handlers['review.load'] = ok({ review: undefined });
    const saved: string[] = [];
    let release: (() => void) | undefined;
    fakeHost.handlers['review.save'] = async (args) => {
      const a = args as { review: { decisions: Record<string, Record<string, { status: string }>> } };
      if (!release) await new Promise<void>((r) => (release = r));
      saved.push(JSON.stringify(a.review.decisions));
      return { ok: true as const, value: {} };
    };
    await useReview.getState().load('campaigns/a.yaml');
    useReview.getState().setDecision('u1', 'n1', 'approved');
    useReview.getState().setDecision('u2', 'n1', 'flagged', 'wrong name');
    let done = false;
    void useReview
      .getState()
      .saved()
      .then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    release!();
    await flush();
    await flush();
    expect(done).toBe(true);
    expect(saved).toHaveLength(2);
    expect(Object.keys(JSON.parse(saved[1]!) as object)).toEqual(['u1', 'u2']);
  });

  it('a save the host refuses is reported with its reason, and the report does not wait forever', async () => {
    fakeHost.handlers['review.load'] = ok({ review: undefined });
    fakeHost.handlers['review.save'] = fails('forbidden', 'reviews/a.json is outside the workspace');
    await useReview.getState().load('campaigns/a.yaml');
    useReview.getState().setDecision('u1', 'n1', 'approved');
    await useReview.getState().saved();
    expect(useReview.getState().error).toBe('review not saved: reviews/a.json is outside the workspace');
    expect(useReview.getState().review.decisions.u1?.n1?.status).toBe('approved');
  });

  it('a review that cannot be read says so, and a campaign switched to meanwhile is not overwritten', async () => {
    let answer: ((r: unknown) => void) | undefined;
    fakeHost.handlers['review.load'] = (args) => ((args as { campaign: string }).campaign === 'campaigns/a.yaml' ? new Promise<IpcReply<unknown>>((r) => (answer = r as (r: unknown) => void)) : { ok: true as const, value: { review: undefined } });
    const first = useReview.getState().load('campaigns/a.yaml');
    await useReview.getState().load('campaigns/b.yaml');
    answer!({ ok: false, error: { code: 'failed', message: 'reviews/a.json is not JSON' } });
    await first;
    expect(useReview.getState()).toMatchObject({ campaign: 'campaigns/b.yaml', status: 'ready', error: undefined });
    fakeHost.handlers['review.load'] = fails('failed', 'reviews/c.json is not JSON');
    await useReview.getState().load('campaigns/c.yaml');
    expect(useReview.getState()).toMatchObject({ status: 'error', error: 'reviews/c.json is not JSON' });
  });
});
