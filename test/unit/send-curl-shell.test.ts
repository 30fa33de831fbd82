/**
 * The copied curl command is pasted into a shell by a person: every part of it must reach curl as
 * exactly one word, whatever the base URL or the values hold, and nothing in it may run. The test
 * runs the copied command in `sh` with `curl` replaced by a recorder script on PATH.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCurl } from '../../shared/send/request';
import { requestBody } from '../../shared/send/plan';
import { parseCurl } from '../../shared/targets/curl';

let dir: string;
let marker: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-curl-'));
  marker = join(dir, 'ran');
  // The recorder writes each argument it got, NUL-terminated, so the exact argv can be compared.
  writeFileSync(join(dir, 'curl'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${join(dir, 'argv')}"\n`);
  chmodSync(join(dir, 'curl'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a copied command in sh as a person's terminal would, and returns the argv curl received. */
function runCopied(command: string): string[] {
  rmSync(join(dir, 'argv'), { force: true });
  execFileSync('sh', ['-c', command], { cwd: dir, env: { PATH: `${dir}:/usr/bin:/bin`, XP_APP_TOKEN: 'SECRET-TOKEN', HOME: dir }, encoding: 'utf8' });
  return readFileSync(join(dir, 'argv'), 'utf8').split('\0').slice(0, -1);
}

describe('the copied curl command', () => {
  const hostile = [`https://evil.example/$(touch ${'MARKER'})`, 'https://evil.example/`touch MARKER`', "https://evil.example/it's;touch MARKER", 'https://evil.example/a b&&touch MARKER|', 'https://evil.example/${HOME}/$XP_APP_TOKEN/"quoted"'];

  for (const raw of hostile) {
    it(`passes a base URL like ${raw.replace('MARKER', '…')} to curl as one word and runs nothing`, () => {
      const baseUrl = raw.replace('MARKER', marker);
      const body = requestBody('Campaign_ID', { target_by: 'user_id', target: ['u1'], params: { note: `it's $(touch ${marker}) \`touch ${marker}\`` }, target_with_params: {} });
      const argv = runCopied(toCurl(baseUrl, body!));
      expect(existsSync(marker)).toBe(false);
      expect(argv).toEqual([
        '--request',
        'POST',
        '--url',
        `${baseUrl.replace(/\/+$/, '')}/api/external/execute/campaign`,
        '--header',
        'Accept: application/json',
        '--header',
        'Content-Type: application/json',
        '--data',
        JSON.stringify({ apptoken: 'SECRET-TOKEN', ...body }, null, 2),
      ]);
    });
  }

  it('is still read back by the paste parser: URL, token variable and body', () => {
    const body = requestBody('Campaign_ID', { target_by: 'user_id', target: ['u1'], params: { p: "it's" }, target_with_params: {} });
    const parsed = parseCurl(toCurl('https://external-api.xtremepush.com', body!));
    expect(parsed.url).toBe('https://external-api.xtremepush.com/api/external/execute/campaign');
    expect(parsed.apptokenVariable).toBe('XP_APP_TOKEN');
    expect(parsed.body?.params).toEqual({ p: "it's" });
  });
});
