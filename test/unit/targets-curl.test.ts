import { describe, expect, test } from 'vitest';
import { parseCurl, parseExecuteBody } from '../../shared/targets';
import { toCurl } from '../../shared/send/request';
import { codes, fixtureText, withCode } from '../fixtures/targets/helpers';

const GATE_BODY = {
  id: 'CAMPAIGN_ID',
  params: { flight_num: 'EI105', time: '10:30', gate_num: 'B100' },
  target_by: 'user_id',
  target: ['USER_ID'],
};

describe('parseCurl', () => {
  test("the source document's gate-update command gives URL, headers, method and body", () => {
    const r = parseCurl(fixtureText('gate-update.curl.txt'), { file: 'gate' });
    expect(r.url).toBe('https://external-api.xtremepush.com/api/external/execute/campaign');
    expect(r.baseUrl).toBe('https://external-api.xtremepush.com');
    expect(r.method).toBe('POST');
    expect(r.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
    expect(r.body).toEqual(GATE_BODY);
    expect(codes(r.diagnostics, 'error')).toEqual([]);
    // APP_TOKEN and CAMPAIGN_ID are the document's placeholders.
    expect(r.apptoken).toBeUndefined();
    expect(withCode(r.diagnostics, 'placeholder').map((d) => [d.path, d.line])).toEqual([
      ['apptoken', 6],
      ['id', 7],
    ]);
  });

  test('the command exactly as printed (closing quote lost) still gives the body, with a warning at line 5', () => {
    const r = parseCurl(fixtureText('gate-update-as-printed.curl.txt'));
    expect(r.body).toEqual(GATE_BODY);
    expect(withCode(r.diagnostics, 'unterminated-quote')[0]).toMatchObject({ severity: 'warning', line: 5, column: 8 });
  });

  test("the promo journey as a Chrome-style command ($'…' quoting, CRLF continuations) gives the same data as the body", () => {
    const r = parseCurl(fixtureText('promo-journey.curl.txt'));
    const direct = parseExecuteBody(fixtureText('promo-journey-body.json'));
    expect(r.body).toEqual({ ...direct.body });
    expect(r.apptoken).toBe('real-token-123');
    expect(JSON.stringify(r.body)).not.toContain('real-token-123');
    expect(r.method).toBe('POST');
  });

  test("Preflight's own copied curl parses back to the same body, with the token as a shell variable", () => {
    const body = { id: 'c1', target_by: 'user_id', target: ["o'brien", 'u2'], params: { promo_name: "It's on" }, target_with_params: { u2: { code: 'X' } } };
    const r = parseCurl(toCurl('https://sandbox.local:8080/', body));
    expect(r.body).toEqual(body);
    expect(r.apptoken).toBeUndefined();
    expect(r.apptokenVariable).toBe('XP_APP_TOKEN');
    expect(r.baseUrl).toBe('https://sandbox.local:8080');
  });

  test('an Authorization header is a secret: returned separately, not in headers', () => {
    const r = parseCurl(`curl -H "Authorization: Bearer abc.def" -H 'Content-Type: application/json' https://x.test/api/external/execute/campaign -d '{"target":["a"]}'`);
    expect(r.authorization).toBe('Bearer abc.def');
    expect(r.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  test('short options attached to their values and combined flags are understood', () => {
    const r = parseCurl(`curl -sS -XPOST -H'Accept: application/json' -d'{"target":["a"]}' https://x.test/api/external/execute/campaign`);
    expect(r.method).toBe('POST');
    expect(r.headers).toEqual({ Accept: 'application/json' });
    expect(r.body).toEqual({ target: ['a'] });
    expect(r.url).toBe('https://x.test/api/external/execute/campaign');
  });

  test('double-quoted bodies with escaped quotes are unescaped like a shell would', () => {
    const r = parseCurl(`curl https://x.test/api/external/execute/campaign --data "{\\"target\\": [\\"a\\"], \\"params\\": {\\"p\\": \\"\\$5\\"}}"`);
    expect(r.body).toEqual({ target: ['a'], params: { p: '$5' } });
  });

  test('a pipe to jq and a leading prompt are ignored', () => {
    const r = parseCurl(`$ curl https://x.test/api/external/execute/campaign -d '{"target":["a"]}' | jq .`);
    expect(r.body).toEqual({ target: ['a'] });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
  });

  test('a JSON error inside --data is located in the pasted command', () => {
    const r = parseCurl(`curl https://x.test/api/external/execute/campaign \\\n  --data '{\n  "target": ["a",]\n}'`);
    expect(withCode(r.diagnostics, 'syntax')[0]).toMatchObject({ line: 3, column: 18 });
  });

  test('a body read from a file (@file) is an error asking for the content', () => {
    const r = parseCurl(`curl https://x.test/api/external/execute/campaign -d @body.json`);
    expect(codes(r.diagnostics, 'error')).toEqual(['body-from-file']);
  });

  test('an app token in the query string is taken out of the URL', () => {
    const r = parseCurl(`curl 'https://x.test/api/external/execute/campaign?apptoken=t0k&x=1' -d '{"target":["a"]}'`);
    expect(r.apptoken).toBe('t0k');
    expect(r.url).toBe('https://x.test/api/external/execute/campaign?x=1');
  });

  test('text that is not a curl command is an error', () => {
    expect(codes(parseCurl('wget http://x').diagnostics)).toEqual(['not-curl']);
    expect(codes(parseCurl('').diagnostics)).toEqual(['not-curl']);
  });

  test('a URL that is not the execute endpoint and a GET are warnings', () => {
    const r = parseCurl('curl https://example.com/other');
    expect(codes(r.diagnostics, 'warning').sort()).toEqual(['method', 'no-body', 'not-execute-url']);
  });

  test('--json sets the JSON headers and the body', () => {
    const r = parseCurl(`curl --json '{"target":["a"]}' https://x.test/api/external/execute/campaign`);
    expect(r.body).toEqual({ target: ['a'] });
    expect(r.headers['Content-Type']).toBe('application/json');
    expect(r.method).toBe('POST');
  });
});
