// Code signing and notarisation for `npm run dist` (scripts/dist.mjs), driven by the variables
// electron-builder reads: CSC_LINK / CSC_KEY_PASSWORD (macOS Developer ID certificate),
// APPLE_ID / APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID (notarisation), WIN_CSC_LINK /
// WIN_CSC_KEY_PASSWORD (Windows Authenticode certificate). The release workflow maps its secrets to
// them; a secret that is not set arrives as an empty string, which electron-builder would take as
// "set" (and fail on). This plan drops empty values and the ones that do not belong to the platform
// being built, and says in one line per platform what is signed and what is not. Unit-tested in
// test/unit/release-signing.test.ts.

const MAC_CERT = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'CSC_NAME'];
const APPLE = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
const WIN_CERT = ['WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD'];
/** Every variable the plan decides about; anything else in the environment passes through. */
export const SIGNING = [...MAC_CERT, ...APPLE, ...WIN_CERT, 'GH_TOKEN', 'GITHUB_TOKEN'];

const present = (env, name) => typeof env[name] === 'string' && env[name].trim() !== '';

/**
 * The environment electron-builder runs with on `platform`, what it will do (`lines`), and
 * configuration mistakes that must stop the build (`problems`).
 * @param {Record<string, string | undefined>} env
 * @param {NodeJS.Platform} platform
 */
export function signingPlan(env, platform) {
  const out = {};
  for (const [k, v] of Object.entries(env)) if (!SIGNING.includes(k) && v !== undefined) out[k] = v;
  // The publish token is needed only where a release is uploaded; empty means absent.
  for (const k of ['GH_TOKEN', 'GITHUB_TOKEN']) if (present(env, k)) out[k] = env[k];
  const keep = (names) => names.filter((n) => present(env, n)).forEach((n) => (out[n] = env[n]));
  const lines = [];
  const problems = [];

  if (platform === 'darwin') {
    const signed = present(env, 'CSC_LINK') || present(env, 'CSC_NAME');
    if (signed) {
      keep(MAC_CERT);
      lines.push(`macOS: signing with the Developer ID certificate in ${present(env, 'CSC_LINK') ? 'CSC_LINK' : 'CSC_NAME'}`);
    } else {
      // Without this electron-builder searches the keychain for any identity it can find.
      out.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
      lines.push('macOS: not signed (CSC_LINK is not set): Gatekeeper blocks the app until the person allows it, and macOS updates cannot be installed into an unsigned app');
    }
    const apple = APPLE.filter((n) => present(env, n));
    if (!signed) lines.push(apple.length > 0 ? 'macOS: not notarised (an unsigned app cannot be)' : 'macOS: not notarised (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set)');
    else if (apple.length === APPLE.length) {
      keep(APPLE);
      lines.push('macOS: notarising with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID');
    } else if (apple.length > 0) {
      problems.push(`notarisation needs ${APPLE.join(', ').replace(/, (?=[^,]*$)/, ' and ')} together; missing: ${APPLE.filter((n) => !present(env, n)).join(', ')}`);
    } else lines.push('macOS: not notarised (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID are not set)');
  } else if (platform === 'win32') {
    // CSC_LINK is the macOS certificate here: electron-builder would fall back to it on Windows.
    if (present(env, 'WIN_CSC_LINK')) {
      keep(WIN_CERT);
      lines.push('Windows: signing with the certificate in WIN_CSC_LINK');
    } else {
      lines.push("Windows: not signed (WIN_CSC_LINK is not set): SmartScreen warns on first run, and electron-updater can check only the installer's sha512, not its publisher");
    }
  } else {
    lines.push("Linux: the AppImage and deb are not signed (electron-updater checks the AppImage's sha512 from latest-linux.yml, fetched over https)");
  }
  return { env: out, lines, problems };
}

/** electron-builder's arguments: never publish unless the caller passes its own --publish / -p. */
export function publishArgs(args) {
  const asked = args.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish='));
  return asked ? [...args] : ['--publish', 'never', ...args];
}
