/**
 * Renders templates with real PHP Twig (Debian's php-twig, 3.5.1), the oracle of the differential
 * suites. Cases are split by autoescape mode and each mode renders in a PHP process of its own:
 * Twig keys the classes it compiles by template name and source but not by autoescape, so one
 * process must never see the same template in both modes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OracleCase {
  template: string;
  data: Record<string, unknown>;
  autoescape: boolean;
}

export type OracleResult = { output: string; error?: undefined } | { error: string; output?: undefined };

const PHP_SCRIPT = join(__dirname, 'twig-render.php');

/** The installed Twig version, or null when PHP or php-twig is missing. */
export function phpTwigVersion(): string | null {
  const r = spawnSync('php', ['-r', 'require "/usr/share/php/Twig/autoload.php"; echo \\Twig\\Environment::VERSION;'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim();
}

/** Throws the install hint when the oracle is missing, so a missing PHP never passes silently. */
export function requirePhpTwig(): string {
  const version = phpTwigVersion();
  if (!version) throw new Error('PHP Twig is not installed: run `apt-get install -y php-cli php-twig` (CI installs them). The differential suites need the real Twig as their oracle.');
  return version;
}

/** Renders every case with PHP Twig, one process per autoescape mode; results in the cases' order. */
export function renderWithPhp(cases: readonly OracleCase[]): OracleResult[] {
  const out: OracleResult[] = new Array(cases.length);
  const dir = mkdtempSync(join(tmpdir(), 'twig-oracle-'));
  for (const mode of [true, false]) {
    const index = cases.flatMap((c, i) => (c.autoescape === mode ? [i] : []));
    if (!index.length) continue;
    const file = join(dir, `cases-${mode ? 'html' : 'text'}.json`);
    writeFileSync(file, JSON.stringify(index.map((i) => cases[i])));
    const results = JSON.parse(execFileSync('php', ['-d', 'error_reporting=0', '-d', 'display_errors=0', PHP_SCRIPT, file], { encoding: 'utf8', maxBuffer: 1 << 28 })) as OracleResult[];
    index.forEach((caseIndex, j) => {
      out[caseIndex] = results[j]!;
    });
  }
  return out;
}
