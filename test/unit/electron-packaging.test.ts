import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// @ts-expect-error plain ESM script without types
import { classifyFindings, parseAllowlist, toFinding } from '../../scripts/security-scan.mjs';
// @ts-expect-error plain ESM script without types
import { failureSummary, isNetworkFailure, offlineMessage } from '../../scripts/dist.mjs';

const root = join(__dirname, '..', '..');
const afterPack = createRequire(import.meta.url)('../../scripts/after-pack.cjs') as {
  fuseSettings(platform: string): Record<string, boolean>;
  electronExecutable(context: unknown): string;
  FUSE_NAMES: string[];
};

describe('Electron fuses (set at packaging)', () => {
  it('turn off RunAsNode, NODE_OPTIONS and --inspect, turn on cookie encryption and app-from-asar only, on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux']) {
      expect(afterPack.fuseSettings(platform), platform).toMatchObject({
        RunAsNode: false,
        EnableCookieEncryption: true,
        EnableNodeOptionsEnvironmentVariable: false,
        EnableNodeCliInspectArguments: false,
        OnlyLoadAppFromAsar: true,
        GrantFileProtocolExtraPrivileges: false,
      });
    }
  });
  it('validate the asar integrity hash where Electron supports it (macOS, Windows)', () => {
    expect(afterPack.fuseSettings('darwin').EnableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(afterPack.fuseSettings('win32').EnableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(afterPack.fuseSettings('linux').EnableEmbeddedAsarIntegrityValidation).toBe(false);
  });
  it('set every fuse explicitly, in the wire order of @electron/fuses', () => {
    expect(Object.keys(afterPack.fuseSettings('linux'))).toEqual(afterPack.FUSE_NAMES);
  });
  it('find the packaged binary on each platform', () => {
    const ctx = (electronPlatformName: string) => ({ appOutDir: '/out', electronPlatformName, packager: { appInfo: { productFilename: 'Preflight' }, executableName: 'preflight' } });
    expect(afterPack.electronExecutable(ctx('darwin'))).toBe(join('/out', 'Preflight.app'));
    expect(afterPack.electronExecutable(ctx('win32'))).toBe(join('/out', 'Preflight.exe'));
    expect(afterPack.electronExecutable(ctx('linux'))).toBe(join('/out', 'preflight'));
  });
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  it('builds a dmg (with the zip macOS updates install from), an NSIS installer, an AppImage and a deb, with app id, icons and the fuse hook', () => {
    expect(config.appId).toBe('com.preflight.desktop');
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    expect(readFileSync(join(root, config.mac.icon)).subarray(1, 4).toString()).toBe('PNG');
    expect(readdirSync(join(root, config.linux.icon))).toContain('512x512.png');
  });
  it('packs only the built app and the sample workspace', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'examples/**']));
    expect(config.asar).toBe(true);
  });
});

describe('npm run dist without internet', () => {
  it('recognises electron-builder network failures', () => {
    expect(isNetworkFailure('  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: …')).toBe(true);
    expect(isNetworkFailure('  ⨯ Application entry file "dist/electron/main.cjs" does not exist')).toBe(false);
  });
  it('prints one paragraph without the stack trace', () => {
    const summary = failureSummary('• packaging\n  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: x\n    at y (z.js:1:1)\n');
    expect(summary).toBe('⨯ getaddrinfo ENOTFOUND github.com  failedTask=build');
    const message = offlineMessage('45.5.0', 'the download failed');
    expect(message).not.toMatch(/\n|\bat \S+ \(/);
    expect(message).toMatch(/internet access/);
  });
});

describe('security scan', () => {
  const finding = (check: string, severity: string, file = 'electron/main.ts') => toFinding({ id: check, severity: { name: severity }, confidence: { name: 'FIRM' }, file, location: { line: 3, column: 1 } });
  it('blocks findings above low severity unless allow-listed for that file', () => {
    const allow = parseAllowlist([{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/native-shell.ts', reason: 'the one guarded call, confirmed and http(s) only' }]);
    const r = classifyFindings([finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'electron/native-shell.ts'), finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'electron/main.ts'), finding('CSP_GLOBAL_CHECK', 'LOW'), finding('NODE_INTEGRATION_JS_CHECK', 'INFORMATIONAL')], allow);
    expect(r.allowed.map((f: { file: string }) => f.file)).toEqual(['electron/native-shell.ts']);
    expect(r.blocking.map((f: { file: string }) => f.file)).toEqual(['electron/main.ts']);
    expect(r.low).toHaveLength(2);
    expect(r.unused).toEqual([]);
  });
  it('requires a reason for every allow-list entry', () => {
    expect(() => parseAllowlist([{ check: 'X', file: 'electron/a.ts', reason: 'ok' }])).toThrow(/reason/);
    expect(() => parseAllowlist({})).toThrow();
  });
  it('the committed allow-list explains each entry', () => {
    const list = parseAllowlist(JSON.parse(readFileSync(join(root, 'security/electronegativity-allowlist.json'), 'utf8')));
    expect(list.length).toBeGreaterThan(0);
  });
});

describe('the Electron-free modules', () => {
  it('never import electron (so these tests and the browser host can load them)', () => {
    const thin = new Set(['main.ts', 'preload.ts', 'secret-store.ts', 'menu.ts', 'window.ts', 'native-shell.ts', 'pdf-export.ts', 'updater.ts']);
    for (const name of readdirSync(join(root, 'electron'))) {
      if (thin.has(name)) continue;
      expect(readFileSync(join(root, 'electron', name), 'utf8'), name).not.toMatch(/from ['"]electron['"]|require\(['"]electron['"]\)/);
    }
    for (const name of readdirSync(join(root, 'test', 'unit')).filter((n) => n.startsWith('electron-'))) {
      expect(readFileSync(join(root, 'test', 'unit', name), 'utf8'), name).not.toMatch(/from ['"]electron['"]/);
    }
    expect(readFileSync(join(root, 'host', 'app-service.ts'), 'utf8')).not.toMatch(/from ['"]electron['"]/);
  });
});
