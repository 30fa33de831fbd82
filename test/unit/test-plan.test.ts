/**
 * `npm test` on a machine without Electron's binary reports the Electron suite as skipped, with the
 * reason; where the release workflow requires it (PREFLIGHT_REQUIRE_ELECTRON=1) a missing binary or
 * a suite that skipped anything fails the run. The last tests run scripts/test.mjs itself (its
 * Electron stage only), with Electron's binary hidden behind an empty ELECTRON_OVERRIDE_DIST_PATH.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { differentialPlan, electronRequired, electronResultProblem, electronSuitePlan } from '../../scripts/test-plan.mjs';

const root = join(__dirname, '..', '..');
const missing = { reason: 'Electron binary not installed (its download needs internet access beyond the npm registry)' };

describe('the Electron smoke suite in npm test', () => {
  it('runs where the binary is installed', () => {
    expect(electronSuitePlan({ required: true, binary: { path: '/x/electron' } })).toEqual({ run: true });
    expect(electronSuitePlan({ required: false, binary: { path: '/x/electron' } })).toEqual({ run: true });
  });

  it('is reported skipped, with the reason, where the binary is missing and nobody requires it', () => {
    expect(electronSuitePlan({ required: false, binary: missing })).toEqual({ run: false, outcome: 'skipped', message: `skipped: ${missing.reason}` });
  });

  it('fails the run where PREFLIGHT_REQUIRE_ELECTRON=1 and the binary is missing', () => {
    expect(electronSuitePlan({ required: true, binary: missing })).toEqual({ run: false, outcome: 'failed', message: `failed: PREFLIGHT_REQUIRE_ELECTRON=1 but ${missing.reason}` });
  });

  it('is required by PREFLIGHT_REQUIRE_ELECTRON=1 (or true) only', () => {
    expect([{ PREFLIGHT_REQUIRE_ELECTRON: '1' }, { PREFLIGHT_REQUIRE_ELECTRON: 'true' }, {}, { PREFLIGHT_REQUIRE_ELECTRON: '0' }, { PREFLIGHT_REQUIRE_ELECTRON: '' }].map(electronRequired)).toEqual([true, true, false, false, false]);
  });

  it('where required, a suite that skipped a test or ran none fails, naming how many it skipped', () => {
    expect(electronResultProblem({ required: true, stats: { expected: 7, skipped: 0 } })).toBeUndefined();
    expect(electronResultProblem({ required: true, stats: { expected: 0, skipped: 9 } })).toBe('the Electron suite skipped 9 test(s) where PREFLIGHT_REQUIRE_ELECTRON=1 requires all of them to run');
    expect(electronResultProblem({ required: true, stats: { expected: 6, skipped: 1 } })).toMatch(/skipped 1 test/);
    expect(electronResultProblem({ required: true, stats: {} })).toMatch(/ran no test/);
    expect(electronResultProblem({ required: true, stats: undefined })).toMatch(/no report/);
    // Not required: Playwright's own counts stand (a skip is a skip).
    expect(electronResultProblem({ required: false, stats: { expected: 0, skipped: 9 } })).toBeUndefined();
  });
});

describe('the differential suite in npm test', () => {
  it('runs where PHP Twig is found, stops the run where it is missing, and is skipped only with a stated reason', () => {
    expect(differentialPlan({ phpTwig: true, env: { PREFLIGHT_SKIP_DIFFERENTIAL: 'x' } })).toEqual({ run: true });
    expect(differentialPlan({ phpTwig: false, env: {} })).toEqual({ run: false, outcome: 'missing' });
    expect(differentialPlan({ phpTwig: false, env: { PREFLIGHT_SKIP_DIFFERENTIAL: '  ' } })).toEqual({ run: false, outcome: 'missing' });
    expect(differentialPlan({ phpTwig: false, env: { PREFLIGHT_SKIP_DIFFERENTIAL: 'it runs on the Linux job' } })).toEqual({ run: false, outcome: 'skipped', message: 'skipped: it runs on the Linux job' });
  });
});

describe('scripts/test.mjs, Electron stage only, without the binary', () => {
  const run = (env: Record<string, string>) => {
    const { PREFLIGHT_REQUIRE_ELECTRON: _drop, ...rest } = process.env;
    return spawnSync(process.execPath, [join(root, 'scripts/test.mjs'), '--only=electron'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...rest, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'preflight-no-electron-')), ...env },
    });
  };

  it('passes, counting the suite as one skipped with the reason', () => {
    const r = run({});
    expect(r.stdout).toMatch(/Electron smoke tests\nskipped: Electron binary not installed/);
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 0 failed, 1 skipped');
    expect(r.status).toBe(0);
  });

  it('fails with PREFLIGHT_REQUIRE_ELECTRON=1, saying why', () => {
    const r = run({ PREFLIGHT_REQUIRE_ELECTRON: '1' });
    expect(r.stdout).toMatch(/failed: PREFLIGHT_REQUIRE_ELECTRON=1 but Electron binary not installed/);
    expect(r.stdout.trim().split('\n').pop()).toBe('0 passed, 1 failed, 0 skipped');
    expect(r.status).toBe(1);
  });
});
