/**
 * The application menu as plain objects (electron/menu.ts hands them to Menu.buildFromTemplate):
 * the platform's standard roles plus the app's own commands, with accelerators that follow each
 * platform's conventions — macOS keeps the app menu, Settings… on ⌘, and History on ⌘Y; Windows
 * and Linux put Exit/Quit in File, Settings under File/Edit, and History on Ctrl+H.
 */
import type { AppCommandName } from '../shared/ipc/channels/app';
import type { RecentWorkspace } from '../host/recent-workspaces';

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'toggleDevTools'
  | 'reload'
  | 'recentDocuments'
  | 'clearRecentDocuments'
  | 'appMenu'
  | 'fileMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu';

export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu' | 'normal';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  /** Sends a command to the renderer (`app.command`). */
  command(name: AppCommandName, path?: string): void;
  revealDataFolder(): void;
  clearRecent(): void;
  /** "Check for Updates…": the main process's updater (electron/updater.ts); no channel reaches it. */
  checkForUpdates(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly RecentWorkspace[];
  /** Developer tools only in development builds. */
  isPackaged: boolean;
  actions: MenuActions;
}

const sep: MenuItemSpec = { type: 'separator' };

/** The platform's word for the file manager, for "Show Data Folder in Finder/Explorer". */
export function fileManagerName(platform: NodeJS.Platform): string {
  return platform === 'darwin' ? 'Finder' : platform === 'win32' ? 'File Explorer' : 'File Manager';
}

export function buildMenuTemplate(o: MenuOptions): MenuItemSpec[] {
  const mac = o.platform === 'darwin';
  const { actions } = o;
  const cmd = (name: AppCommandName, path?: string) => () => actions.command(name, path);

  const settings: MenuItemSpec = { id: 'environments', label: mac ? 'Settings…' : 'Environments…', accelerator: 'CmdOrCtrl+,', click: cmd('environments') };
  const checkUpdates: MenuItemSpec = { id: 'check-for-updates', label: 'Check for Updates…', click: () => actions.checkForUpdates() };
  const revealData: MenuItemSpec = { id: 'reveal-data-folder', label: `Show Data Folder in ${fileManagerName(o.platform)}`, click: () => actions.revealDataFolder() };

  const openRecent: MenuItemSpec = {
    id: 'open-recent',
    label: 'Open Recent',
    submenu: [
      ...o.recent.map((r, i) => ({ id: `recent-${i}`, label: r.name === r.path ? r.path : `${r.name} — ${r.path}`, click: cmd('open-workspace', r.path) })),
      ...(o.recent.length > 0 ? [sep] : []),
      { id: 'clear-recent', label: 'Clear Recent', enabled: o.recent.length > 0, click: () => actions.clearRecent() },
    ],
  };

  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      { id: 'open-workspace', label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: cmd('open-workspace') },
      openRecent,
      sep,
      { id: 'import-data', label: 'Import Data…', accelerator: 'CmdOrCtrl+I', click: cmd('import-data') },
      { id: 'export-report', label: 'Export Report…', accelerator: 'CmdOrCtrl+Shift+E', click: cmd('export-report') },
      sep,
      { id: 'browse-platform', label: 'Browse Platform Campaigns…', accelerator: 'CmdOrCtrl+Shift+B', click: cmd('browse-platform') },
      ...(mac ? [] : [sep, settings]),
      sep,
      mac ? { role: 'close' } : { role: 'quit', label: o.platform === 'win32' ? 'Exit' : 'Quit', accelerator: o.platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' },
    ],
  };

  const edit: MenuItemSpec = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' } as MenuItemSpec, { role: 'delete' } as MenuItemSpec] : [{ role: 'delete' } as MenuItemSpec]), sep, { role: 'selectAll' }],
  };

  const view: MenuItemSpec = {
    label: 'View',
    submenu: [
      { id: 'send-history', label: 'Send History', accelerator: mac ? 'Cmd+Y' : 'Ctrl+H', click: cmd('send-history') },
      sep,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
      ...(o.isPackaged ? [] : [sep, { role: 'toggleDevTools' } as MenuItemSpec]),
    ],
  };

  const windowMenu: MenuItemSpec = {
    label: 'Window',
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemSpec = {
    label: 'Help',
    role: 'help',
    submenu: [revealData, ...(mac ? [] : [sep, { role: 'about', label: `About ${o.appName}` } as MenuItemSpec, checkUpdates])],
  };

  if (!mac) return [file, edit, view, windowMenu, help];

  const appMenu: MenuItemSpec = {
    label: o.appName,
    submenu: [{ role: 'about' }, checkUpdates, sep, settings, sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };
  return [appMenu, file, edit, view, windowMenu, help];
}

/** Every item with an id, flattened (tests, and the Electron smoke test clicking menu items by id). */
export function flattenMenu(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...(i.submenu ? flattenMenu(i.submenu) : [])]);
}
