/**
 * `npm run dist` signs and notarises when the release workflow's secrets are present and builds
 * unsigned, saying so, when they are absent. GitHub Actions passes a missing secret as an empty
 * string, which electron-builder would take as "set": the plan drops those first.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { publishArgs, signingPlan } from '../../scripts/signing.mjs';

const apple = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop', APPLE_TEAM_ID: 'TEAM123456' };

describe('macOS', () => {
  it("with no secrets (a fork's pull request): unsigned, no identity lookup, not notarised, and says so", () => {
    const p = signingPlan({ PATH: '/bin', CSC_LINK: '', CSC_KEY_PASSWORD: '', APPLE_ID: '', APPLE_APP_SPECIFIC_PASSWORD: '', APPLE_TEAM_ID: '' }, 'darwin');
    expect(p.problems).toEqual([]);
    expect(p.env).toEqual({ PATH: '/bin', CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(p.lines.join('\n')).toMatch(/macOS: not signed \(CSC_LINK is not set\)/);
    expect(p.lines.join('\n')).toMatch(/not notarised/);
  });

  it('with the certificate and all three Apple values: signs and notarises, passing them through unchanged', () => {
    const p = signingPlan({ CSC_LINK: 'base64cert', CSC_KEY_PASSWORD: 'pw', ...apple }, 'darwin');
    expect(p.problems).toEqual([]);
    expect(p.env).toEqual({ CSC_LINK: 'base64cert', CSC_KEY_PASSWORD: 'pw', ...apple });
    expect(p.lines).toEqual(['macOS: signing with the Developer ID certificate in CSC_LINK', 'macOS: notarising with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID']);
  });

  it('with only some of the Apple values: a problem naming the missing ones (never a half-configured notarisation)', () => {
    const p = signingPlan({ CSC_LINK: 'c', APPLE_ID: 'dev@example.com', APPLE_TEAM_ID: '' }, 'darwin');
    expect(p.problems).toEqual(['notarisation needs APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID together; missing: APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID']);
  });

  it('the Apple values without a certificate are dropped: an unsigned app cannot be notarised', () => {
    const p = signingPlan({ ...apple }, 'darwin');
    expect(p.problems).toEqual([]);
    expect(p.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    expect(p.lines.join('\n')).toMatch(/not notarised \(an unsigned app cannot be\)/);
  });
});

describe('Windows', () => {
  it('signs with WIN_CSC_LINK, and never with the macOS certificate in CSC_LINK', () => {
    const p = signingPlan({ WIN_CSC_LINK: 'pfx', WIN_CSC_KEY_PASSWORD: 'pw', CSC_LINK: 'mac-cert', CSC_KEY_PASSWORD: 'mac-pw', ...apple }, 'win32');
    expect(p.env).toEqual({ WIN_CSC_LINK: 'pfx', WIN_CSC_KEY_PASSWORD: 'pw' });
    expect(p.lines).toEqual(['Windows: signing with the certificate in WIN_CSC_LINK']);
  });

  it('without WIN_CSC_LINK builds unsigned and says what that means', () => {
    const p = signingPlan({ WIN_CSC_LINK: '', CSC_LINK: 'mac-cert' }, 'win32');
    expect(p.env).toEqual({});
    expect(p.lines.join('\n')).toMatch(/Windows: not signed \(WIN_CSC_LINK is not set\)/);
  });
});

describe('Linux', () => {
  it('drops every signing value and says the packages are not signed', () => {
    const p = signingPlan({ CSC_LINK: 'x', WIN_CSC_LINK: 'y', HOME: '/home/ci', GH_TOKEN: '' }, 'linux');
    expect(p.env).toEqual({ HOME: '/home/ci' });
    expect(p.lines.join('\n')).toMatch(/Linux: the AppImage and deb are not signed/);
  });
});

describe('publishing', () => {
  it('never publishes unless asked; a release run passes --publish through', () => {
    expect(publishArgs(['--linux'])).toEqual(['--publish', 'never', '--linux']);
    expect(publishArgs(['--publish', 'always'])).toEqual(['--publish', 'always']);
    expect(publishArgs(['-p', 'always', '--mac'])).toEqual(['-p', 'always', '--mac']);
    expect(publishArgs(['--publish=always'])).toEqual(['--publish=always']);
  });
});
