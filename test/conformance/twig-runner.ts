/**
 * Runs Twig's own integration fixtures (test/conformance/twig/) through the engine, with the rule
 * Twig's harness uses: output and expectation trimmed of spaces and newlines at both ends, then
 * compared byte for byte. A fixture expecting a SyntaxError passes when the engine reports a
 * compile-time error; one expecting any other error passes when compiling or rendering fails.
 * Used by twig-conformance.test.ts (npm test) and scripts/twig-conformance.mjs (the figures).
 */
import { compileTemplate } from '../../shared/render/engine';

export interface ConformanceCase {
  id: string;
  fixture: string;
  category: string;
  tier: 'core' | 'extended' | 'single-template';
  title: string;
  template: string;
  data: Record<string, unknown>;
  /** Expected output, trimmed like Twig's harness trims it. */
  expected?: string;
  /** Set instead of `expected` when the fixture expects an error. */
  exception?: { type: string; message: string };
  autoescape: string | false;
  timezone?: string;
  derived?: unknown;
}

export interface CaseResult {
  pass: boolean;
  output?: string;
  error?: string;
}

/** Twig's harness registers one global for every fixture. */
export const HARNESS_GLOBALS = { global: 'global' };

const trimTwig = (s: string) => s.replace(/^[\n ]+|[\n ]+$/g, '');

/** Renders one case and compares it with the fixture's expectation. */
export function runCase(c: ConformanceCase): CaseResult {
  const t = compileTemplate(c.template, { autoescape: c.autoescape === 'html', timezone: c.timezone ?? 'UTC', globals: HARNESS_GLOBALS });
  const compileError = t.diagnostics.find((d) => d.severity === 'error');
  const r = compileError ? { output: '', error: compileError } : t.render(structuredClone(c.data));
  const error = r.error ? `${r.error.code} ${r.error.line ?? '?'}:${r.error.column ?? '?'} ${r.error.message}` : undefined;
  if (c.exception) {
    const pass = c.exception.type === 'SyntaxError' ? compileError !== undefined : error !== undefined;
    return { pass, output: r.output, error };
  }
  if (error) return { pass: false, error };
  return { pass: trimTwig(r.output) === c.expected, output: r.output };
}
