import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, flattenMenu, type MenuActions, type MenuItemSpec } from '../../electron/menu-template';

function build(platform: NodeJS.Platform, recent = [{ path: '/ws/promo', name: 'promo' }], isPackaged = true) {
  const calls: string[] = [];
  const actions: MenuActions = {
    command: (name, path) => calls.push(path ? `${name} ${path}` : name),
    revealDataFolder: () => calls.push('reveal'),
    clearRecent: () => calls.push('clear'),
    checkForUpdates: () => calls.push('check-for-updates'),
  };
  return { menu: buildMenuTemplate({ platform, appName: 'Preflight', recent, isPackaged, actions }), calls };
}
const byId = (menu: MenuItemSpec[], id: string) => flattenMenu(menu).find((i) => i.id === id)!;
const labels = (menu: MenuItemSpec[]) => menu.map((m) => m.label);

describe('application menu', () => {
  it('on macOS starts with the app menu holding About, Settings (⌘,), Services, Hide and Quit', () => {
    const { menu } = build('darwin');
    expect(labels(menu)).toEqual(['Preflight', 'File', 'Edit', 'View', 'Window', 'Help']);
    const roles = flattenMenu(menu[0]!.submenu!)
      .map((i) => i.role ?? i.id)
      .filter(Boolean);
    expect(roles).toEqual(['about', 'check-for-updates', 'environments', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(byId(menu, 'environments').accelerator).toBe('CmdOrCtrl+,');
    expect(flattenMenu(menu[1]!.submenu!).some((i) => i.role === 'close')).toBe(true);
  });
  it('on Windows ends File with Exit (Alt+F4) and has no app menu', () => {
    const { menu } = build('win32');
    expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const quit = flattenMenu(menu).find((i) => i.role === 'quit')!;
    expect(quit).toMatchObject({ label: 'Exit', accelerator: 'Alt+F4' });
    expect(byId(menu, 'environments').label).toBe('Environments…');
  });
  it('on Linux ends File with Quit (Ctrl+Q)', () => {
    const quit = flattenMenu(build('linux').menu).find((i) => i.role === 'quit')!;
    expect(quit).toMatchObject({ label: 'Quit', accelerator: 'Ctrl+Q' });
  });
  it('follows each platform for history: ⌘Y on macOS, Ctrl+H elsewhere', () => {
    expect(byId(build('darwin').menu, 'send-history').accelerator).toBe('Cmd+Y');
    expect(byId(build('win32').menu, 'send-history').accelerator).toBe('Ctrl+H');
    expect(byId(build('linux').menu, 'send-history').accelerator).toBe('Ctrl+H');
  });
  it("has the app's own commands, each sending app.command", () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { menu, calls } = build(platform);
      for (const id of ['open-workspace', 'import-data', 'export-report', 'send-history', 'environments', 'browse-platform']) byId(menu, id).click!();
      expect(calls).toEqual(['open-workspace', 'import-data', 'export-report', 'send-history', 'environments', 'browse-platform']);
      expect(byId(menu, 'open-workspace').accelerator).toBe('CmdOrCtrl+O');
    }
  });
  it('lists recent workspaces, each reopening its folder, and can clear them', () => {
    const { menu, calls } = build('linux', [
      { path: '/ws/promo', name: 'promo' },
      { path: '/ws/gates', name: 'gates' },
    ]);
    const recent = byId(menu, 'open-recent').submenu!;
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['promo — /ws/promo', 'gates — /ws/gates', 'separator', 'Clear Recent']);
    recent[1]!.click!();
    byId(menu, 'clear-recent').click!();
    expect(calls).toEqual(['open-workspace /ws/gates', 'clear']);
  });
  it('disables Clear Recent when there is nothing to clear', () => {
    expect(byId(build('darwin', []).menu, 'clear-recent').enabled).toBe(false);
  });
  it('reveals the data folder in the platform file manager', () => {
    const { menu, calls } = build('darwin');
    expect(byId(menu, 'reveal-data-folder').label).toBe('Show Data Folder in Finder');
    byId(menu, 'reveal-data-folder').click!();
    expect(calls).toEqual(['reveal']);
    expect(byId(build('win32').menu, 'reveal-data-folder').label).toBe('Show Data Folder in File Explorer');
  });
  it("Check for Updates… sits under About (the app menu on macOS, Help elsewhere) and asks the main side's updater, not the renderer", () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { menu, calls } = build(platform);
      const home = platform === 'darwin' ? menu[0]! : menu.find((m) => m.label === 'Help')!;
      const ids = flattenMenu(home.submenu!).map((i) => i.role ?? i.id);
      expect(ids.indexOf('check-for-updates'), platform).toBe(ids.indexOf('about') + 1);
      expect(byId(menu, 'check-for-updates').label).toBe('Check for Updates…');
      byId(menu, 'check-for-updates').click!();
      expect(calls).toEqual(['check-for-updates']);
    }
  });
  it('never assigns one accelerator twice', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accels = flattenMenu(build(platform).menu)
        .map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accels).size, platform).toBe(accels.length);
    }
  });
  it('offers developer tools only in development builds', () => {
    expect(flattenMenu(build('linux', [], true).menu).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flattenMenu(build('linux', [], false).menu).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
  it('gives every item a role, an action, a submenu or separator type', () => {
    for (const item of flattenMenu(build('darwin').menu)) expect(item.role ?? item.click ?? item.submenu ?? item.type, JSON.stringify(item)).toBeDefined();
  });
});
