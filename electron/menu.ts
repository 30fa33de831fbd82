/** Installs the application menu built by menu-template.ts (rebuilt when the recent list changes). */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuOptions } from './menu-template';

export function installMenu(o: MenuOptions): void {
  // MenuItemSpec is a structural subset of Electron's MenuItemConstructorOptions.
  const template = buildMenuTemplate(o) as MenuItemConstructorOptions[];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
