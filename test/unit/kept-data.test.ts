import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keptDataHandlers, keptFileOf } from '../../host/kept-data';
import { dispatch, type Handlers } from '../../host/ipc/dispatch';
import { HeldData } from '../../host/held-data';

const data = {
  target_by: 'user_id',
  target: ['user_1', 'user_2'],
  params: { promo_name: 'P' },
  target_with_params: {
    kind: 'columns' as const,
    columns: ['promo_code'],
    at: [1],
    ids: ['user_1', 'user_2'],
    rows: [
      ['user_1', 'A'],
      ['user_2', 'B'],
    ],
  },
};
const workspace = () => mkdtempSync(join(tmpdir(), 'preflight-kept-'));

describe('data kept in the workspace across reloads', () => {
  it('a pasted data set is kept per campaign file and read back as it was, with its source', async () => {
    const dir = workspace();
    const h = keptDataHandlers({ dir });
    expect(await h['data.keep']({ campaign: 'campaigns/promo-journey.yaml', kept: { source: 'pasted text', data } })).toEqual({ path: '.preflight/data/promo-journey.yaml.json' });
    await h['data.keepProfiles']({ kept: { source: 'profiles.csv', profiles: { user_1: { first_name: 'Aoife' } } } });
    const again = await keptDataHandlers({ dir })['data.kept']({});
    expect(again).toEqual({ campaigns: { 'campaigns/promo-journey.yaml': { source: 'pasted text', data } }, profiles: { source: 'profiles.csv', profiles: { user_1: { first_name: 'Aoife' } } } });
    await h['data.keep']({ campaign: 'campaigns/promo-journey.yaml', kept: null });
    expect(existsSync(join(dir, keptFileOf('campaigns/promo-journey.yaml')))).toBe(false);
    expect((await h['data.kept']({})).campaigns).toEqual({});
  });

  it('the data the host holds is kept by its revision, as edited; a stale revision keeps nothing', async () => {
    const dir = workspace();
    const held = new HeldData();
    const handlers = keptDataHandlers({ dir }, held) as unknown as Handlers;
    const r0 = held.set(data);
    const r1 = held.edit(r0, [{ kind: 'param', name: 'promo_name', value: 'Q' }]);
    expect(await dispatch(handlers, 'data.keep', { campaign: 'campaigns/a.yaml', kept: { source: 'pasted text', dataRevision: r1 } })).toEqual({ ok: true, value: { path: '.preflight/data/a.yaml.json' } });
    expect((await keptDataHandlers({ dir })['data.kept']({})).campaigns).toEqual({ 'campaigns/a.yaml': { source: 'pasted text', data: { ...data, params: { promo_name: 'Q' } } } });
    const stale = await dispatch(handlers, 'data.keep', { campaign: 'campaigns/b.yaml', kept: { dataRevision: r0 } });
    expect(!stale.ok && stale.error.code).toBe('stale-data');
    expect(existsSync(join(dir, keptFileOf('campaigns/b.yaml')))).toBe(false);
  });

  it('a damaged kept file is named and left alone; the others are read', async () => {
    const dir = workspace();
    const h = keptDataHandlers({ dir });
    await h['data.keep']({ campaign: 'campaigns/a.yaml', kept: { data } });
    writeFileSync(join(dir, '.preflight/data/b.yaml.json'), '{"version":1,"campaign":"campaigns/b.yaml","data":{"target":"x"}}');
    writeFileSync(join(dir, '.preflight/data/c.yaml.json'), '{nope');
    const r = await h['data.kept']({});
    expect(Object.keys(r.campaigns)).toEqual(['campaigns/a.yaml']);
    expect(r.error).toBe('.preflight/data/b.yaml.json, .preflight/data/c.yaml.json could not be read and were left alone');
    expect(readFileSync(join(dir, '.preflight/data/c.yaml.json'), 'utf8')).toBe('{nope');
  });

  it('refuses a campaign outside campaigns/ at the boundary, and a .preflight folder that is a link', async () => {
    const dir = workspace();
    const handlers = keptDataHandlers({ dir }) as unknown as Handlers;
    expect((await dispatch(handlers, 'data.keep', { campaign: '../../etc/x.yaml', kept: { data } })).ok).toBe(false);
    expect((await dispatch(handlers, 'data.keep', { campaign: 'campaigns/a.yaml', kept: { data: { ...data, target: 'x' } } })).ok).toBe(false);
    const outside = workspace();
    const linked = workspace();
    mkdirSync(join(outside, 'data'));
    symlinkSync(outside, join(linked, '.preflight'));
    const r = await dispatch(keptDataHandlers({ dir: linked }) as unknown as Handlers, 'data.keep', { campaign: 'campaigns/a.yaml', kept: { data } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('.preflight/ is a link to a place outside it') } });
    expect(existsSync(join(outside, 'data/a.yaml.json'))).toBe(false);
  });
});
