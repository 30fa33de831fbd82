// The decisions of `npm test` (scripts/test.mjs) that depend on the machine, kept pure so they are
// unit-tested (test/unit/test-plan.test.ts): whether the Electron smoke suite runs, may be skipped or
// must fail, and whether the differential suite (real PHP Twig) runs here.
//
// On the development machines Electron's binary cannot be downloaded, so the Electron suite is
// reported as skipped with the reason. The release workflow (.github/workflows/release.yml) runs
// where it can be downloaded and sets PREFLIGHT_REQUIRE_ELECTRON=1: there a missing binary, or a
// suite that skipped any test (or ran none), fails the run instead of passing quietly.

/** True when the environment asks for the Electron suite to run for real. */
export function electronRequired(env) {
  return env.PREFLIGHT_REQUIRE_ELECTRON === '1' || env.PREFLIGHT_REQUIRE_ELECTRON === 'true';
}

/**
 * Before the suite: `{ run: true }`, or what to count instead — one skipped test with the reason,
 * or one failure when the suite is required.
 * @param {{ required: boolean, binary: { path?: string, reason?: string } }} o
 */
export function electronSuitePlan(o) {
  if (o.binary.path) return { run: true };
  if (o.required) return { run: false, outcome: 'failed', message: `failed: PREFLIGHT_REQUIRE_ELECTRON=1 but ${o.binary.reason}` };
  return { run: false, outcome: 'skipped', message: `skipped: ${o.binary.reason}` };
}

/**
 * After the suite ran: when it is required, a skipped test or an empty run is a failure (the
 * suite's own `test.skip` would otherwise pass it off as green). Returns the message of the
 * failure, or undefined when the result stands as Playwright reported it.
 * @param {{ required: boolean, stats: { expected?: number, unexpected?: number, flaky?: number, skipped?: number } | undefined }} o
 */
export function electronResultProblem(o) {
  if (!o.required) return undefined;
  if (!o.stats) return 'the Electron suite wrote no report';
  const ran = (o.stats.expected ?? 0) + (o.stats.unexpected ?? 0) + (o.stats.flaky ?? 0);
  if ((o.stats.skipped ?? 0) > 0) return `the Electron suite skipped ${o.stats.skipped} test(s) where PREFLIGHT_REQUIRE_ELECTRON=1 requires all of them to run`;
  if (ran === 0) return 'the Electron suite ran no test where PREFLIGHT_REQUIRE_ELECTRON=1 requires it';
  return undefined;
}

/**
 * The differential suite needs real PHP Twig in Debian's layout. It runs wherever that is found;
 * without it `npm test` stops (the oracle is part of the suite), unless PREFLIGHT_SKIP_DIFFERENTIAL
 * names the reason it is skipped on this machine (the release workflow's macOS and Windows jobs:
 * the Linux job runs it).
 * @param {{ phpTwig: boolean, env: Record<string, string | undefined> }} o
 */
export function differentialPlan(o) {
  if (o.phpTwig) return { run: true };
  const reason = (o.env.PREFLIGHT_SKIP_DIFFERENTIAL ?? '').trim();
  if (reason) return { run: false, outcome: 'skipped', message: `skipped: ${reason}` };
  return { run: false, outcome: 'missing' };
}

/**
 * How to start a tool from node_modules on every platform: its JavaScript entry run by this Node
 * (`node_modules/.bin/*` are shell scripts, which Windows cannot spawn without a shell).
 */
export const TOOL_ENTRIES = {
  vitest: ['vitest', 'vitest.mjs'],
  playwright: ['@playwright', 'test', 'cli.js'],
};
