// Per-user values in their two shapes (keyed objects and columns from a table import) must mean the
// same thing to everything that reads them: rendering, send bodies, counts, exports, IPC.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  NO_VALUE,
  createPackedBuilder,
  hasUser,
  isPackedColumns,
  isParamColumns,
  packedSlice,
  usersWithValuesCount,
  withoutUser,
  ownValue,
  ownValues,
  perUserKeys,
  toRecord,
  usersWithKey,
  usersWithValues,
  valuesFor,
  type ParamColumns,
  type PerUserValues,
} from '../../shared/campaign/per-user';
import { resolveValue, type SendData } from '../../shared/campaign/send-data';
import { buildTargets, defaultMapping, parseTable } from '../../shared/targets';
import { IdSet } from '../../shared/targets/id-set';
import { bodiesOf, planSend } from '../../shared/send/plan';
import { sendDataSchema } from '../../shared/ipc/schemas';
import { testSendData } from '../../host/send/drafts';

/** The keyed shape the platform documents, built the obvious way from a header and rows. */
function keyedFrom(columns: string[], rows: string[][]): { target: string[]; keyed: Record<string, Record<string, unknown>> } {
  const target: string[] = [];
  const keyed: Record<string, Record<string, unknown>> = {};
  for (const row of rows) {
    const id = (row[0] as string).trim();
    if (id === '' || target.includes(id)) continue;
    target.push(id);
    for (let c = 1; c < columns.length; c++) {
      if (row[c] === '') continue;
      if (!Object.prototype.hasOwnProperty.call(keyed, id)) Object.defineProperty(keyed, id, { value: {}, enumerable: true, writable: true, configurable: true });
      const own = keyed[id]!;
      Object.defineProperty(own, columns[c]!, { value: row[c], enumerable: true, writable: true, configurable: true });
    }
  }
  return { target, keyed };
}

/** Columns packed as a set crossing in parts packs them: in slices of `size` users, into chunks of `chunkUsers`. */
function packed(v: ParamColumns, size: number, chunkUsers: number): PerUserValues {
  const b = createPackedBuilder(v.columns, chunkUsers);
  for (let from = 0; from < v.ids.length; from += size) {
    const s = packedSlice(v, from, from + size);
    expect(b.add(v.ids.slice(from, from + size), s.cells, s.lengths)).toBeUndefined();
  }
  return b.done();
}

