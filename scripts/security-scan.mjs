#!/usr/bin/env node
// The Electron security scan (`npm test` step and CI): runs @doyensec/electronegativity over the
// main process and preload (electron/), the CSP (host/csp.ts) and the renderer's page
// (renderer/index.html), then fails on any finding above LOW severity that is not explained in
// security/electronegativity-allowlist.json ({ check, file, reason }).
//
// Offline and quick: the one check that downloads Electron's release list
// (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is excluded — Electron upgrades are tracked with
// dependency updates instead — and the Electron version is taken from package.json, not guessed.
// Electronegativity also tries to fetch translations (1 s timeout, non-fatal when offline).
// Findings come from its programmatic API (the package's main export, the same `run` its CLI calls),
// because its CSV writer appends asynchronously to a header written asynchronously.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What is scanned, relative to the repository. */
export const SCANNED = ['electron', 'host/csp.ts', 'renderer/index.html'];
/** Checks left out, with why (printed with every run). */
export const EXCLUDED_CHECKS = {
  AvailableSecurityFixesGlobalCheck: 'needs the network (downloads Electron release notes); Electron upgrades are tracked with dependency updates',
};
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** Normalises one electronegativity issue to { check, severity, confidence, file, line, column, sample, description }. */
export function toFinding(issue) {
  return {
    check: issue.id,
    severity: issue.severity?.name ?? String(issue.severity),
    confidence: issue.confidence?.name ?? String(issue.confidence),
    file: String(issue.file ?? 'N/A')
      .split('\\')
      .join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    sample: issue.sample ?? '',
    description: issue.description ?? '',
  };
}

/** Validates the allow-list file's content: an array of { check, file, reason } with a real reason. */
export function parseAllowlist(raw) {
  const list = Array.isArray(raw) ? raw : raw?.entries;
  if (!Array.isArray(list)) throw new Error('the allow-list must be an array of { check, file, reason } (or { entries: [...] })');
  return list.map((e, i) => {
    if (typeof e?.check !== 'string' || typeof e?.file !== 'string' || typeof e?.reason !== 'string' || e.reason.trim().length < 20) {
      throw new Error(`allow-list entry ${i + 1} needs "check", "file" and a "reason" of at least 20 characters`);
    }
    return { check: e.check, file: e.file, reason: e.reason };
  });
}

/**
 * Splits findings: `blocking` (above LOW, not allow-listed), `allowed` (above LOW, explained),
 * `low` (LOW and informational: printed, never blocking), and `unused` allow-list entries.
 */
export function classifyFindings(findings, allowlist) {
  const used = new Set();
  const blocking = [];
  const allowed = [];
  const low = [];
  for (const f of findings) {
    if ((SEVERITY[f.severity] ?? 3) <= SEVERITY.LOW) {
      low.push(f);
      continue;
    }
    const i = allowlist.findIndex((a) => a.check === f.check && a.file === f.file);
    if (i >= 0) {
      used.add(i);
      allowed.push({ ...f, reason: allowlist[i].reason });
    } else blocking.push(f);
  }
  return { blocking, allowed, low, unused: allowlist.filter((_, i) => !used.has(i)) };
}

const where = (f) => `${f.file}:${f.line}:${f.column}`;

async function main() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const electronVersion = String(pkg.devDependencies?.electron ?? pkg.dependencies?.electron ?? '').replace(/^[^\d]*/, '');
  const allowlist = parseAllowlist(JSON.parse(readFileSync(join(root, 'security/electronegativity-allowlist.json'), 'utf8')));

  // Stage the scanned files in one folder so reported paths are repository-relative.
  const stage = mkdtempSync(join(tmpdir(), 'preflight-scan-'));
  try {
    for (const rel of SCANNED) {
      mkdirSync(dirname(join(stage, rel)), { recursive: true });
      cpSync(join(root, rel), join(stage, rel), { recursive: true });
    }
    const run = createRequire(import.meta.url)('@doyensec/electronegativity');
    const started = Date.now();
    const result = await (run.default ?? run)(
      {
        input: stage,
        isRelative: true,
        excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((c) => c.toLowerCase()),
        electronVersionOverride: electronVersion || undefined,
        parserPlugins: [],
        isVerbose: false,
      },
      false,
    );
    const hardErrors = result.errors.filter((e) => !e.tolerable);
    const findings = result.issues.map(toFinding);
    const { blocking, allowed, low, unused } = classifyFindings(findings, allowlist);

    console.log(`electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${SCANNED.join(', ')} (Electron ${electronVersion}) in ${Date.now() - started} ms`);
    for (const [check, why] of Object.entries(EXCLUDED_CHECKS)) console.log(`  excluded ${check}: ${why}`);
    for (const f of low) console.log(`  low      ${f.check} ${where(f)}`);
    for (const f of allowed) console.log(`  allowed  ${f.severity} ${f.check} ${where(f)} — ${f.reason}`);
    for (const a of unused) console.log(`  note: allow-list entry ${a.check} in ${a.file} matched nothing; remove it`);
    for (const e of hardErrors) console.log(`  PARSE ERROR ${e.file}: ${e.message}`);
    for (const f of blocking) console.log(`  FINDING  ${f.severity} ${f.check} ${where(f)}: ${f.description}\n           ${f.sample}`);
    console.log(`${blocking.length} finding(s) above low severity not allow-listed, ${allowed.length} allow-listed, ${low.length} low/informational`);
    process.exitCode = blocking.length > 0 || hardErrors.length > 0 ? 1 : 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(`security scan failed to run: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
