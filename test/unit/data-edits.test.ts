/**
 * Data crosses each boundary once (issue 13): the edit module every side applies
 * (shared/data/edits.ts), the host's held data (host/held-data.ts) behind `data.set`/`data.edit`,
 * and `send.prepare` naming the data by revision, through the real dispatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEdits, editsBetween, type DataEdit } from '../../shared/data/edits';
import type { SendData } from '../../shared/campaign/send-data';
import { HeldData } from '../../host/held-data';
import { HandlerError } from '../../host/ipc/dispatch';
import type { SendDraft } from '../../shared/ipc/channels/send';
import { startSendHost, value, type SendHost } from '../fixtures/host-calls';
import { createWorkerData } from '../../renderer/workers/worker-data';

const keyed = (): SendData => ({ target_by: 'user_id', target: ['u1', 'u2', 'u3'], params: { promo: 'A' }, target_with_params: { u1: { code: 'C1' }, u2: { code: 'C2' } } });
const columns = (): SendData => ({
  target_by: 'user_id',
  target: ['u1', 'u2'],
  params: {},
  target_with_params: {
    kind: 'columns',
    columns: ['code'],
    at: [1],
    ids: ['u1', 'u2'],
    rows: [
      ['u1', 'C1'],
      ['u2', 'C2'],
    ],
  },
});

describe('data edits (shared/data/edits.ts)', () => {
  it('each kind changes what it names, and the data given stays as it was', () => {
    const d = keyed();
    const before = structuredClone(d);
    const edits: DataEdit[] = [
      { kind: 'param', name: 'match', value: 'X v Y' },
      { kind: 'param', name: 'promo' },
      { kind: 'user-value', user: 'u3', name: 'code', value: 'C3' },
      { kind: 'user-value', user: 'u1', name: 'code' },
      { kind: 'add-user', user: 'u4', values: { code: 'C4' } },
      { kind: 'remove-user', user: 'u2' },
      { kind: 'target-by', targetBy: 'email' },
    ];
    const r = applyEdits(d, edits);
    expect(r.ok && r.data).toEqual({ target_by: 'email', target: ['u1', 'u3', 'u4'], params: { match: 'X v Y' }, target_with_params: { u1: {}, u3: { code: 'C3' }, u4: { code: 'C4' } } });
    expect(d).toEqual(before);
  });

  it('a user named __proto__ stays a user through an edit', () => {
    const r = applyEdits(keyed(), [{ kind: 'add-user', user: '__proto__', values: { code: 'P' } }]);
    expect(r.ok && Object.keys(r.data.target_with_params)).toContain('__proto__');
    expect(r.ok && (r.data.target_with_params as Record<string, unknown>)['__proto__']).toEqual({ code: 'P' });
  });

  it('removing a user of a table import drops its row; editing one cell of it is refused with the reason', () => {
    const r = applyEdits(columns(), [{ kind: 'remove-user', user: 'u1' }]);
    expect(r.ok && r.data.target).toEqual(['u2']);
    expect(r.ok && r.data.target_with_params).toMatchObject({ ids: ['u2'], rows: [['u2', 'C2']] });
    const bad = applyEdits(columns(), [{ kind: 'user-value', user: 'u1', name: 'code', value: 'X' }]);
    expect(bad.ok).toBe(false);
  });

  it('an edit that does not fit gives its index and field, and none of the list is applied', () => {
    const d = keyed();
    for (const [edit, path, message] of [
      [{ kind: 'remove-user', user: 'nobody' }, 'edits.1.user', /"nobody" is not a target/],
      [{ kind: 'add-user', user: 'u1' }, 'edits.1.user', /"u1" is a target already/],
      [{ kind: 'user-value', user: 'nobody', name: 'code', value: 1 }, 'edits.1.user', /not a target/],
      [{ kind: 'param', name: 'absent' }, 'edits.1.name', /no param "absent"/],
    ] as const) {
      const r = applyEdits(d, [{ kind: 'param', name: 'x', value: 1 }, edit as DataEdit]);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.index).toBe(1);
      expect(r.error.path).toBe(path);
      expect(r.error.message).toMatch(message);
    }
    expect(d).toEqual(keyed());
  });

  it('editsBetween finds params and target attribute changes of the same set, and none for a new set', () => {
    const d = keyed();
    const after = { ...d, params: { promo: 'B' }, target_by: 'email' };
    const edits = editsBetween(d, after)!;
    expect(edits.map((e) => e.kind).sort()).toEqual(['params', 'target-by']);
    const r = applyEdits(d, edits);
    expect(r.ok && r.data).toEqual(after);
    expect(editsBetween(d, d)).toEqual([]);
    expect(editsBetween(d, keyed())).toBeUndefined();
  });

  it('the host and the render worker applying the same edits hold equal data', () => {
    const d = keyed();
    const held = new HeldData();
    const worker = createWorkerData();
    let rev = held.set(d);
    worker.set(d);
    const steps: DataEdit[][] = [
      [{ kind: 'params', params: { promo: 'B' } }],
      [{ kind: 'add-user', user: 'u9', values: { code: 'C9' } }],
      [
        { kind: 'remove-user', user: 'u1' },
        { kind: 'target-by', targetBy: 'external_id' },
      ],
    ];
    for (const edits of steps) {
      rev = held.edit(rev, edits);
      worker.edit(edits);
      expect(worker.data()).toEqual(held.get(rev));
    }
    expect(held.get(rev).target).toEqual(['u2', 'u3', 'u9']);
  });
});

describe('held data (host/held-data.ts)', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof HandlerError ? e.ipcCode : 'thrown';
    }
    return 'none';
  };

  it('each edit names the next revision; the older one is stale', () => {
    const held = new HeldData();
    const r0 = held.set(keyed());
    const r1 = held.edit(r0, [{ kind: 'param', name: 'promo', value: 'B' }]);
    expect(r1).not.toBe(r0);
    expect(held.get(r1).params).toEqual({ promo: 'B' });
    expect(codeOf(() => held.get(r0))).toBe('stale-data');
    expect(codeOf(() => held.edit(r0, [{ kind: 'param', name: 'x', value: 1 }]))).toBe('stale-data');
    expect(codeOf(() => held.get('99.0'))).toBe('stale-data');
    expect(codeOf(() => held.get('not a revision'))).toBe('stale-data');
  });

  it('an edit that does not fit is refused with its place and the held data is unchanged', () => {
    const held = new HeldData();
    const r0 = held.set(keyed());
    try {
      held.edit(r0, [{ kind: 'remove-user', user: 'nobody' }]);
      expect.unreachable();
    } catch (e) {
      expect((e as HandlerError).ipcCode).toBe('invalid-arguments');
      expect((e as HandlerError).issues).toEqual([{ path: 'edits.0.user', message: '"nobody" is not a target' }]);
    }
    expect(held.get(r0)).toEqual(keyed());
  });

  it('a set over the size limit is refused as too-large; older sets are dropped for room', () => {
    const held = new HeldData({ targets: 5, sets: 2 });
    expect(codeOf(() => held.set({ ...keyed(), target: ['a', 'b', 'c', 'd', 'e', 'f'] }))).toBe('too-large');
    const a = held.set(keyed());
    const b = held.set(columns());
    expect(held.get(a).target).toHaveLength(3);
    const c = held.set(columns());
    // 3 + 2 + 2 targets is over 5: the set used longest ago went.
    expect(codeOf(() => held.get(a))).toBe('stale-data');
    expect(held.get(b).target).toHaveLength(2);
    expect(held.get(c).target).toHaveLength(2);
  });
});

describe('data.set, data.edit and send.prepare by revision, through the dispatch', () => {
  let host: SendHost;
  const call = <T = unknown>(channel: string, args: unknown) => host.call<T>(channel, args);
  const prepareArgs = { environmentId: 'sandbox', campaignFile: 'campaigns/CLEAN.yaml', batchSize: 2 };

  beforeAll(async () => {
    host = await startSendHost('preflight-held-');
  });
  afterAll(() => host.close());

  const bodiesOf = async (d: SendDraft) => {
    const out = [];
    for (let i = 0; i < d.batchCount; i++) out.push((await value(call<{ body: unknown }>('send.body', { draftId: d.draftId, index: i }))).body);
    // Each draft has its own send id, which the bodies' message ids carry.
    return JSON.parse(JSON.stringify(out).split(d.draftId).join('<send id>'));
  };

  it('a prepare naming the held data plans the same batches, bodies and verdict as one carrying it', async () => {
    const edited = { ...keyed(), params: { promo: 'B' } };
    const byData = await value(call<SendDraft>('send.prepare', { ...prepareArgs, data: edited }));
    const { dataRevision: r0 } = await value(call<{ dataRevision: string }>('data.set', { data: keyed() }));
    const { dataRevision: r1 } = await value(call<{ dataRevision: string }>('data.edit', { dataRevision: r0, edits: [{ kind: 'params', params: { promo: 'B' } }] }));
    const byRevision = await value(call<SendDraft>('send.prepare', { ...prepareArgs, dataRevision: r1 }));
    expect(byRevision.recipients).toBe(3);
    expect(byRevision.verdict).toEqual(byData.verdict);
    expect(byRevision.batchCount).toBe(byData.batchCount);
    expect(await bodiesOf(byRevision)).toEqual(await bodiesOf(byData));
  });

  it('a stale revision is the typed stale-data error; a prepare must name its data exactly once', async () => {
    const { dataRevision: r0 } = await value(call<{ dataRevision: string }>('data.set', { data: keyed() }));
    await value(call('data.edit', { dataRevision: r0, edits: [{ kind: 'param', name: 'x', value: 1 }] }));
    const stale = await call('send.prepare', { ...prepareArgs, dataRevision: r0 });
    expect(!stale.ok && stale.error.code).toBe('stale-data');
    const both = await call('send.prepare', { ...prepareArgs, dataRevision: r0, data: keyed() });
    expect(!both.ok && both.error.code).toBe('invalid-arguments');
    const neither = await call('send.prepare', prepareArgs);
    expect(!neither.ok && neither.error.code).toBe('invalid-arguments');
  });

  it('bad edits and bad data are refused with their place', async () => {
    const { dataRevision } = await value(call<{ dataRevision: string }>('data.set', { data: keyed() }));
    const unknownKind = await call('data.edit', { dataRevision, edits: [{ kind: 'rename-everyone' }] });
    expect(!unknownKind.ok && unknownKind.error.code).toBe('invalid-arguments');
    const noFit = await call('data.edit', { dataRevision, edits: [{ kind: 'add-user', user: 'u1' }] });
    expect(!noFit.ok && noFit.error.issues).toEqual([{ path: 'edits.0.user', message: '"u1" is a target already' }]);
    const badSet = await call('data.set', { data: { target: 'u1' } });
    expect(!badSet.ok && badSet.error.code).toBe('invalid-arguments');
    expect(await value(call<{ dataRevision: string }>('data.edit', { dataRevision, edits: [{ kind: 'param', name: 'x', value: 1 }] }))).toEqual({ dataRevision: dataRevision.replace(/\.0$/, '.1') });
  });
});
