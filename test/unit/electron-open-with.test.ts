import { describe, expect, it } from 'vitest';
import { classifyOpenedPath, pathsFromArgv } from '../../electron/open-with';
import { addRecent, MAX_RECENT, parseRecent, removeRecent } from '../../host/recent-workspaces';
import { CommandQueue } from '../../electron/command-queue';
import type { AppCommand } from '../../shared/ipc/channels/app';

const fsTable: Record<string, boolean> = {
  '/ws': true,
  '/ws/campaigns': true,
  '/ws/campaigns/promo.yaml': false,
  '/ws/campaigns/gate.json': false,
  '/ws/targets/users.csv': false,
  '/tmp/loose.yaml': false,
  '/tmp/picture.png': false,
  'C:\\Users\\me\\ws\\campaigns\\promo.yml': false,
};
const isDirectory = (p: string) => fsTable[p];

describe('"open with" paths', () => {
  it('skips the executable, the app folder in development, and switches', () => {
    expect(pathsFromArgv(['/usr/bin/electron', '/work/main', '/ws/campaigns/promo.yaml'], { isPackaged: false })).toEqual(['/ws/campaigns/promo.yaml']);
    // Playwright starts `electron --inspect=0 --remote-debugging-port=0 <app>`: the app folder is still not a path to open.
    expect(pathsFromArgv(['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', '/work/main'], { isPackaged: false })).toEqual([]);
    expect(pathsFromArgv(['C:\\Preflight\\Preflight.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'C:\\ws'], { isPackaged: true })).toEqual(['C:\\ws']);
    expect(pathsFromArgv(['/Applications/Preflight.app/Contents/MacOS/Preflight', '-psn_0_12345'], { isPackaged: true })).toEqual([]);
    expect(pathsFromArgv(['/opt/Preflight/preflight', '--', '-odd-name.yaml'], { isPackaged: true })).toEqual(['-odd-name.yaml']);
  });
  it('a campaign file opens its workspace and selects the campaign', () => {
    expect(classifyOpenedPath('/ws/campaigns/promo.yaml', isDirectory)).toEqual({ kind: 'command', command: { command: 'open-workspace', path: '/ws', campaign: 'campaigns/promo.yaml' } });
    expect(classifyOpenedPath('/ws/campaigns/gate.json', isDirectory)).toMatchObject({ command: { path: '/ws', campaign: 'campaigns/gate.json' } });
    expect(classifyOpenedPath('C:\\Users\\me\\ws\\campaigns\\promo.yml', isDirectory)).toEqual({ kind: 'command', command: { command: 'open-workspace', path: 'C:\\Users\\me\\ws', campaign: 'campaigns/promo.yml' } });
  });
  it('a folder is a workspace', () => {
    expect(classifyOpenedPath('/ws', isDirectory)).toEqual({ kind: 'command', command: { command: 'open-workspace', path: '/ws' } });
  });
  it('a data file goes to the import flow', () => {
    expect(classifyOpenedPath('/ws/targets/users.csv', isDirectory)).toEqual({ kind: 'command', command: { command: 'import-data', path: '/ws/targets/users.csv' } });
  });
  it('explains what it cannot open', () => {
    expect(classifyOpenedPath('/tmp/loose.yaml', isDirectory)).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/campaigns folder/) });
    expect(classifyOpenedPath('/tmp/picture.png', isDirectory)).toMatchObject({ kind: 'unsupported' });
    expect(classifyOpenedPath('/nowhere', isDirectory)).toMatchObject({ kind: 'unsupported', reason: 'it does not exist' });
  });
});

describe('recent workspaces', () => {
  it('puts the latest first without duplicates', () => {
    let list = addRecent([], '/ws/a', 'linux');
    list = addRecent(list, '/ws/b', 'linux');
    list = addRecent(list, '/ws/a/', 'linux');
    expect(list).toEqual([
      { path: '/ws/a/', name: 'a' },
      { path: '/ws/b', name: 'b' },
    ]);
  });
  it('compares case-insensitively on Windows and macOS, not on Linux', () => {
    expect(addRecent([{ path: 'C:\\WS\\A', name: 'A' }], 'c:\\ws\\a', 'win32')).toHaveLength(1);
    expect(addRecent([{ path: '/Users/me/WS', name: 'WS' }], '/Users/me/ws', 'darwin')).toHaveLength(1);
    expect(addRecent([{ path: '/home/me/WS', name: 'WS' }], '/home/me/ws', 'linux')).toHaveLength(2);
  });
  it(`keeps at most ${MAX_RECENT}`, () => {
    let list: ReturnType<typeof addRecent> = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, `/ws/${i}`, 'linux');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]!.path).toBe('/ws/14');
  });
  it('reads a saved list leniently, dropping relative paths and junk, keeping the order', () => {
    expect(parseRecent([{ path: '/ws/b' }, 'relative/x', 42, { path: '/ws/a' }, '/ws/b'], 'linux')).toEqual([
      { path: '/ws/b', name: 'b' },
      { path: '/ws/a', name: 'a' },
    ]);
    expect(parseRecent('nonsense', 'linux')).toEqual([]);
    expect(parseRecent(['C:\\ws', '/unix'], 'win32')).toEqual([{ path: 'C:\\ws', name: 'ws' }]);
  });
  it('removes one folder', () => {
    expect(
      removeRecent(
        [
          { path: '/a', name: 'a' },
          { path: '/b', name: 'b' },
        ],
        '/a',
        'linux',
      ),
    ).toEqual([{ path: '/b', name: 'b' }]);
  });
});

describe('commands for the renderer', () => {
  it('are held until the renderer is listening, then delivered in order', () => {
    const sent: AppCommand[] = [];
    const q = new CommandQueue((c) => sent.push(c));
    q.push({ command: 'open-workspace', path: '/ws', campaign: 'campaigns/promo.yaml' });
    q.push({ command: 'send-history' });
    expect(sent).toEqual([]);
    expect(q.markReady()).toBe(2);
    expect(sent.map((c) => c.command)).toEqual(['open-workspace', 'send-history']);
    q.push({ command: 'export-report' });
    expect(sent).toHaveLength(3);
  });
  it('are held again while the page reloads', () => {
    const sent: AppCommand[] = [];
    const q = new CommandQueue((c) => sent.push(c));
    q.markReady();
    q.markNotReady();
    q.push({ command: 'environments' });
    expect(sent).toEqual([]);
    expect(q.pending).toBe(1);
    q.markReady();
    expect(sent).toEqual([{ command: 'environments' }]);
  });
});
