/**
 * The renders store against the real render session (renderer/workers/render-session.ts) behind a
 * message queue that stands in for the worker's postMessage boundary: requests and replies cross it
 * asynchronously and in order, as they do between the UI thread and the render worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCampaign } from '../../shared/campaign/load';
import type { Campaign } from '../../shared/campaign/model';
import type { SendData } from '../../shared/campaign/send-data';
import { createRenderSession } from '../../renderer/workers/render-session';
import type { WorkerReply, WorkerRequest } from '../../renderer/workers/render-protocol';

const worker = vi.hoisted(() => {
  const state = {
    toWorker: [] as unknown[],
    toUi: [] as unknown[],
    /** The worker's deferred tasks (its timer), run by `drain` once no message is in flight. */
    tasks: [] as (() => void)[],
    listener: undefined as ((r: unknown) => void) | undefined,
    handle: undefined as ((m: unknown) => void) | undefined,
  };
  return state;
});

vi.mock('../../renderer/workers/render-client', () => ({
  postToWorker: (m: WorkerRequest) => void worker.toWorker.push(structuredClone(m)),
  onWorkerReply: (fn: (r: WorkerReply) => void) => {
    worker.listener = fn as (r: unknown) => void;
  },
}));

/** Delivers queued messages both ways, one at a time, until nothing is in flight (what the worker would do, without a clock). */
async function drain() {
  for (let i = 0; i < 10_000; i++) {
    await Promise.resolve();
    if (worker.toWorker.length) worker.handle!(worker.toWorker.shift());
    else if (worker.toUi.length) worker.listener!(worker.toUi.shift());
    else if (worker.tasks.length) worker.tasks.shift()!();
    else return;
  }
  throw new Error('the worker kept talking');
}

const root = join(__dirname, '..', '..', 'examples');
function example(stem: string): { campaign: Campaign; data: SendData } {
  const file = `campaigns/${stem}.yaml`;
  const loaded = loadCampaign(file, readFileSync(join(root, file), 'utf8'));
  if (!loaded.campaign) throw new Error(`${file} does not load`);
  return { campaign: loaded.campaign, data: JSON.parse(readFileSync(join(root, 'requests', `${stem}.json`), 'utf8')) as SendData };
}

/** The app's render session, answering into the fake worker's queues. */
const session = () =>
  createRenderSession(
    (m) => void worker.toUi.push(structuredClone(m)),
    (task) => void worker.tasks.push(task),
  ) as (m: unknown) => void;

const { useRenders, SEARCH_DEBOUNCE_MS } = await import('../../renderer/stores/renders');
const { useUi } = await import('../../renderer/stores/ui');

beforeEach(() => {
  vi.useFakeTimers();
  worker.toWorker.length = 0;
  worker.toUi.length = 0;
  worker.tasks.length = 0;
  worker.handle = session();
  useRenders.getState().clear();
  useUi.setState({ filter: 'all', search: '' });
});
afterEach(() => vi.useRealTimers());

describe('renders store: a report export (renderOnce)', () => {
  it('settles with the renders of the current data when an edit re-posts to the worker before the answer', async () => {
    const { campaign, data } = example('order-confirmation');
    useRenders.getState().load({ campaign, data, profiles: {}, settings: {} });
    await drain();
    expect(useRenders.getState().status).toBe('ready');

    let settled: 'pending' | 'resolved' | 'rejected' = 'pending';
    let renders: { target: string; fields: Record<string, string> }[] = [];
    const exported = useRenders.getState().renderOnce(['user_1']);
    exported.then(
      (r) => {
        settled = 'resolved';
        renders = r;
      },
      () => (settled = 'rejected'),
    );
    // The person types: the edited campaign is posted before the worker answered the export.
    const edited: Campaign = JSON.parse(JSON.stringify(campaign).replaceAll('Order', 'Your order')) as Campaign;
    useRenders.getState().load({ campaign: edited, data, profiles: {}, settings: {} });
    await drain();

    expect(settled).toBe('resolved');
    expect(renders.map((r) => r.target)).toEqual(campaign.nodes.map(() => 'user_1'));
    expect(JSON.stringify(renders)).toContain('Your order');
  });

  it('settles when the answer arrives after a newer edit was loaded', async () => {
    const { campaign, data } = example('order-confirmation');
    useRenders.getState().load({ campaign, data, profiles: {}, settings: {} });
    await drain();
    let settled = 'pending';
    useRenders
      .getState()
      .renderOnce(['user_2'])
      .then(
        () => (settled = 'resolved'),
        () => (settled = 'rejected'),
      );
    // The worker answers the export, but the edit reaches the store before that answer does.
    worker.handle!(worker.toWorker.shift());
    useRenders.getState().load({ campaign, data: { ...data, params: { ...data.params, delivery_date: 'Monday' } }, profiles: {}, settings: {} });
    await drain();
    expect(settled).toBe('resolved');
  });

  it('is refused with a clear error when no campaign is loaded, and when the campaign closes before the answer', async () => {
    await expect(useRenders.getState().renderOnce(['user_1'])).rejects.toThrow(/no campaign/i);
    const { campaign, data } = example('order-confirmation');
    useRenders.getState().load({ campaign, data, profiles: {}, settings: {} });
    await drain();
    const exported = useRenders.getState().renderOnce(['user_1']);
    useRenders.getState().clear();
    await expect(exported).rejects.toThrow(/closed/i);
  });
});

