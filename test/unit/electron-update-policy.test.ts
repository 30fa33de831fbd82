/**
 * Auto-update (electron/update-policy.ts): whether a build checks for updates at all, when it
 * checks, and what the person is asked — nothing is downloaded or installed without their yes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, availableDialog, downloadedDialog, downloadedChoice, manualResultDialog, nextCheckDelay, parseUpdateState, updateAvailability, type UpdateFacts } from '../../electron/update-policy';

const GITHUB_FEED = 'owner: preflight-app\nrepo: preflight\nprovider: github\nupdaterCacheDirName: preflight-updater\n';
const facts = (o: Partial<UpdateFacts> = {}): UpdateFacts => ({ isPackaged: true, platform: 'win32', publishConfig: GITHUB_FEED, env: {}, ...o });

describe('whether a build checks for updates', () => {
  it("an installed release with the workflow's GitHub feed checks https://github.com/<owner>/<repo>", () => {
    expect(updateAvailability(facts())).toEqual({ enabled: true, feed: 'https://github.com/preflight-app/preflight/releases' });
    expect(updateAvailability(facts({ platform: 'darwin' }))).toMatchObject({ enabled: true });
    expect(updateAvailability(facts({ platform: 'linux', env: { APPIMAGE: '/home/a/Preflight.AppImage' } }))).toMatchObject({ enabled: true });
  });

  it('is off for a build without a publish configuration (no app-update.yml), saying so', () => {
    expect(updateAvailability(facts({ publishConfig: undefined }))).toEqual({ enabled: false, reason: 'this build has no release feed (it was built without a publish configuration)' });
  });

  it('is off in development (unpackaged) and when the person turns it off with PREFLIGHT_UPDATES=off', () => {
    expect(updateAvailability(facts({ isPackaged: false }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/development build/) });
    expect(updateAvailability(facts({ env: { PREFLIGHT_UPDATES: 'off' } }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/PREFLIGHT_UPDATES=off/) });
  });

  it('on Linux only the AppImage updates itself; the deb is updated by the package manager', () => {
    expect(updateAvailability(facts({ platform: 'linux' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/package manager/) });
  });

  it('a feed that is not https, not one it knows, or not readable is refused, naming why', () => {
    expect(updateAvailability(facts({ publishConfig: 'provider: generic\nurl: http://updates.example.com/\n' }))).toEqual({ enabled: false, reason: 'the release feed http://updates.example.com/ is not https' });
    expect(updateAvailability(facts({ publishConfig: 'provider: github\nowner: a\nrepo: b\nprotocol: http\n' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/not https/) });
    expect(updateAvailability(facts({ publishConfig: 'provider: generic\nurl: https://updates.example.com/preflight\n' }))).toEqual({ enabled: true, feed: 'https://updates.example.com/preflight' });
    expect(updateAvailability(facts({ publishConfig: 'provider: s3\nbucket: x\n' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/provider "s3"/) });
    expect(updateAvailability(facts({ publishConfig: 'provider: github\n' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/owner and repo/) });
    expect(updateAvailability(facts({ publishConfig: ': : [' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/cannot be read/) });
    expect(updateAvailability(facts({ publishConfig: '- a\n- b\n' }))).toMatchObject({ enabled: false, reason: expect.stringMatching(/cannot be read/) });
  });
});

describe('when it checks', () => {
  const now = 1_800_000_000_000;
  it('first a minute after start, then once a day, counted from the last check kept in the data folder', () => {
    expect(nextCheckDelay({ now })).toBe(FIRST_CHECK_DELAY_MS);
    expect(nextCheckDelay({ now, lastCheckedAt: now - 2 * CHECK_INTERVAL_MS })).toBe(FIRST_CHECK_DELAY_MS);
    expect(nextCheckDelay({ now, lastCheckedAt: now - 1000 })).toBe(CHECK_INTERVAL_MS - 1000);
    // A clock set back (last check "in the future") does not postpone the check by more than a day.
    expect(nextCheckDelay({ now, lastCheckedAt: now + 10 * CHECK_INTERVAL_MS })).toBe(CHECK_INTERVAL_MS);
  });

  it('reads the kept state leniently: anything but a finite time is "never checked"', () => {
    expect(parseUpdateState({ lastCheckedAt: 1234 })).toEqual({ lastCheckedAt: 1234 });
    for (const bad of [undefined, null, 'x', [], { lastCheckedAt: 'soon' }, { lastCheckedAt: Number.NaN }, { lastCheckedAt: -5 }]) expect(parseUpdateState(bad)).toEqual({});
  });
});

describe('what the person is asked', () => {
  it('an available update is downloaded only after "Download"; Later is the default and the cancel answer', () => {
    const d = availableDialog({ appName: 'Preflight', current: '0.1.0', version: '0.2.0' });
    expect(d).toMatchObject({ type: 'info', buttons: ['Download', 'Later'], defaultId: 1, cancelId: 1, message: 'Preflight 0.2.0 is available (you have 0.1.0).' });
    expect(d.detail).toMatch(/installed only when you choose/);
  });

  it('a downloaded update restarts only on "Restart and Install"; "Install When I Quit" is its own yes; Not Now installs nothing', () => {
    const d = downloadedDialog({ appName: 'Preflight', version: '0.2.0', sendsRunning: 0 });
    expect(d.buttons).toEqual(['Restart and Install', 'Install When I Quit', 'Not Now']);
    expect(d).toMatchObject({ defaultId: 2, cancelId: 2 });
    expect([0, 1, 2, -1, 7].map((r) => downloadedChoice(d, r))).toEqual(['restart', 'on-quit', 'not-now', 'not-now', 'not-now']);
  });

  it('while a send is running there is no restart now: the send would be cut off', () => {
    const d = downloadedDialog({ appName: 'Preflight', version: '0.2.0', sendsRunning: 1 });
    expect(d.buttons).toEqual(['Install When I Quit', 'Not Now']);
    expect(d.detail).toMatch(/1 send is running/);
    expect([0, 1].map((r) => downloadedChoice(d, r))).toEqual(['on-quit', 'not-now']);
  });

  it('a check from the menu always answers (latest, error, or why updates are off); an automatic one stays silent but for an update', () => {
    expect(manualResultDialog({ kind: 'not-available', appName: 'Preflight', current: '0.1.0' })).toMatchObject({ message: 'Preflight 0.1.0 is the latest version.' });
    expect(manualResultDialog({ kind: 'error', appName: 'Preflight', message: 'net::ERR_INTERNET_DISCONNECTED' })).toMatchObject({ type: 'warning', message: 'Preflight could not check for updates.', detail: 'net::ERR_INTERNET_DISCONNECTED' });
    expect(manualResultDialog({ kind: 'disabled', appName: 'Preflight', reason: 'this build has no release feed' })).toMatchObject({ message: 'Preflight does not update itself here.', detail: 'Because this build has no release feed.' });
  });
});

describe("electron-builder.yml publishes to the workflow's GitHub releases", () => {
  const config = parse(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8'));
  it('GitHub provider (owner and repository from the checkout), draft releases, and a zip beside the dmg for macOS updates', () => {
    expect(config.publish).toEqual({ provider: 'github', releaseType: 'draft' });
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
  });
});
