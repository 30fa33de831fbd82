import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/src/main';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const ex = (p: string) => join('examples', p);
const SEND = '20260101-120000-abcdef';

describe('preflight render', () => {
  it('renders the promo journey exactly as the source document says, per node', async () => {
    const r = await run('render', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--profiles', ex('profiles/profiles.csv'));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.campaign).toEqual({ id: 'Campaign_ID', name: 'Promo journey', type: 'multistage' });
    expect(doc.renders).toHaveLength(6);
    expect(doc.renders[0]).toMatchObject({
      target: 'user_1',
      node: 'sms',
      channel: 'sms',
      fields: { from: 'Promo', text: 'Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.' },
      sources: { first_name: 'profile', promo_name: 'params', match_name: 'params' },
      sms: { encoding: 'GSM-7', characters: 71, segments: 1 },
    });
    expect(doc.renders[1]).toMatchObject({
      target: 'user_1',
      node: 'webpush',
      fields: { title: 'Man Utd vs Liverpool', body: 'Place your bet on Man Utd vs Liverpool. Use code PLAY50X to claim your Play-X-Get-Y offer.' },
      sources: { match_name: 'params', promo_code: 'target_with_params', promo_name: 'params' },
    });
    expect(doc.renders[1].sources).not.toHaveProperty('first_name');
    expect(doc.renders[0].sources).not.toHaveProperty('promo_code');
  });

  it("renders the gate update SMS from the document's params", async () => {
    const r = await run('render', ex('campaigns/gate-update.yaml'), '--request', ex('requests/gate-update.json'));
    const doc = JSON.parse(r.stdout);
    expect(doc.renders).toEqual([expect.objectContaining({ target: 'USER_ID', fields: { from: 'Airline', text: 'Flight EI105 departs at 10:30 from gate B100.' } })]);
  });

  it("--params overrides the request's params; --target-by is carried into requests", async () => {
    const r = await run('request', ex('campaigns/gate-update.yaml'), '--request', ex('requests/gate-update.json'), '--params', '{"gate_num":"C7"}', '--target-by', 'external_id', '--send-id', SEND);
    expect(JSON.parse(r.stdout)).toEqual([{ apptoken: '***', id: 'CAMPAIGN_ID', target_by: 'external_id', target: ['USER_ID'], params: { flight_num: 'EI105', time: '10:30', gate_num: 'C7', external_message_id: `${SEND}-b1` } }]);
  });

  it("request splits targets into batches that carry only their own users' values", async () => {
    const r = await run('request', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--batch-size', '2', '--send-id', SEND);
    const bodies = JSON.parse(r.stdout);
    expect(bodies.map((b: { target: string[] }) => b.target)).toEqual([['user_1', 'user_2'], ['user_3']]);
    expect(Object.keys(bodies[1].target_with_params)).toEqual(['user_3']);
    expect(bodies[1].params).toEqual({ promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', external_message_id: `${SEND}-b2` });
  });
});

describe('preflight request prints its bodies one at a time', () => {
  it('the JSON form is byte for byte one pretty-printed array of every batch body, for one batch and for many', async () => {
    for (const size of ['1', '2', '500']) {
      const r = await run('request', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--batch-size', size, '--send-id', SEND);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(JSON.stringify(JSON.parse(r.stdout), null, 2) + '\n');
      expect(JSON.parse(r.stdout).length).toBe(Math.ceil(3 / Number(size)));
    }
  });

  it('the wire form is one compact body per line, the same bodies as the JSON form', async () => {
    const args = ['request', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--batch-size', '2', '--send-id', SEND];
    const wire = await run(...args, '--format', 'wire');
    const json = await run(...args);
    const lines = wire.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual(JSON.parse(json.stdout));
  });
});

describe('preflight exit codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
  it('exits 1 when an error diagnostic is found, still printing the output', async () => {
    const c = join(dir, 'bad-from.yaml');
    writeFileSync(c, 'name: x\nid: "1"\ntype: single-stage\nnodes:\n  - key: s\n    channel: sms\n    content:\n      from: "{{from}}"\n      text: "hi"\n');
    writeFileSync(join(dir, 't.csv'), 'user_id\nu1\n');
    const r = await run('check', c, '--params', '{"from":"A"}', '--targets', join(dir, 't.csv'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error sms-from-length/);
  });

  it("check names the campaign file's own line for a template that does not compile, and every render carries the error", async () => {
    const c = join(dir, 'promo-broken.yaml');
    writeFileSync(c, readFileSync(ex('campaigns/promo-journey.yaml'), 'utf8').replace('is now live."', 'is now live. {% if first_name %}"'));
    const r = await run('check', c, '--request', ex('requests/promo-journey.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${c}, line 11, column`);
    expect(r.stdout).not.toContain('line 1, column');
    const json = await run('render', c, '--request', ex('requests/promo-journey.json'));
    const sms = JSON.parse(json.stdout).renders.filter((x: { node: string }) => x.node === 'sms');
    expect(sms).toHaveLength(3);
    for (const x of sms) expect(x.diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax', severity: 'error', file: c, line: 11 }));
  });

  it('exits 2 naming the file and line for an invalid campaign', async () => {
    const c = join(dir, 'broken.yaml');
    writeFileSync(c, 'name: x\nid: "1"\ntype: sometimes\nnodes: []\n');
    const r = await run('render', c);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${c}, type, line 3`);
  });

  it('exits 2 for an unreadable input file and for bad params JSON', async () => {
    expect((await run('render', ex('campaigns/gate-update.yaml'), '--request', join(dir, 'missing.json'))).stderr).toMatch(/missing\.json: cannot be read \(ENOENT\)/);
    const r = await run('render', ex('campaigns/gate-update.yaml'), '--params', '{nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--params: not valid JSON/);
  });

  it('exits 2 with usage for an unknown option', async () => {
    const r = await run('render', ex('campaigns/gate-update.yaml'), '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate/);
  });

  it('is installed as the package bin `preflight`', () => {
    const out = execFileSync(join('node_modules', '.bin', 'preflight'), ['render', ex('campaigns/gate-update.yaml'), '--request', ex('requests/gate-update.json'), '--format', 'text'], { encoding: 'utf8' });
    expect(out).toContain('text: Flight EI105 departs at 10:30 from gate B100.');
    expect(spawnSync(join('node_modules', '.bin', 'preflight'), ['nope']).status).toBe(2);
  });

  it('--targets reads ids as strings from the column named like target_by, other columns as per-user params', async () => {
    const f = join(dir, 'targets.csv');
    writeFileSync(f, 'promo_code,user_id\nA1,00123\nA2,1e5\n');
    const r = await run('request', ex('campaigns/promo-journey.yaml'), '--targets', f);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ target: ['00123', '1e5'], target_with_params: { '00123': { promo_code: 'A1' }, '1e5': { promo_code: 'A2' } } });
  });

  it('--targets: a ragged row exits 2 naming the file, row and column', async () => {
    const f = join(dir, 'ragged.csv');
    writeFileSync(f, 'user_id,promo_code\nu1,A\nu2,B,extra\n');
    const r = await run('render', ex('campaigns/promo-journey.yaml'), '--targets', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}, row 3`);
    expect(r.stderr).toContain('column 3');
  });

  it('--targets: duplicate ids are warnings in the output, first row kept', async () => {
    const f = join(dir, 'dupes.csv');
    writeFileSync(f, 'user_id,promo_code\nu1,A\nu2,B\nu1,C\n');
    const r = await run('render', ex('campaigns/promo-journey.yaml'), '--targets', f);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.renders.map((x: { target: string }) => x.target)).toEqual(['u1', 'u1', 'u2', 'u2']);
    expect(doc.renders[1].fields.body).toContain('Use code A ');
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ code: 'duplicate-id', severity: 'warning', row: 4 }));
  });

  it("export --as csv gives back an imported file's columns and cells exactly (re-importing yields the same targets)", async () => {
    const f = join(dir, 'export-src.csv');
    writeFileSync(f, 'user_id,promo_code,note\r\n00123,A1,"comma, inside"\r\n1e5,A2,"quote "" inside"\r\n');
    const r = await run('export', ex('campaigns/promo-journey.yaml'), '--targets', f);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('user_id,promo_code,note\r\n00123,A1,"comma, inside"\r\n1e5,A2,"quote "" inside"\r\n');
    const again = join(dir, 'export-again.csv');
    writeFileSync(again, r.stdout);
    const a = JSON.parse((await run('request', ex('campaigns/promo-journey.yaml'), '--targets', f, '--send-id', SEND)).stdout);
    const b = JSON.parse((await run('request', ex('campaigns/promo-journey.yaml'), '--targets', again, '--send-id', SEND)).stdout);
    expect(b).toEqual(a);
  });

  it('export --as body prints one unbatched execute body with the token masked', async () => {
    const r = await run('export', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--as', 'body');
    const body = JSON.parse(r.stdout);
    expect(body.apptoken).toBe('***');
    expect(body.target).toEqual(['user_1', 'user_2', 'user_3']);
    expect(Object.keys(body.target_with_params)).toEqual(['user_1', 'user_2', 'user_3']);
  });

  it('export from a request body writes one row per target with its per-user values', async () => {
    const r = await run('export', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'));
    expect(r.stdout).toBe('user_id,promo_code\r\nuser_1,PLAY50X\r\nuser_2,PLAY75Y\r\nuser_3,PLAY100Z\r\n');
  });
});

describe("preflight check and request run the app's pipeline", () => {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-cli-pipeline-'));
  const order = (href: string) =>
    [
      'name: Order',
      'id: "ORDER"',
      'type: single-stage',
      'nodes:',
      '  - key: email',
      '    channel: email',
      '    content:',
      '      from_name: Shop',
      '      subject: "Your order {{ order_id }}"',
      `      html: '<p>Order {{ order_id }}</p><a href="${href}">Track</a>'`,
      '      text: "Track it"',
      '',
    ].join('\n');

  it('check prints each client family’s score over the users of the example email, with the features and how many users have each', async () => {
    const r = await run('check', ex('campaigns/order-confirmation.yaml'), '--request', ex('requests/order-confirmation.json'));
    expect(r.stdout).toMatch(/^Client support of email over 3 users \(caniemail@[\d.]+ data of \d{4}-\d\d-\d\d, weighted as Mailpit's HTML check\): [\d.]+–[\d.]+%, median [\d.]+% overall$/m);
    expect(r.stdout).toMatch(/^ {2}Outlook \(6 clients\): [\d.]+–[\d.]+%, median [\d.]+% \([^)]*for 1 user[^)]*\)$/m);
    expect(r.stdout).toMatch(/^ {4}`box-shadow` unsupported by Outlook \(Windows\), Outlook \(Windows Mail\) \(line \d+\) · 1 of 3 users \(33%\)$/m);
    expect(r.stdout).toMatch(/^ {2}Apple Mail \(2 clients\): 100%$/m);
    const json = JSON.parse((await run('check', ex('campaigns/order-confirmation.yaml'), '--request', ex('requests/order-confirmation.json'), '--format', 'json')).stdout);
    expect(json.emailScores.email.users).toBe(3);
    expect(json.emailScores.email.features.find((f: { title: string }) => f.title === 'box-shadow').users).toBe(1);
  });

  it('check runs the guardrails the app runs: a placeholder link blocks the send and exits 1', async () => {
    mkdirSync(join(dir, 'a', 'campaigns'), { recursive: true });
    const c = join(dir, 'a', 'campaigns', 'order.yaml');
    writeFileSync(c, order('https://example.com/track'));
    const r = await run('check', c, '--params', '{"order_id":"O1"}', '--targets', join('test', 'fixtures', 'data-ui', 'targets.csv'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error email-placeholder-link ×\d+: link "https:\/\/example\.com\/track" is a test host/);
    expect(r.stdout).toMatch(/^Send blocked: /m);
  });

  it("check reads the workspace's guardrail levels beside campaigns/, as the app does", async () => {
    mkdirSync(join(dir, 'b', 'campaigns'), { recursive: true });
    const c = join(dir, 'b', 'campaigns', 'order.yaml');
    writeFileSync(c, order('https://example.com/track'));
    writeFileSync(join(dir, 'b', 'preflight.settings.json'), JSON.stringify({ guardrails: { 'email-placeholder-link': 'warning' } }));
    const r = await run('check', c, '--params', '{"order_id":"O1"}', '--targets', join('test', 'fixtures', 'data-ui', 'targets.csv'), '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.verdict).toMatchObject({ blocked: false, reasons: [] });
    expect(doc.renders[0].diagnostics).toContainEqual(expect.objectContaining({ code: 'email-placeholder-link', severity: 'warning' }));
  });

  it("--targets reads an execute body file as an execute body, as the app's import does", async () => {
    const r = await run('request', ex('campaigns/promo-journey.yaml'), '--targets', join('test', 'fixtures', 'targets', 'promo-journey-body.json'), '--send-id', SEND);
    expect(r.code).toBe(0);
    const [body] = JSON.parse(r.stdout);
    expect(body.target).toEqual(['user_1', 'user_2', 'user_3']);
    expect(body.target_with_params).toEqual({ user_1: { promo_code: 'PLAY50X' }, user_2: { promo_code: 'PLAY75Y' }, user_3: { promo_code: 'PLAY100Z' } });
    expect(body.params).toEqual({ promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', external_message_id: `${SEND}-b1` });
  });

  it('a repeated id in a request is one finding under one code, duplicate-id, at its line; the first is kept', async () => {
    const f = join(dir, 'repeat.json');
    writeFileSync(f, '{\n  "target": [\n    "user_1",\n    "user_2",\n    "user_1"\n  ]\n}\n');
    const r = await run('check', ex('campaigns/gate-update.yaml'), '--request', f, '--params', '{"flight_num":"EI1","time":"9:00","gate_num":"A1"}', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.diagnostics.filter((d: { code: string }) => /duplicate/.test(d.code))).toEqual([expect.objectContaining({ code: 'duplicate-id', severity: 'warning', target: 'user_1', line: 5, path: 'target[2]', file: f })]);
    expect(doc.renders.map((x: { target: string }) => x.target)).toEqual(['user_1', 'user_2']);
  });

  it('request --format wire prints, one per line, the exact bytes the send posts (token masked)', async () => {
    const r = await run('request', ex('campaigns/promo-journey.yaml'), '--request', ex('requests/promo-journey.json'), '--batch-size', '2', '--send-id', SEND, '--format', 'wire', '--time', '2026-01-01 12:00 UTC');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `{"apptoken":"***","id":"Campaign_ID","target_by":"user_id","target":["user_3"],"params":{"promo_name":"Play-X-Get-Y","match_name":"Man Utd vs Liverpool","external_message_id":"${SEND}-b2"},"target_with_params":{"user_3":{"promo_code":"PLAY100Z"}},"time":"2026-01-01 12:00 UTC"}`,
    );
  });

  it("request refuses what the host would refuse to plan, with the host's words", async () => {
    const r = await run('request', ex('campaigns/gate-update.yaml'), '--request', ex('requests/gate-update.json'), '--time', 'tomorrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the send cannot be planned: time: schedule time "tomorrow" is not like');
  });
});
