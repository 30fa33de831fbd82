/**
 * One nesting limit for JSON from outside (shared/json-limits.ts, MAX_JSON_DEPTH = 100 levels of
 * arrays and objects, the outermost one included), the same on every path JSON comes in by: the
 * CLI's --request and --params, the app's imports (saved requests use the same body reader), the editor's params text, and
 * the host's IPC arguments. At the limit the input is read; one level past it is refused with its place.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_JSON_DEPTH } from '../../shared/json-limits';
import { readImport } from '../../shared/targets/import';
import { parseParamsJson } from '../../renderer/components/data/params-text';
import { main } from '../../cli/src/main';
import { createServices } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';

const dir = mkdtempSync(join(tmpdir(), 'preflight-json-depth-'));
const campaign = join('examples', 'campaigns/promo-journey.yaml');
/** `n` nested arrays: n levels. */
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
/** A params object whose value `x` makes the whole text `levels` deep (the object itself is one level). */
const paramsOf = (levels: number) => `{"x": ${nested(levels - 1)}}`;
/** An execute body whose params make the whole text `levels` deep (body, params, then x). */
const bodyOf = (levels: number) => `{"target": ["u1"],\n "params": {"x": ${nested(levels - 2)}}}`;
const AT = MAX_JSON_DEPTH;
const PAST = MAX_JSON_DEPTH + 1;

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('the JSON nesting limit is 100 levels on every path', () => {
  it('preflight request --request reads a body 100 levels deep and refuses 101 with the file, line and column', async () => {
    const ok = await run('request', campaign, '--request', file('at.json', bodyOf(AT)));
    expect(ok.stderr).not.toMatch(/nested/);
    expect(JSON.parse(ok.stdout)[0].target).toEqual(['u1']);
    const p = file('past.json', bodyOf(PAST));
    const bad = await run('request', campaign, '--request', p);
    expect(bad.code).toBe(2);
    // The 101st level: line 2, after ` "params": {"x": ` (17 characters) and 98 more brackets.
    expect(bad.stderr).toContain(`${p}, line 2, column ${17 + 98 + 1}`);
    expect(bad.stderr).toMatch(/nested more than 100 levels/);
  });

  // The 101st level: after `{"x": ` (6 characters) and 99 brackets.
  it('preflight request --params reads 100 levels and refuses 101 at line 1 and its column', async () => {
    const ok = await run('request', campaign, '--params', paramsOf(AT));
    expect(ok.stderr).not.toMatch(/nested/);
    expect(JSON.parse(ok.stdout)[0].params.x).toBeDefined();
    const bad = await run('request', campaign, '--params', paramsOf(PAST));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`--params: not valid JSON at line 1, column ${6 + 99 + 1} \\(.*nested more than 100 levels`));
  });

  it('an app import of an execute body reads 100 levels and refuses 101 as a located syntax error', () => {
    const ok = readImport(bodyOf(AT), { file: 'body.json', targetBy: 'user_id' });
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bad = readImport(bodyOf(PAST), { file: 'body.json', targetBy: 'user_id' });
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'body.json', line: 2, column: 17 + 98 + 1, message: expect.stringMatching(/nested more than 100 levels/) }));
  });

  it("the editor's params text reads 100 levels and refuses 101 at its line and column", () => {
    const ok = parseParamsJson(paramsOf(AT));
    expect(ok.ok).toBe(true);
    const bad = parseParamsJson(paramsOf(PAST));
    expect(bad).toMatchObject({ ok: false, line: 1, column: 6 + 99 + 1, message: expect.stringMatching(/nested more than 100 levels/) });
  });

  it('an IPC call 100 levels deep reaches its handler; 101 levels is refused naming the path', async () => {
    const base = mkdtempSync(join(tmpdir(), 'preflight-depth-ipc-'));
    cpSync(join('examples'), join(base, 'ws'), { recursive: true });
    const s = await createServices({ host: 'browser', version: 'test', workspaceDir: join(base, 'ws'), dataDir: join(base, 'data'), secrets: new MemorySecretStore(), emit: () => undefined });
    try {
      // The arguments object, `set`, then the value: 2 levels before the arrays.
      const args = (levels: number) => JSON.parse(`{"id": "C1", "set": {"messages.9.sms_text": ${nested(levels - 2)}}}`);
      const ok = await dispatch(s.handlers, 'sandbox.platform.setCampaign', args(AT));
      expect(JSON.stringify(ok)).not.toMatch(/nested more than/);
      const bad = await dispatch(s.handlers, 'sandbox.platform.setCampaign', args(PAST));
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/nested more than 100 levels/), issues: [{ path: expect.stringMatching(/^set\.messages\.9\.sms_text(\[0\])+$/) }] } });
    } finally {
      await s.close();
    }
  });
});
