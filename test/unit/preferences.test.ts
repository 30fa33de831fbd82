import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preferencesHandlers } from '../../host/preferences';
import { dispatch, type Handlers } from '../../host/ipc/dispatch';

describe('the reviewer name, kept in the app data folder', () => {
  it('is set once and read back in a later run; an empty name removes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-prefs-'));
    expect(await preferencesHandlers(dir)['preferences.get']({})).toEqual({});
    await preferencesHandlers(dir)['preferences.set']({ reviewer: 'Dana Quinn' });
    expect(await preferencesHandlers(dir)['preferences.get']({})).toEqual({ reviewer: 'Dana Quinn' });
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8'))).toEqual({ reviewer: 'Dana Quinn' });
    await preferencesHandlers(dir)['preferences.set']({ reviewer: '' });
    expect(await preferencesHandlers(dir)['preferences.get']({})).toEqual({});
  });

  it('a name with a line break or over 80 characters is refused at the boundary; a damaged file reads as none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-prefs-'));
    const handlers = preferencesHandlers(dir) as unknown as Handlers;
    expect((await dispatch(handlers, 'preferences.set', { reviewer: 'a\nb' })).ok).toBe(false);
    expect((await dispatch(handlers, 'preferences.set', { reviewer: 'x'.repeat(81) })).ok).toBe(false);
    expect(await dispatch(handlers, 'preferences.set', { reviewer: '  Dana  ' })).toEqual({ ok: true, value: { reviewer: 'Dana' } });
    writeFileSync(join(dir, 'preferences.json'), '{not json');
    expect(await preferencesHandlers(dir)['preferences.get']({})).toEqual({});
  });
});