function csv(columns: string[], rows: string[][]): string {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return [columns, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

const cell = fc.oneof(
  fc.constant(''),
  fc.constantFrom('a', 'b', 'x y', '0', '00123', '__proto__'),
  fc.string({ maxLength: 4 }).filter((s) => s.trim() === s),
);
const idCell = fc.oneof(
  fc.constantFrom('u1', 'u2', 'u3', '__proto__', 'constructor', 'kind', ''),
  fc.string({ minLength: 1, maxLength: 4 }).filter((s) => s.trim() === s && s !== ''),
);

describe('per-user values as columns', () => {
  test('a string table import yields columns that read exactly like the keyed object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 12 }), fc.array(idCell, { maxLength: 12 }), (nParams, cells, ids) => {
        const columns = ['user_id', 'p1', 'p2', 'kind', '__proto__'].slice(0, nParams + 1);
        const rows = cells.slice(0, ids.length).map((r, i) => [ids[i] as string, ...r.slice(0, nParams)]);
        if (rows.length === 0) return;
        const table = parseTable(csv(columns, rows), { file: 'p.csv' });
        const built = buildTargets(table, defaultMapping(table, 'user_id').mapping, {});
        const { target, keyed } = keyedFrom(columns, rows);
        expect(built.target).toEqual(target);
        const rowsShape = built.targetWithParams;
        expect(isParamColumns(rowsShape)).toBe(true);
        // The rows, and the same table packed (slices of 1, 2 and 5 users into chunks of 1, 3 and 2: slices
        // that fill a chunk, split over two, or take several to fill one), read alike.
        const shapes = [
          rowsShape,
          ...[
            [1, 1],
            [2, 3],
            [5, 2],
            [5, 5],
          ].map(([n, c]) => packed(rowsShape as ParamColumns, n!, c!)),
        ];
        // Packed again from packed (the render worker and the host cut the UI's packed set into parts) it is the same.
        for (const p of shapes.slice(1)) expect(packed(p as unknown as ParamColumns, 3, (p as { chunkUsers: number }).chunkUsers)).toEqual(p);
        for (const twp of shapes) {
          expect(toRecord(twp)).toEqual(keyed);
          expect(JSON.stringify(toRecord(twp))).toBe(JSON.stringify(keyed));
          // Same users; a keyed object lists integer-like ids first (JavaScript's key order), columns keep row order.
          expect(usersWithValues(twp).sort()).toEqual(Object.keys(keyed).sort());
          expect(usersWithValuesCount(twp)).toBe(Object.keys(keyed).length);
          expect([...perUserKeys(twp)].sort()).toEqual([...perUserKeys(keyed)].sort());
          for (const t of [...target, 'nobody']) {
            expect(ownValues(twp, t)).toEqual(ownValues(keyed, t));
            expect(hasUser(twp, t)).toBe(t !== 'nobody');
            for (const k of [...columns, 'nothing']) {
              expect(ownValue(twp, t, k)).toEqual(ownValue(keyed, t, k));
              expect(usersWithKey(twp, k)).toBe(usersWithKey(keyed, k));
            }
          }
          expect(valuesFor(twp, target)).toEqual(valuesFor(keyed, target));
          // Removing a user leaves the others' values as they were, in both shapes.
          const gone = target[0] as string;
          const without = withoutUser(twp as ParamColumns, gone);
          expect(isPackedColumns(without)).toBe(isPackedColumns(twp));
          expect(JSON.stringify(toRecord(without))).toBe(JSON.stringify(Object.fromEntries(Object.entries(toRecord(twp)).filter(([k]) => k !== gone))));
          expect(sendDataSchema.safeParse({ target_by: 'user_id', target, params: {}, target_with_params: twp }).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('an empty cell is no value: params and then the profile apply, as with the keyed object', () => {
    const table = parseTable('user_id,code,name\nu1,A,\nu2,,Bea\n');
    const built = buildTargets(table, defaultMapping(table, 'user_id').mapping);
    const data: SendData = { target_by: 'user_id', target: built.target, params: { name: 'friend' }, target_with_params: built.targetWithParams };
    expect(resolveValue('code', 'u1', data, undefined)).toEqual({ value: 'A', source: 'target_with_params' });
    expect(resolveValue('name', 'u1', data, undefined)).toEqual({ value: 'friend', source: 'params' });
    expect(resolveValue('code', 'u2', data, { u2: { code: 'P' } })).toEqual({ value: 'P', source: 'profile' });
    expect(resolveValue('name', 'u2', data, undefined)).toEqual({ value: 'Bea', source: 'target_with_params' });
    expect(ownValue(built.targetWithParams, 'u2', 'code')).toBe(NO_VALUE);
  });

  test('send bodies from columns equal the bodies from the keyed object, batch by batch', () => {
    const lines = ['user_id,code,tier'];
    for (let i = 0; i < 25; i++) lines.push(`u${i},${i % 3 ? `C${i}` : ''},${i % 5 ? 'gold' : ''}`);
    const table = parseTable(lines.join('\n'));
    const built = buildTargets(table, defaultMapping(table, 'user_id').mapping);
    const columns: SendData = { target_by: 'user_id', target: built.target, params: { p: 1 }, target_with_params: built.targetWithParams };
    const keyed: SendData = { ...columns, target_with_params: toRecord(built.targetWithParams) };
    const bodies = (data: SendData) => bodiesOf(planSend({ sendId: '20260101-120000-abcdef', environment: { id: 'e', name: 'E', baseUrl: 'http://x', production: false }, campaignId: 'c1', data, batchSize: 7 }));
    expect(bodies(columns)).toEqual(bodies(keyed));
    expect(bodies(columns)[0]!.target_with_params).toEqual({ u1: { code: 'C1', tier: 'gold' }, u2: { code: 'C2', tier: 'gold' }, u3: { tier: 'gold' }, u4: { code: 'C4', tier: 'gold' }, u5: { code: 'C5' }, u6: { tier: 'gold' } });
  });

  test('unmapped columns are not carried: rows are cut down to the mapped params', () => {
    const table = parseTable('user_id,code,secret_note,tier\nu1,A,do not send,gold\nu2,B,internal,silver\n');
    const built = buildTargets(table, { idColumn: 'user_id', paramColumns: ['code', 'tier'] });
    const twp = built.targetWithParams as ParamColumns;
    expect(JSON.stringify(twp)).not.toContain('do not send');
    expect(twp.rows).toEqual([
      ['A', 'gold'],
      ['B', 'silver'],
    ]);
    expect(toRecord(twp)).toEqual({ u1: { code: 'A', tier: 'gold' }, u2: { code: 'B', tier: 'silver' } });
  });

  test('rows left out (duplicates, empty ids) do not shift the values of later users', () => {
    const table = parseTable('user_id,code\nu1,A\nu1,DUP\n,orphan\nu2,B\n');
    const built = buildTargets(table, defaultMapping(table, 'user_id').mapping);
    expect(built.target).toEqual(['u1', 'u2']);
    expect(toRecord(built.targetWithParams)).toEqual({ u1: { code: 'A' }, u2: { code: 'B' } });
    expect(built.diagnostics.map((d) => d.code).sort()).toEqual(['duplicate-id', 'empty-id']);
  });

  test('typed columns and "empty means empty" keep the keyed shape', () => {
    const table = parseTable('user_id,amount,code\nu1,5,\n');
    expect(isParamColumns(buildTargets(table, { idColumn: 'user_id', paramColumns: ['amount', 'code'], types: { amount: 'number' } }).targetWithParams)).toBe(false);
    const eme = buildTargets(table, { idColumn: 'user_id', paramColumns: ['amount', 'code'], emptyMeansEmpty: true }).targetWithParams;
    expect(eme).toEqual({ u1: { amount: '5', code: '' } });
  });

  test('packed columns are checked by the send-data schema: one end per cell, never going back, chunks as long as their cells', () => {
    const good = { kind: 'packed', columns: ['a', 'b'], ids: ['u1', 'u2'], chunkUsers: 1, chunks: ['x', 'yz'], ends: [1, 1, 2, 3] };
    const parse = (twp: unknown) => sendDataSchema.safeParse({ target_by: 'user_id', target: ['u1', 'u2'], params: {}, target_with_params: twp });
    expect(parse(good).success).toBe(true);
    expect(ownValue(good as unknown as PerUserValues, 'u1', 'a')).toBe('x');
    expect(ownValue(good as unknown as PerUserValues, 'u1', 'b')).toBe(NO_VALUE);
    expect(ownValue(good as unknown as PerUserValues, 'u2', 'a')).toBe('y');
    expect(ownValue(good as unknown as PerUserValues, 'u2', 'b')).toBe('z');
    for (const chunks of [['xyz'], ['xy', 'z'], ['x', 'y', 'z'], ['x', 'yzz']]) expect(parse({ ...good, chunks }).success, JSON.stringify(chunks)).toBe(false);
    expect(parse({ ...good, chunkUsers: 2, chunks: ['xyz'] }).success).toBe(true);
    for (const ends of [
      [1, 1, 2],
      [1, 0, 2, 3],
      [1, 1, 2, 4],
      [1, 1, 2.5, 3],
      [1, 1, 2, '3'],
    ])
      expect(parse({ ...good, ends }).success, JSON.stringify(ends)).toBe(false);
  });

  test('columns survive JSON (the browser host IPC) and the send-data schema checks their shape', () => {
    const table = parseTable('user_id,code\nu1,A\nu2,B\n');
    const built = buildTargets(table, defaultMapping(table, 'user_id').mapping);
    const data = { target_by: 'user_id', target: built.target, params: {}, target_with_params: built.targetWithParams };
    const wire = JSON.parse(JSON.stringify(data)) as SendData;
    expect(sendDataSchema.safeParse(wire).success).toBe(true);
    expect(ownValue(wire.target_with_params, 'u2', 'code')).toBe('B');
    const broken = { ...wire, target_with_params: { ...(wire.target_with_params as ParamColumns), ids: ['u1'] } };
    const r = sendDataSchema.safeParse(broken);
    expect(r.success).toBe(false);
    expect(r.error?.issues.some((i) => i.path.join('.') === 'target_with_params.rows' || i.message.includes('one row per id'))).toBe(true);
    // A keyed object whose user is called "kind" is still the keyed shape.
    const keyed: PerUserValues = { kind: { code: 'K' } };
    expect(isParamColumns(keyed)).toBe(false);
    expect(sendDataSchema.safeParse({ ...wire, target_with_params: keyed }).success).toBe(true);
  });
});

describe('test sends from either shape', () => {
  test("QA users get the first target's values unless they have an entry of their own, even an empty one", () => {
    const table = parseTable('user_id,code\nu1,A\nqa_2,\nu3,C\n');
    const built = buildTargets(table, defaultMapping(table, 'user_id').mapping);
    const columns: SendData = { target_by: 'user_id', target: built.target, params: {}, target_with_params: built.targetWithParams };
    const keyed: SendData = { ...columns, target_with_params: { u1: { code: 'A' }, qa_2: {}, u3: { code: 'C' } } };
    for (const data of [columns, keyed]) {
      const t = testSendData(data, ['qa_1', 'qa_2', 'u3']);
      expect(t.data.target).toEqual(['qa_1', 'qa_2', 'u3']);
      expect(t.data.target_with_params).toEqual({ qa_1: { code: 'A' }, u3: { code: 'C' } });
    }
  });
});

describe('IdSet', () => {
  test('agrees with Set on membership and first-seen order, also past its expected size', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 3 }), fc.constantFrom('a', 'b', '', '__proto__')), { maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (ids, expected) => {
        const set = new IdSet(expected);
        const ref = new Set<string>();
        for (const id of ids) expect(set.add(id)).toBe(ref.size !== ref.add(id).size);
        expect(set.size).toBe(ref.size);
        expect(set.toArray()).toEqual([...ref]);
      }),
      { numRuns: 500 },
    );
  });

  test('holds 100,000 ids with no false duplicates', () => {
    const set = new IdSet(1000);
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (set.add(`u${String(i).padStart(7, '0')}`)) added++;
    expect(added).toBe(100_000);
    expect(set.add('u0054321')).toBe(false);
    expect(set.size).toBe(100_000);
  });
});
