/**
 * Twig conformance: Twig's own fixtures, converted by scripts/convert-twig-fixtures.mjs, rendered by
 * the engine. Tiers: `core` (128 cases) and `extended` (31) from base-cases.json, `single-template`
 * (blocks, macros, imports, attribute(), argument unpacking...) from cases.json. A case the engine is
 * known to get wrong is listed in KNOWN_DIFFERENCES with the reason; it runs as `it.fails`, so the
 * list cannot outlive the difference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase, type ConformanceCase } from './twig-runner';

const dir = join(__dirname, 'twig');
const base = JSON.parse(readFileSync(join(dir, 'base-cases.json'), 'utf8')) as ConformanceCase[];
const upstream = (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: ConformanceCase[] }).cases;
const cases = [...base, ...upstream];

/** Cases the engine renders differently from the fixture, and why (docs/twig-support.md, "Differs"). */
export const KNOWN_DIFFERENCES: Record<string, string> = {};

describe('Twig conformance: the engine renders Twig’s own fixtures as Twig does', () => {
  for (const c of cases) {
    const known = KNOWN_DIFFERENCES[c.id];
    const name = `${c.tier} ${c.id}: ${c.title}${known ? ` (known difference: ${known})` : ''}`;
    (known ? it.fails : it)(name, () => {
      const r = runCase(c);
      if (c.exception) expect(r.pass, `Twig throws ${c.exception.type}: ${c.exception.message}; the engine gave ${r.error ?? JSON.stringify(r.output)}`).toBe(true);
      else expect(r.error ?? r.output?.replace(/^[\n ]+|[\n ]+$/g, '')).toBe(c.expected);
    });
  }

  it('passes at least 126 of the 128 core cases, all 31 extended ones and every single-template case', () => {
    const score = (tier: string) => {
      const t = cases.filter((c) => c.tier === tier);
      return { n: t.length, pass: t.filter((c) => runCase(c).pass).length };
    };
    const core = score('core');
    const extended = score('extended');
    const single = score('single-template');
    expect(core.n).toBe(128);
    expect(core.pass).toBeGreaterThanOrEqual(126);
    expect(extended).toEqual({ n: 31, pass: 31 });
    expect(single.pass).toBe(single.n);
  });
});
