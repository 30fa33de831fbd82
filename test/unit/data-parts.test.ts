/**
 * A data set in parts (shared/data/parts.ts; issue 15, the window at a million targets): cut and
 * joined again it is the same set, whichever shape its per-user values have; parts that do not fit
 * together are refused with the part named; and every boundary that carries a big set in parts
 * ends with the same data as one carrying it whole — the import worker's replies as the app's import
 * client joins them, the render worker's session, and the host's `data.part` through the real dispatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendData } from '../../shared/campaign/send-data';
import { isPackedColumns, isTableValues, toRecord, usersWithValuesCount } from '../../shared/campaign/per-user';
import { createJoin, crossesInParts, headOf, partOf, partsOf, PART_USERS, PartError } from '../../shared/data/parts';
import type { SendDraft } from '../../shared/ipc/channels/send';
import { startSendHost, value, type SendHost } from '../fixtures/host-calls';
import { createImportSession } from '../../renderer/workers/import-session';
import { createReplyJoin } from '../../renderer/workers/import-client';
import type { ImportReply } from '../../renderer/workers/import-protocol';
import { createRenderSession } from '../../renderer/workers/render-session';
import type { WorkerReply, WorkerRequest } from '../../renderer/workers/render-protocol';
import type { Campaign } from '../../shared/campaign/model';
import { readImport } from '../../shared/targets/import';

function columns(n: number): SendData {
  const ids: string[] = [];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    ids.push(`u${i}`);
    rows.push([`u${i}`, i % 7 ? `C${i}` : '', `x${i}`]);
  }
  return { target_by: 'user_id', target: ids.slice(), params: { promo: 'A' }, target_with_params: { kind: 'columns', columns: ['code'], at: [1], ids, rows } };
}

function keyed(n: number): SendData {
  const target: string[] = [];
  const values: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < n; i++) {
    target.push(`u${i}`);
    if (i % 3) values[`u${i}`] = { code: `C${i}`, n: i };
  }
  // Keys are data: a user named __proto__, and per-user values of a user not in the targets.
  target.push('__proto__');
  Object.defineProperty(values, '__proto__', { value: { code: 'P' }, enumerable: true, writable: true, configurable: true });
  values['stray'] = { code: 'S' };
  return { target_by: 'email', target, params: { promo: 'B' }, target_with_params: values };
}

/** Cut into parts, each copied as a message would copy it, and joined again. */
function roundTrip(data: SendData, size?: number): SendData {
  const head = structuredClone(headOf(data, size));
  const j = createJoin(head);
  for (const p of partsOf(data, size)) j.add(structuredClone(p));
  return j.done();
}

const own = (o: object) => Object.keys(o).map((k) => [k, (o as Record<string, unknown>)[k]]);

/**
 * The same set: targets, target attribute, params and every user's values (a table's values are
 * joined packed, so a table is compared by what it holds, not by its shape).
 */
function expectSameSet(back: SendData, d: SendData): void {
  expect(back.target).toEqual(d.target);
  expect(back.target_by).toBe(d.target_by);
  expect(back.params).toEqual(d.params);
  expect(isTableValues(back.target_with_params)).toBe(isTableValues(d.target_with_params));
  expect(own(toRecord(back.target_with_params))).toEqual(own(toRecord(d.target_with_params)));
}

