import { describe, expect, it } from 'vitest';
import { buildTargets, defaultMapping, parsePaste, type HeaderChoice } from '../../shared/targets';
import { importFile } from '../../shared/targets/import-file';
import { parseTargetsTable } from '../../shared/targets/id-list';

/** The targets a paste gives, the way the import worker builds them. */
function targets(text: string, targetBy = 'user_id', header?: HeaderChoice) {
  const table = parseTargetsTable(text, { file: 'pasted text', targetBy, ...(header ? { header } : {}) });
  const built = buildTargets(table, defaultMapping(table, targetBy).mapping, { file: 'pasted text', targetBy });
  return { table, target: built.target, diagnostics: built.diagnostics };
}

describe('a pasted id list loses no recipient', () => {
  it('u_1001⏎u_1002⏎u_1003 gives 3 targets: the first line has the same shape as the others', () => {
    const r = targets('u_1001\nu_1002\nu_1003');
    expect(r.target).toEqual(['u_1001', 'u_1002', 'u_1003']);
    expect(r.table.idList).toMatchObject({ firstLine: 'id', separated: 'lines' });
    expect(r.table.idList!.reason).toContain('same shape');
  });

  it('1001⏎1002⏎1003 gives 3 targets, and a trailing line break changes nothing', () => {
    expect(targets('1001\n1002\n1003\n').target).toEqual(['1001', '1002', '1003']);
    expect(targets('1001\r\n1002\r\n1003\r\n').target).toEqual(['1001', '1002', '1003']);
  });

  it('u_1001, u_1002, u_1003 on one line gives 3 targets, as do semicolons, spaces and tabs', () => {
    for (const text of ['u_1001, u_1002, u_1003', 'u_1001;u_1002;u_1003', 'u_1001 u_1002 u_1003', 'u_1001\tu_1002\tu_1003', 'u_1001, u_1002,\nu_1003,']) {
      const r = targets(text);
      expect(r.target, text).toEqual(['u_1001', 'u_1002', 'u_1003']);
      expect(r.table.idList?.separated, text).toBe('list');
    }
  });

  it('a single id on its own is one target; a single header name is none', () => {
    expect(targets('u_1001').target).toEqual(['u_1001']);
    expect(targets('user_id').target).toEqual([]);
  });

  it('a first line naming the id column, or a plain word, stays a header', () => {
    expect(targets('user_id\nu_1\nu_2').target).toEqual(['u_1', 'u_2']);
    expect(targets('User ID\nu_1\nu_2').table.idList).toMatchObject({ firstLine: 'header' });
    expect(targets('customer\n1001\n1002').target).toEqual(['1001', '1002']);
    expect(targets('email\na@x.com\nb@x.com', 'email').target).toEqual(['a@x.com', 'b@x.com']);
  });

  it('a first line in the format target_by expects is an id even when its shape differs', () => {
    expect(targets('ann@x.com\nb.o.b@y.org', 'email').target).toEqual(['ann@x.com', 'b.o.b@y.org']);
    expect(targets('353850123456\n447700900123', 'mobile_number').target).toEqual(['353850123456', '447700900123']);
  });

  it('a first line that does not look like the ids under it is a header', () => {
    const r = targets('batch 7\nu_1\nu_2');
    expect(r.target).toEqual(['u_1', 'u_2']);
    expect(r.table.idList).toMatchObject({ firstLine: 'header' });
  });

  it('the person can overrule the decision either way', () => {
    const asHeader = targets('u_1001\nu_1002\nu_1003', 'user_id', 'header');
    expect(asHeader.target).toEqual(['u_1002', 'u_1003']);
    expect(asHeader.table.idList).toMatchObject({ firstLine: 'header', reason: 'you chose to read the first line as a header' });
    expect(targets('user_id\nu_1', 'user_id', 'none').target).toEqual(['user_id', 'u_1']);
    expect(targets('u_1001, u_1002', 'user_id', 'header').target).toEqual([]);
  });

  it('a duplicate in an id list names the line it is on', () => {
    const r = targets('u_1\nu_2\nu_1');
    expect(r.target).toEqual(['u_1', 'u_2']);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'duplicate-id', row: 3 }));
  });

  it('a table with several columns is left as it is', () => {
    const r = targets('user_id,promo_code\nuser_1,PLAY50X\nuser_2,PLAY75Y');
    expect(r.target).toEqual(['user_1', 'user_2']);
    expect(r.table.idList).toBeUndefined();
    expect(targets('user_1,PLAY50X\nuser_2,PLAY75Y').table.idList).toBeUndefined();
  });

  it('the CLI reads a target file by the same rule', () => {
    const t = importFile(new TextEncoder().encode('u_1001\nu_1002\nu_1003\n'), { file: 'ids.txt', targetBy: 'user_id' });
    expect(t.built?.target).toEqual(['u_1001', 'u_1002', 'u_1003']);
    const p = parsePaste('1001, 1002, 1003', 'pasted text', 'user_id');
    expect(p.kind === 'table' && p.table.rows).toEqual([['1001'], ['1002'], ['1003']]);
  });
});
