/**
 * Files stay inside the workspace: every read and write under the workspace folder is judged by its
 * real path (after links), through the real handlers and the real file system.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch, type Handlers } from '../../host/ipc/dispatch';
import { reviewHandlers } from '../../host/review-service';
import { dataHandlers } from '../../host/data-service';
import { workspaceHandlers } from '../../host/workspace-service';
import { readWorkspace } from '../../host/workspace';
import type { ServiceContext } from '../../host/context';

/** A workspace with one campaign, and a folder outside it. */
function setup() {
  const base = mkdtempSync(join(tmpdir(), 'preflight-paths-'));
  const ws = join(base, 'workspace');
  const outside = join(base, 'outside');
  mkdirSync(join(ws, 'campaigns'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'campaigns/promo.yaml'), 'name: Promo\n');
  return { ws, outside };
}

const review = { version: 1, campaign: 'campaigns/promo.yaml', decisions: { u1: { sms: { status: 'approved', at: '2026-01-01T00:00:00Z' } } } };

function handlers(dir: string): Handlers {
  const ref = { dir };
  const ctx = { workspaceDir: dir, emit: () => undefined } as unknown as ServiceContext;
  const { close: _close, ...workspace } = workspaceHandlers(ctx, ref);
  return { ...reviewHandlers(ref), ...dataHandlers(ref), ...workspace } as unknown as Handlers;
}

describe('files stay inside the workspace', () => {
  it('review.save refuses when reviews/ is a link to a folder outside, naming reviews/promo.json, and writes nothing there', async () => {
    const { ws, outside } = setup();
    symlinkSync(outside, join(ws, 'reviews'));
    const r = await dispatch(handlers(ws), 'review.save', { campaign: 'campaigns/promo.yaml', review });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('forbidden');
    expect(r.error.message).toContain('reviews/promo.json is outside the workspace');
    expect(r.error.message).toContain('reviews/ is a link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('review.exportReport refuses when reports/ is a link to a folder outside, and writes nothing there', async () => {
    const { ws, outside } = setup();
    symlinkSync(outside, join(ws, 'reports'));
    const r = await dispatch(handlers(ws), 'review.exportReport', { campaign: 'campaigns/promo.yaml', html: '<p>report</p>' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('forbidden');
    expect(r.error.message).toContain('reports/promo-qa-report.html is outside the workspace');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a dangling reports/ link is refused rather than written through', async () => {
    const { ws, outside } = setup();
    symlinkSync(join(outside, 'not-yet'), join(ws, 'reports'));
    const r = await dispatch(handlers(ws), 'review.exportReport', { campaign: 'campaigns/promo.yaml', html: '<p>report</p>' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(join(outside, 'not-yet'))).toBe(false);
  });

  it('saving a campaign file that is a link to a file outside is refused and the outside file is unchanged', async () => {
    const { ws, outside } = setup();
    writeFileSync(join(outside, 'victim.yaml'), 'original\n');
    symlinkSync(join(outside, 'victim.yaml'), join(ws, 'campaigns/linked.yaml'));
    const h = handlers(ws);
    const w = await dispatch(h, 'workspace.writeFile', { path: 'campaigns/linked.yaml', text: 'overwritten\n' });
    expect(w).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rd = await dispatch(h, 'workspace.readFile', { path: 'campaigns/linked.yaml' });
    expect(rd).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(outside)).toEqual(['victim.yaml']);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(outside, 'victim.yaml'), 'utf8')).toBe('original\n');
  });

  it('data.saveMapping refuses a .preflight folder that links outside', async () => {
    const { ws, outside } = setup();
    symlinkSync(outside, join(ws, '.preflight'));
    const r = await dispatch(handlers(ws), 'data.saveMapping', { source: 'targets.csv', mapping: { idColumn: 'user_id', paramColumns: [] } });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a link that stays inside the workspace is followed: reviews/ pointing at another workspace folder saves there', async () => {
    const { ws } = setup();
    mkdirSync(join(ws, 'team-reviews'));
    symlinkSync(join(ws, 'team-reviews'), join(ws, 'reviews'));
    const r = await dispatch(handlers(ws), 'review.save', { campaign: 'campaigns/promo.yaml', review });
    expect(r).toMatchObject({ ok: true, value: { path: 'reviews/promo.json' } });
    expect(readdirSync(join(ws, 'team-reviews'))).toEqual(['promo.json']);
  });

  it('the workspace scan does not read a campaign file that links outside; it says which file and why', async () => {
    const { ws, outside } = setup();
    writeFileSync(join(outside, 'secret.yaml'), 'name: not yours\n');
    symlinkSync(join(outside, 'secret.yaml'), join(ws, 'campaigns/secret.yaml'));
    const snapshot = await readWorkspace(ws);
    expect(snapshot.campaigns.map((c) => c.path)).toEqual(['campaigns/promo.yaml']);
    expect(snapshot.diagnostics).toContainEqual(expect.objectContaining({ code: 'file-outside-workspace', severity: 'error', file: 'campaigns/secret.yaml' }));
  });
});