describe('a data set in parts (shared/data/parts.ts)', () => {
  it('cut and joined again is the same set: columns, keyed with __proto__ and a stray user, empty, one part', () => {
    for (const d of [columns(25_001), columns(3), keyed(23_456), keyed(0)]) {
      const back = roundTrip(d);
      expectSameSet(back, d);
      if (isTableValues(d.target_with_params)) {
        // A table is held packed, its ids the targets' own list; packed and cut again it is the very same.
        expect(isPackedColumns(back.target_with_params)).toBe(true);
        expect((back.target_with_params as { ids: string[] }).ids).toBe(back.target);
        expect(roundTrip(back)).toEqual(back);
        expect(roundTrip(back, 7)).toEqual(back);
      } else expect(back).toEqual(d);
    }
    // Ids that are not the targets (a row left out of the targets keeps its id in the table) travel with their part.
    const d = columns(40);
    const strayIds = { ...d, target: d.target.filter((t) => t !== 'u5') };
    const back = roundTrip(strayIds, 16);
    expect((back.target_with_params as { ids: string[] }).ids).toEqual((d.target_with_params as { ids: string[] }).ids);
    expectSameSet(back, strayIds);
    expect(headOf(columns(25_001)).parts).toBe(Math.ceil(25_001 / PART_USERS));
    expect(crossesInParts(columns(PART_USERS))).toBe(false);
    expect(crossesInParts(columns(PART_USERS + 1))).toBe(true);
    expect(own(roundTrip(keyed(20), 4).target_with_params).map(([k]) => k)).toContain('__proto__');
  });

  it('parts that do not fit are refused with the part named: past the count, another shape, a user twice, missing parts, over the limit', () => {
    const d = columns(30);
    const head = headOf(d, 10);
    const j = createJoin(head);
    for (let i = 0; i < 3; i++) j.add(partOf(d, i, 10));
    expect(() => j.add(partOf(d, 0, 10))).toThrow('part 4: the data set has 3 part(s); this one is past them');

    expect(() => createJoin(head).add(partOf(keyed(5), 0))).toThrow('part 1: its per-user values are keyed, the head says columns');

    // A table part whose cells do not match their lengths, or whose lengths are not one per user and column.
    const p0 = partOf(d, 0, 10) as { target: string[]; values: { cells: string; lengths: number[] } };
    expect(() => createJoin(head).add({ ...p0, values: { ...p0.values, cells: p0.values.cells + 'x' } })).toThrow(/^part 1: its cells do not fit: its cell lengths add up to \d+, its cells are \d+ characters long$/);
    expect(() => createJoin(head).add({ ...p0, values: { ...p0.values, lengths: p0.values.lengths.slice(1) } })).toThrow('part 1: its cells do not fit: it has 9 cell length(s) for 10 user(s) × 1 column(s)');

    const k = keyed(10);
    const kj = createJoin(headOf(k, 4));
    kj.add(partOf(k, 0, 4));
    expect(() => kj.add(partOf(k, 0, 4))).toThrow(/^part 2: the user "u1" has per-user values in an earlier part too$/);

    const short = createJoin(head);
    short.add(partOf(d, 0, 10));
    expect(() => short.done()).toThrow('part 2: the data set has 3 part(s) and 1 arrived');

    const limited = createJoin(head, 15);
    limited.add(partOf(d, 0, 10));
    let error: unknown;
    try {
      limited.add(partOf(d, 1, 10));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartError);
    expect((error as PartError).tooLarge).toBe(true);
  });
});

