import { describe, expect, it } from 'vitest';
import { appHandlers, PDF_UNAVAILABLE_MESSAGE, type NativeShell } from '../../host/app-service';
import type { ServiceContext } from '../../host/context';
import { dispatch, type Handlers } from '../../host/ipc/dispatch';
import { WorkspaceAccess } from '../../host/workspace-access';
import { CANIEMAIL_SOURCE } from '../../shared/guardrails/compat/data';

function handlers(native?: NativeShell, workspaceAccess = new WorkspaceAccess({ platform: 'linux' })): Handlers {
  const ctx = { host: native ? 'electron' : 'browser', version: '1.2.3', dataDir: '/data/Preflight', native, workspaceAccess } as unknown as ServiceContext;
  return appHandlers(ctx) as unknown as Handlers;
}

const fakeShell = (): NativeShell & { saved: string[]; printed: string[] } => {
  const saved: string[] = [];
  const printed: string[] = [];
  return {
    saved,
    printed,
    revealDataFolder: async () => ({ status: 'done', path: '/data/Preflight' }),
    openWorkspaceDialog: async () => ({ status: 'chosen', path: '/ws/promo' }),
    openFilesDialog: async () => ({ status: 'cancelled' }),
    saveFileDialog: async (a) => (saved.push(a.content), { status: 'saved', path: `/reports/${a.suggestedName}` }),
    savePdfDialog: async (a) => (printed.push(a.html), { status: 'saved', path: `/reports/${a.suggestedName}`, bytes: 1234 }),
    rendererReady: () => 2,
    chooseSecretFile: async () => ({ status: 'cancelled' }),
  };
};

describe('app channels under the browser host', () => {
  it('answer the native-only channels with a typed "not available in the browser host" value', async () => {
    const h = handlers();
    for (const [channel, args] of [
      ['app.revealDataFolder', {}],
      ['dialog.openWorkspace', {}],
      ['dialog.openFiles', { filters: [{ name: 'Data', extensions: ['csv'] }] }],
      ['dialog.saveFile', { suggestedName: 'report.html', content: '<p>x</p>' }],
    ] as const) {
      const r = await dispatch(h, channel, args);
      expect(r, channel).toMatchObject({ ok: true, value: { status: 'unavailable', message: expect.stringMatching(/not available in the browser host/) } });
    }
  });
  it('list the recent workspaces the main side kept (the browser host has no dialog, but a list)', async () => {
    const access = new WorkspaceAccess({ platform: 'linux' });
    access.opened('/ws/promo');
    expect(await dispatch(handlers(undefined, access), 'app.recentWorkspaces', {})).toEqual({ ok: true, value: { status: 'done', items: [{ path: '/ws/promo', name: 'promo' }] } });
  });
  it('answer a PDF export with a typed "available in the desktop app" value (the renderer then saves HTML)', async () => {
    const r = await dispatch(handlers(), 'dialog.savePdf', { suggestedName: 'promo-journey-qa-report.pdf', html: '<p>x</p>' });
    expect(r).toEqual({ ok: true, value: { status: 'unavailable', message: PDF_UNAVAILABLE_MESSAGE } });
    expect(PDF_UNAVAILABLE_MESSAGE).toMatch(/available in the desktop app/);
  });
  it("still validate a PDF export's arguments before answering", async () => {
    expect(await dispatch(handlers(), 'dialog.savePdf', { suggestedName: '../x.pdf', html: '' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await dispatch(handlers(), 'dialog.savePdf', { suggestedName: 'x.pdf' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await dispatch(handlers(), 'dialog.savePdf', { suggestedName: 'x.pdf', html: '', path: '/etc/x' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
  it('still answer app.info and app.ready', async () => {
    const h = handlers();
    // It also names the bundled caniemail data (the About box shows it).
    expect(await dispatch(h, 'app.info', {})).toEqual({ ok: true, value: { version: '1.2.3', host: 'browser', dataDir: '/data/Preflight', emailData: { package: CANIEMAIL_SOURCE.package, updated: CANIEMAIL_SOURCE.updated, url: CANIEMAIL_SOURCE.url } } });
    expect(await dispatch(h, 'app.ready', {})).toEqual({ ok: true, value: { held: 0 } });
  });
});

describe('app channels in the desktop app', () => {
  it('reach the native shell', async () => {
    const shell = fakeShell();
    const access = new WorkspaceAccess({ platform: 'linux' });
    const h = handlers(shell, access);
    expect(await dispatch(h, 'dialog.openWorkspace', {})).toEqual({ ok: true, value: { status: 'chosen', path: '/ws/promo' } });
    // The folder chosen in the native dialog may now be opened by the renderer.
    await expect(access.check('/ws/promo')).resolves.toBeUndefined();
    expect(await dispatch(h, 'dialog.saveFile', { suggestedName: 'report.csv', content: 'a,b' })).toEqual({ ok: true, value: { status: 'saved', path: '/reports/report.csv' } });
    expect(shell.saved).toEqual(['a,b']);
    expect(await dispatch(h, 'app.ready', {})).toEqual({ ok: true, value: { held: 2 } });
  });
  it('reach the native PDF export with the report HTML', async () => {
    const shell = fakeShell();
    const r = await dispatch(handlers(shell), 'dialog.savePdf', { title: 'Export QA report as PDF', suggestedName: 'promo-journey-qa-report.pdf', html: '<h1>QA</h1>' });
    expect(r).toEqual({ ok: true, value: { status: 'saved', path: '/reports/promo-journey-qa-report.pdf', bytes: 1234 } });
    expect(shell.printed).toEqual(['<h1>QA</h1>']);
  });
  it('refuse a PDF export whose suggested name is a path, before any dialog opens', async () => {
    const shell = fakeShell();
    for (const suggestedName of ['../../x.pdf', '/tmp/x.pdf', 'C:\\x.pdf', '']) {
      expect(await dispatch(handlers(shell), 'dialog.savePdf', { suggestedName, html: '<p>x</p>' }), suggestedName).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    }
    expect(shell.printed).toEqual([]);
  });
  it('refuse a save whose suggested name is a path, before any dialog opens', async () => {
    const shell = fakeShell();
    const r = await dispatch(handlers(shell), 'dialog.saveFile', { suggestedName: '../../.bashrc', content: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(shell.saved).toEqual([]);
  });
  it('refuse a file filter that is not a plain extension', async () => {
    const r = await dispatch(handlers(fakeShell()), 'dialog.openFiles', { filters: [{ name: 'x', extensions: ['../*'] }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });
});