describe('renders store: the rows on screen', () => {
  it('are asked for a few at a time, top first, and every one arrives', async () => {
    const { campaign, data } = example('order-confirmation');
    const targets = Array.from({ length: 10 }, (_, i) => `user_${i + 1}`);
    const wide = { ...data, target: targets };
    useRenders.getState().load({ campaign, data: wide, profiles: {}, settings: {} });
    await drain();
    const asked: string[][] = [];
    const handle = worker.handle!;
    worker.handle = (m) => {
      if ((m as WorkerRequest).type === 'render') asked.push((m as WorkerRequest & { type: 'render' }).targets);
      handle(m);
    };
    useRenders.getState().want('matrix', targets);
    await drain();
    // Each answer is a task of its own on the UI thread: the window draws between them.
    expect(asked).toEqual([targets.slice(0, 4), targets.slice(4, 8), targets.slice(8)]);
    const rows = useRenders.getState().rows;
    for (const t of targets)
      expect(
        rows[t]?.map((r) => r.node),
        t,
      ).toEqual(campaign.nodes.map((n) => n.key));
  });
});

describe("renders store: the rows shown follow the view's one filter and search", () => {
  it('a search typed in the view shows only the matching user once typing pauses, and clearing it shows all', async () => {
    const { campaign, data } = example('order-confirmation');
    useRenders.getState().load({ campaign, data, profiles: {}, settings: {} });
    await drain();
    useUi.getState().set({ search: 'user' });
    useUi.getState().set({ search: 'user_3' });
    await drain();
    // Still typing: nothing asked yet.
    expect(worker.toWorker).toEqual([]);
    expect(useRenders.getState().indices).toBeNull();
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(worker.toWorker.filter((m) => (m as WorkerRequest).type === 'query')).toHaveLength(1);
    await drain();
    expect([...useRenders.getState().indices!]).toEqual([2]);
    useUi.getState().set({ search: '' });
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS);
    expect(useRenders.getState().indices).toBeNull();
  });

  it('an edit keeps the search applied to the new data, with no second copy of it to sync', async () => {
    const { campaign, data } = example('order-confirmation');
    useUi.getState().set({ search: 'gold' });
    useRenders.getState().load({ campaign, data, profiles: {}, settings: {} });
    await drain();
    expect([...useRenders.getState().indices!]).toEqual([2]);
    const fewer: SendData = { ...data, target: ['user_3', 'user_1'] };
    useRenders.getState().load({ campaign, data: fewer, profiles: {}, settings: {} });
    await drain();
    expect([...useRenders.getState().indices!]).toEqual([0]);
  });

  it('"with problems" waits for the scan, then lists the user with no order data', async () => {
    const { campaign, data } = example('order-confirmation');
    const broken: SendData = { ...data, target: [...data.target, 'user_4'] };
    useRenders.getState().load({ campaign, data: broken, profiles: {}, settings: {} });
    await drain();
    useUi.getState().set({ filter: 'problems' });
    await drain();
    vi.advanceTimersByTime(1000);
    await drain();
    vi.advanceTimersByTime(1000);
    await drain();
    expect(useRenders.getState().scan.status).toBe('done');
    expect([...useRenders.getState().indices!]).toContain(3);
  });
});

describe('renders store: the data set crosses to the worker once (issue 13)', () => {
  it('a keystroke posts the campaign only, a params change its edit, and the renders follow both', async () => {
    const { campaign, data } = example('order-confirmation');
    const profiles = {};
    useRenders.getState().load({ campaign, data, profiles, settings: {} });
    const first = worker.toWorker[0] as WorkerRequest & { type: 'load' };
    expect(first.data).toEqual(data);
    await drain();

    const edited: Campaign = JSON.parse(JSON.stringify(campaign).replaceAll('Order', 'Your order')) as Campaign;
    useRenders.getState().load({ campaign: edited, data, profiles, settings: {} });
    const keystroke = worker.toWorker[0] as WorkerRequest & { type: 'load' };
    expect(keystroke).not.toHaveProperty('data');
    expect(keystroke).not.toHaveProperty('edits');
    expect(keystroke).not.toHaveProperty('profiles');
    await drain();

    const withParams = { ...data, params: { ...data.params, delivery_date: 'Someday-Monday' } };
    useRenders.getState().load({ campaign: edited, data: withParams, profiles, settings: {} });
    const edit = worker.toWorker[0] as WorkerRequest & { type: 'load' };
    expect(edit).not.toHaveProperty('data');
    expect(edit.edits).toEqual([{ kind: 'params', params: withParams.params }]);
    await drain();

    const renders = await (async () => {
      const p = useRenders.getState().renderOnce([data.target[0]!]);
      await drain();
      return p;
    })();
    expect(JSON.stringify(renders)).toContain('Your order');
    expect(JSON.stringify(renders)).toContain('Someday-Monday');
    // The same as a worker given the edited data whole.
    worker.handle = session();
    useRenders.getState().load({ campaign: edited, data: structuredClone(withParams), profiles: {}, settings: {} });
    await drain();
    const whole = useRenders.getState().renderOnce([data.target[0]!]);
    await drain();
    expect(await whole).toEqual(renders);
  });
});