describe('every boundary that carries a big set in parts ends with the same data', () => {
  it("the import worker's replies, joined as the app's import client joins them, hold the built data of a direct read", () => {
    const lines = ['user_id,code,tier'];
    for (let i = 0; i < 25_000; i++) lines.push(`u${i},C${i},${i % 4 ? 'gold' : ''}`);
    const text = lines.join('\n');
    const replies: ImportReply[] = [];
    const take = createReplyJoin();
    const raw: ImportReply[] = [];
    const handle = createImportSession((m) => {
      raw.push(m);
      const whole = take(structuredClone(m));
      if (whole) replies.push(whole);
    });
    handle({ type: 'parse', seq: 1, input: { file: 'big.csv', text }, targetBy: 'user_id' });
    const parsed = replies.find((r) => r.type === 'parsed');
    if (parsed?.type !== 'parsed') throw new Error('not parsed');
    // It did cross in parts, and no single message carried the whole set.
    expect(raw.filter((m) => m.type === 'built-part')).toHaveLength(Math.ceil(25_000 / PART_USERS));
    const direct = readImport(text, { file: 'big.csv', targetBy: 'user_id' }).built!;
    expect(parsed.result.built?.target).toHaveLength(25_000);
    expect(parsed.result.built?.target).toEqual(direct.target);
    expectSameSet({ ...parsed.result.built!, target_by: 'user_id', params: {} } as SendData, { ...direct, target_by: 'user_id', params: {} } as SendData);
    expect(isPackedColumns(parsed.result.built!.target_with_params)).toBe(true);
    expect(usersWithValuesCount(parsed.result.built!.target_with_params)).toBe(25_000);

    // A remap crosses the same way.
    handle({ type: 'remap', seq: 2, mapping: { idColumn: 'user_id', paramColumns: ['tier'] } as never, targetBy: 'user_id' });
    const built = replies.find((r) => r.type === 'built');
    if (built?.type !== 'built') throw new Error(`not built: ${JSON.stringify(replies.at(-1)).slice(0, 300)}`);
    expect(built.built.target).toEqual(parsed.result.built!.target);
    expect(usersWithValuesCount(built.built.target_with_params)).toBe(18_750);
  });

  it("the render worker's session loads a set posted in parts as it loads the set posted whole", () => {
    const campaign: Campaign = { name: 'P', id: 'P', type: 'single-stage', target_by: 'user_id', nodes: [{ key: 'sms', channel: 'sms', content: { from: 'P', text: 'Hi {{ code }} {{ promo }}' } }] } as never;
    const data = columns(21_000);
    const run = (requests: WorkerRequest[]) => {
      const out: WorkerReply[] = [];
      const later: (() => void)[] = [];
      const handle = createRenderSession(
        (m) => void out.push(structuredClone(m)),
        (task) => void later.push(task),
      );
      for (const r of requests) handle(structuredClone(r));
      while (later.length) later.shift()!();
      return out;
    };
    const probe = ['u0', 'u7', 'u20999'];
    const whole = run([
      { type: 'load', gen: 1, campaign, data, profiles: {}, settings: {} },
      { type: 'render', id: 1, gen: 1, targets: probe },
    ]);
    const head = headOf(data);
    const inParts = run([
      { type: 'data-head', gen: 1, head },
      ...Array.from({ length: head.parts }, (_, i): WorkerRequest => ({ type: 'data-part', gen: 1, part: partOf(data, i) })),
      { type: 'load', gen: 1, campaign, profiles: {}, settings: {}, dataInParts: true },
      { type: 'render', id: 1, gen: 1, targets: probe },
    ]);
    const strip = (r: WorkerReply[]) => r.map((m) => (m.type === 'loaded' ? { ...m, ms: 0 } : m));
    expect(strip(inParts)).toEqual(strip(whole));
    // The rows asked for with the load come first, then the campaign checks.
    expect(inParts.map((m) => m.type)).toEqual(['rendered', 'loaded']);
    // A load naming parts it never got is an error reply, not a crash.
    expect(run([{ type: 'load', gen: 2, campaign, profiles: {}, settings: {}, dataInParts: true }])).toEqual([expect.objectContaining({ type: 'error', gen: 2 })]);
  });

  describe("the host's data.part, through the real dispatch", () => {
    let host: SendHost;
    const call = <T = unknown>(channel: string, args: unknown) => host.call<T>(channel, args);
    async function upload(data: SendData): Promise<string> {
      const head = headOf(data);
      let id: string | undefined;
      for (let index = 0; index < head.parts; index++) {
        const r = await value(call<{ upload: string; dataRevision?: string }>('data.part', { index, part: partOf(data, index), ...(id ? { upload: id } : { head }) }));
        if (index < head.parts - 1) expect(r.dataRevision).toBeUndefined();
        else return r.dataRevision!;
        id = r.upload;
      }
      throw new Error('no revision');
    }

    beforeAll(async () => {
      host = await startSendHost('preflight-parts-');
    });
    afterAll(() => host.close());

    it('a set posted in parts plans the same send as the set posted whole, in both shapes', async () => {
      const prepare = { environmentId: 'sandbox', campaignFile: 'campaigns/CLEAN.yaml', batchSize: 5000 };
      for (const data of [columns(22_222), keyed(21_000)]) {
        const byParts = await value(call<SendDraft>('send.prepare', { ...prepare, dataRevision: await upload(data) }));
        const { dataRevision } = await value(call<{ dataRevision: string }>('data.set', { data }));
        const whole = await value(call<SendDraft>('send.prepare', { ...prepare, dataRevision }));
        expect(byParts.recipients).toBe(whole.recipients);
        expect(byParts.batchCount).toBe(whole.batchCount);
        expect(byParts.verdict).toEqual(whole.verdict);
        for (const index of [0, byParts.batchCount - 1]) {
          const a = await value(call<{ body: unknown }>('send.body', { draftId: byParts.draftId, index }));
          const b = await value(call<{ body: unknown }>('send.body', { draftId: whole.draftId, index }));
          expect(JSON.stringify(a.body).split(byParts.draftId).join('<id>')).toBe(JSON.stringify(b.body).split(whole.draftId).join('<id>'));
        }
      }
    });

    it('parts out of order, without their head or upload, of another shape, or for an upload not held are refused with the reason', async () => {
      const data = columns(30_000);
      const head = headOf(data);
      const refused = async (args: unknown) => {
        const r = await call('data.part', args);
        if (r.ok) throw new Error('accepted');
        return r.error;
      };
      expect((await refused({ index: 0, part: partOf(data, 0) })).issues).toEqual([{ path: 'head', message: 'the first part carries the head' }]);
      expect((await refused({ index: 1, head, part: partOf(data, 1) })).code).toBe('invalid-arguments');
      expect((await refused({ index: 1, upload: 'f'.repeat(32), part: partOf(data, 1) })).code).toBe('stale-data');
      expect((await refused({ index: 0, head: { ...head, parts: 0 }, part: partOf(data, 0) })).code).toBe('invalid-arguments');

      const { upload: id } = await value(call<{ upload: string }>('data.part', { index: 0, head, part: partOf(data, 0) }));
      const skipped = await refused({ index: 2, upload: id, part: partOf(data, 2) });
      expect(skipped).toMatchObject({ code: 'invalid-arguments', message: 'the data set cannot be joined: part 3: part 2 comes next' });
      // A refused part ends its upload: the set is posted again from the start.
      expect((await refused({ index: 1, upload: id, part: partOf(data, 1) })).code).toBe('stale-data');

      const { upload: id2 } = await value(call<{ upload: string }>('data.part', { index: 0, head, part: partOf(data, 0) }));
      expect((await refused({ index: 1, upload: id2, part: partOf(keyed(3), 0) })).message).toContain('its per-user values are keyed, the head says columns');
    });
  });
});
