// electron-builder `afterPack` hook: flips Electron's fuses in the packaged binary, before code
// signing (so the OS signature then protects them). The config is a pure function, unit-tested in
// test/unit/electron-packaging.test.ts; `@electron/fuses` (ESM-only) is loaded only when packaging.
'use strict';
const path = require('node:path');

// Fuse indices of @electron/fuses' FuseV1Options (kept here as names so the config is testable
// without loading the ESM package).
const FUSE_NAMES = ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot', 'GrantFileProtocolExtraPrivileges'];

/**
 * The fuses for one platform, by name:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node runtime;
 * - cookie encryption on; NODE_OPTIONS and --inspect/--inspect-brk ignored;
 * - only load the app from app.asar, and validate its embedded integrity hash on macOS and Windows
 *   (the platforms where Electron supports it; electron-builder embeds the hash there);
 * - no extra privileges for file:// (the renderer uses app://).
 * Note: with EnableNodeCliInspectArguments off, Playwright's `_electron.launch` cannot attach, so
 * the Electron smoke tests run against the unpackaged build (see playwright.electron.config.ts).
 */
function fuseSettings(platform) {
  return {
    RunAsNode: false,
    EnableCookieEncryption: true,
    EnableNodeOptionsEnvironmentVariable: false,
    EnableNodeCliInspectArguments: false,
    EnableEmbeddedAsarIntegrityValidation: platform === 'darwin' || platform === 'win32',
    OnlyLoadAppFromAsar: true,
    LoadBrowserProcessSpecificV8Snapshot: false,
    GrantFileProtocolExtraPrivileges: false,
  };
}

/** The packaged Electron executable (or .app bundle on macOS) inside electron-builder's output folder. */
function electronExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const settings = fuseSettings(context.electronPlatformName);
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: false };
  for (const name of FUSE_NAMES) config[FuseV1Options[name]] = settings[name];
  // arm64 macOS refuses to run an unsigned binary: re-apply the ad-hoc signature after flipping
  // (a real Developer ID signature is applied later by electron-builder when configured).
  config.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; /* Arch.arm64 */
  const target = electronExecutable(context);
  await flipFuses(target, config);
  console.log(`  • fuses flipped  ${path.basename(target)}: ${FUSE_NAMES.map((n) => `${n}=${settings[n] ? 'on' : 'off'}`).join(' ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.electronExecutable = electronExecutable;
module.exports.FUSE_NAMES = FUSE_NAMES;
