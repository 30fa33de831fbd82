/**
 * The execute body's fast path (shared/targets/execute-body-fast.ts) reads a body with the engine's
 * JSON.parse only when the located reader would have nothing to say about it: whichever path reads
 * a body, the body and the diagnostics are the same.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExecuteBody, parseExecuteBodyLocated } from '../../shared/targets/execute-body';
import { cleanExecuteBody } from '../../shared/targets/execute-body-fast';

const located = (text: string) => parseExecuteBodyLocated(text, { text }, 'body.json');
const either = (text: string) => parseExecuteBody(text, { file: 'body.json' });
const fixtures = join(__dirname, '../fixtures/targets');
const placeholders = new Set(['app_token', 'apptoken', 'your_app_token', 'campaign_id', 'your_campaign_id', 'user_id']);

/** Bodies each of which the located reader has something to say about: the fast path must decline every one. */
const talkative: Record<string, string> = {
  'a key written twice': '{"target":["a"],"params":{"x":1,"x":2}}',
  'target written twice': '{"target":["a"],"target":["b"]}',
  'a numeric id': '{"target":[12345]}',
  'an empty id': '{"target":["a",""]}',
  'a repeated id': '{"target":["a","b","a"]}',
  'an integer beyond 2^53': '{"target":["a"],"params":{"n":12345678901234567890}}',
  'an app token': '{"apptoken":"real-token","target":["a"]}',
  'a placeholder id': '{"id":"CAMPAIGN_ID","target":["a"]}',
  'a numeric campaign id': '{"id":42,"target":["a"]}',
  'an empty target_by': '{"target_by":" ","target":["a"]}',
  'params as an array': '{"target":["a"],"params":[1]}',
  'values as a string': '{"target":["a"],"target_with_params":{"a":"x"}}',
  'values for an untargeted id': '{"target":["a"],"target_with_params":{"b":{"x":"1"}}}',
  'no target': '{"params":{}}',
  'a syntax error': '{"target":["a"],}',
  'nesting past the limit': `{"target":["a"],"params":{"x":${'['.repeat(101)}${']'.repeat(101)}}}`,
  'an array': '["a"]',
};

describe('execute body fast path', () => {
  it('declines every body the located reader reports something about, and both entry points then agree', () => {
    for (const [name, text] of Object.entries(talkative)) {
      expect(cleanExecuteBody(text, placeholders), name).toBeUndefined();
      expect(located(text).diagnostics.length, name).toBeGreaterThan(0);
      expect(either(text), name).toEqual(located(text));
    }
  });

  it('a body behind a byte order mark, which JSON.parse refuses, is read by the located reader as before', () => {
    const text = '\ufeff{"target":["a"]}';
    expect(cleanExecuteBody(text, placeholders)).toBeUndefined();
    expect(either(text)).toEqual({ body: { target: ['a'] }, diagnostics: [] });
  });

  it('reads every JSON import fixture to the same body and diagnostics as the located reader', () => {
    for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.json') || f.endsWith('.txt'))) {
      const text = readFileSync(join(fixtures, f), 'utf8');
      expect(either(text), f).toEqual(located(text));
    }
  });

  it('reads a clean body with JSON.parse to exactly what the located reader gives, keys in the same order, __proto__ kept as data', () => {
    const text = JSON.stringify({ id: 'C1', target_by: 'user_id', target: ['u1', 'u2', '__proto__'], params: { promo: 'P', n: 1.5, big: 9007199254740991 }, extra: [1, { b: true }] }).replace('"extra"', '"target_with_params":{"__proto__":{"code":"X"},"u1":{"code":"Y"}},"extra"');
    expect(cleanExecuteBody(text, placeholders)).toBeDefined();
    const fast = either(text);
    expect(fast).toEqual(located(text));
    expect(Object.keys(fast.body)).toEqual(Object.keys(located(text).body));
    expect(Object.keys(fast.body.target_with_params!)).toEqual(['__proto__', 'u1']);
    expect(fast.body.target_with_params!['__proto__']).toEqual({ code: 'X' });
  });

  it('on random bodies, whichever path reads them gives the same body and diagnostics', () => {
    const id = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', '1', 'user_id', ''));
    const value = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(2 ** 60));
    const body = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('campaign_id', 42)),
        target_by: fc.oneof(fc.constantFrom('user_id', 'email', ''), fc.integer()),
        target: fc.array(fc.oneof(id, fc.integer()), { maxLength: 6 }),
        params: fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }), fc.array(value, { maxLength: 2 })),
        target_with_params: fc.dictionary(id, fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }), value), { maxKeys: 4 }),
        apptoken: fc.string({ maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    // Bodies that are nearly always clean: distinct non-empty ids (awkward ones too), values for some of them.
    const cleanish = fc
      .record({
        id: fc.string({ maxLength: 6 }),
        target_by: fc.constantFrom('user_id', 'email'),
        target: fc.uniqueArray(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', '1', '007')), { maxLength: 6 }),
        params: fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }),
        values: fc.array(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }), { maxLength: 6 }),
      })
      .map(({ values, ...b }) => ({ ...b, target_with_params: Object.fromEntries(b.target.slice(0, values.length).map((t, i) => [t, values[i]])) }));
    let clean = 0;
    fc.assert(
      fc.property(fc.oneof(body, cleanish) as fc.Arbitrary<Record<string, unknown>>, fc.boolean(), (b, fromTargets) => {
        // Half the time the values are for exactly the targeted ids, so clean bodies are common.
        if (fromTargets && Array.isArray(b.target)) b.target_with_params = Object.fromEntries((b.target as unknown[]).map((t) => [String(t), { code: 'X' }]));
        const text = JSON.stringify(b);
        if (cleanExecuteBody(text, placeholders)) clean++;
        expect(either(text)).toEqual(located(text));
      }),
      { numRuns: 500 },
    );
    // Both paths were exercised: a share of the random bodies took the fast one.
    expect(clean).toBeGreaterThan(25);
  });
});
