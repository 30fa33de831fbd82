/**
 * No file can hang or crash a load: hostile or careless campaign, request, params and target files
 * give a located error (CLI: exit 2, never a stack trace), and one bad file never stops the others.
 * Time is not asserted here; the many-keys parse is measured by `npm run bench` (bench-campaign-load).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCampaign, MAX_CAMPAIGN_BYTES } from '../../shared/campaign/load';
import { interpretWorkspace } from '../../shared/workspace/model';
import { main } from '../../cli/src/main';
import { createServices } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import { cpSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'preflight-hostile-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const good = 'name: Good\nid: "G1"\ntype: single-stage\nnodes:\n  - key: sms\n    channel: sms\n    content:\n      from: "Promo"\n      text: "Hi {{first_name}}"\n';

/** "Billion laughs": nine levels of nine aliases each, 9^9 nodes once expanded. */
function aliasBomb(): string {
  const lines = ['name: Bomb', 'id: "B1"', 'type: single-stage', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('nodes: []');
  return lines.join('\n') + '\n';
}

describe('campaign files that would hang or crash a load', () => {
  it('a YAML alias bomb is a located error, not an exception', () => {
    const r = loadCampaign('campaigns/bomb.yaml', aliasBomb());
    expect(r.campaign).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'campaign-aliases', severity: 'error', file: 'campaigns/bomb.yaml', line: 5 })]);
    expect(r.diagnostics[0]!.message).toMatch(/alias/);
  });

  it('one alias bomb in the workspace never stops the other campaigns from loading', () => {
    const model = interpretWorkspace({
      dir: '/w',
      name: 'w',
      requests: [],
      targets: [],
      profiles: [],
      diagnostics: [],
      campaigns: [
        { path: 'campaigns/bomb.yaml', text: aliasBomb() },
        { path: 'campaigns/good.yaml', text: good },
      ],
    });
    expect(model.campaigns.map((c) => [c.file, !!c.campaign])).toEqual([
      ['campaigns/bomb.yaml', false],
      ['campaigns/good.yaml', true],
    ]);
  });

  it('preflight check on an alias bomb exits 2 naming the file and line, without a stack trace', () => {
    const p = file('bomb.yaml', aliasBomb());
    const r = spawnSync(join('node_modules', '.bin', 'preflight'), ['check', p], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${p}, line 5`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a few aliases (shared text between nodes) still load', () => {
    const text = 'name: Shared\nid: "S1"\ntype: multistage\nnodes:\n  - key: a\n    channel: sms\n    content: &c\n      from: "Promo"\n      text: "Hi"\n  - key: b\n    channel: sms\n    content: *c\n';
    expect(loadCampaign('campaigns/shared.yaml', text).campaign?.nodes).toHaveLength(2);
  });

  it('a campaign file over the size limit is refused with its size, before parsing', () => {
    const text = good + `# ${'x'.repeat(MAX_CAMPAIGN_BYTES)}\n`;
    const r = loadCampaign('campaigns/huge.yaml', text);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'campaign-too-large', severity: 'error', file: 'campaigns/huge.yaml', line: 1 })]);
  });

  it('YAML nested 100,000 levels deep is a located error, not a stack overflow', () => {
    const r = loadCampaign('campaigns/deep.yaml', `name: Deep\nnodes: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(r.campaign).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'campaign-nesting', severity: 'error', file: 'campaigns/deep.yaml', line: 2, column: 72 })]);
  });

  it('brackets in comments, quotes and block scalars do not count as nesting', () => {
    const text = good.replace('text: "Hi {{first_name}}"', `text: "${'['.repeat(200)}"`) + `# ${'{'.repeat(200)}\n`;
    expect(loadCampaign('campaigns/brackets.yaml', text).campaign).toBeDefined();
  });

  it('a duplicated key is still an error at its own line (the linear duplicate check)', () => {
    const r = loadCampaign('campaigns/dup.yaml', good.replace('type: single-stage\n', 'type: single-stage\nname: Again\n'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'campaign-syntax', line: 4, message: expect.stringMatching(/unique/) })]);
  });

  it('20,000 unknown keys give one readable error, not a 20,000-key message', () => {
    let text = good;
    for (let i = 0; i < 20_000; i++) text += `k${i}: v\n`;
    const r = loadCampaign('campaigns/many.yaml', text);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message.length).toBeLessThan(400);
    expect(r.diagnostics[0]!.message).toMatch(/unknown keys "k0", "k1", .* and 19995 more/);
  });
});

const deepJson = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('JSON nested 100,000 levels deep', () => {
  it('preflight request --request exits 2 naming the file, line and column, without a stack trace', async () => {
    const p = file('deep-request.json', `{"target": ["u1"],\n "params": {"x": ${deepJson(100_000)}}}`);
    const r = await run('request', join('examples', 'campaigns/promo-journey.yaml'), '--request', p);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${p}, line 2, column`);
    expect(r.stderr).toMatch(/nested more than 100 levels/);
  });

  it('preflight request --params (inline and @file) exits 2 with the place', async () => {
    const inline = await run('request', join('examples', 'campaigns/promo-journey.yaml'), '--params', `{"x": ${deepJson(100_000)}}`);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toMatch(/--params: not valid JSON at line 1, column 106 \(.*nested more than 100 levels/);
    const p = file('deep-params.json', `{"x": ${deepJson(100_000)}}`);
    const fromFile = await run('request', join('examples', 'campaigns/promo-journey.yaml'), '--params', `@${p}`);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toContain(`${p}: not valid JSON at line 1, column 106`);
  });

  it('brackets inside JSON strings (escaped quotes too) are text, not nesting', async () => {
    const r = await run('request', join('examples', 'campaigns/gate-update.yaml'), '--request', join('examples', 'requests/gate-update.json'), '--params', JSON.stringify({ note: `say "${'['.repeat(300)}` }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].params.note).toBe(`say "${'['.repeat(300)}`);
  });

  it('a saved request nested too deep is a located error; the campaign still loads', () => {
    const model = interpretWorkspace({
      dir: '/w',
      name: 'w',
      targets: [],
      profiles: [],
      diagnostics: [],
      campaigns: [{ path: 'campaigns/good.yaml', text: good }],
      requests: [{ path: 'requests/good.json', text: `{"target": ["u1"], "params": {"x": ${deepJson(100_000)}}}` }],
    });
    expect(model.campaigns[0]!.campaign).toBeDefined();
    // Saved requests are read by the one execute-body reader (shared/targets/import.ts readRequest), whose code for unusable JSON is `syntax`.
    expect(model.diagnostics).toContainEqual(expect.objectContaining({ code: 'syntax', file: 'requests/good.json', line: 1, message: expect.stringMatching(/nested more than 100 levels/) }));
  });

  it('an IPC call nested 100,000 levels deep is refused as invalid arguments, and the host keeps answering', async () => {
    const base = mkdtempSync(join(tmpdir(), 'preflight-deep-ipc-'));
    cpSync(join('examples'), join(base, 'ws'), { recursive: true });
    const s = await createServices({ host: 'browser', version: 'test', workspaceDir: join(base, 'ws'), dataDir: join(base, 'data'), secrets: new MemorySecretStore(), emit: () => undefined });
    try {
      const args = JSON.parse(`{"id": "C1", "set": {"messages.9.sms_text": ${deepJson(100_000)}}}`);
      const r = await dispatch(s.handlers, 'sandbox.platform.setCampaign', args);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/nested more than 100 levels/) } });
      expect(await dispatch(s.handlers, 'workspace.current', {})).toMatchObject({ ok: true });
    } finally {
      await s.close();
    }
  });
});

describe('careless target files', () => {
  const campaign = join('examples', 'campaigns/promo-journey.yaml');

  it('a CSV with only a header: check reports "no targets" as an error and exits 1', async () => {
    const p = file('header-only.csv', 'user_id,promo_code\n');
    const r = await run('check', campaign, '--targets', p);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error no-targets ×1: there are no targets/);
  });

  it('request on a header-only CSV still prints the body, names the error and exits 1', async () => {
    const p = file('header-only-2.csv', 'user_id\n');
    const r = await run('request', campaign, '--targets', p);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].target).toEqual([]);
    expect(r.stderr).toMatch(/error no-targets: there are no targets/);
  });

  it('the app path (the campaign checks the render worker shows) reports the same error', async () => {
    const { createEvaluation } = await import('../../shared/pipeline');
    const loaded = loadCampaign('campaigns/good.yaml', good);
    const ds = createEvaluation({ campaign: loaded.campaign!, data: { target_by: 'user_id', target: [], params: {}, target_with_params: {} } }).campaignDiagnostics();
    expect(ds).toContainEqual(expect.objectContaining({ code: 'no-targets', severity: 'error' }));
  });
});

describe('ids with characters nobody can see', () => {
  it('a CSV import warns per id, naming the row and the character', async () => {
    const { parseTable } = await import('../../shared/targets/table');
    const { buildTargets } = await import('../../shared/targets/mapping');
    const t = parseTable('user_id,code\nu1,A\nu\u200b2,B\nu3,C\n"u\n4",D\nu\u202e5,E\n', { file: 'targets.csv' });
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['code'] }, { file: 'targets.csv', targetBy: 'user_id' });
    const msgs = r.diagnostics.filter((d) => d.code === 'id-invisible-character').map((d) => d.message);
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toMatch(/^row 3: id contains U\+200B ZERO WIDTH SPACE/);
    expect(msgs[1]).toMatch(/^row 5: id contains U\+000A LINE FEED/);
    // The quoted cell with a line break is one spreadsheet row, so u\u202e5 is on row 6.
    expect(msgs[2]).toMatch(/^row 6: id contains U\+202E RIGHT-TO-LEFT OVERRIDE \("u<U\+202E>5"\)/);
  });

  it('the CLI warns the same way for --targets and --request (target[i] in a body)', async () => {
    const csv = file('zw.csv', 'user_id\nu1\nu\u200b2\n');
    const fromCsv = await run('check', join('examples', 'campaigns/promo-journey.yaml'), '--targets', csv);
    expect(fromCsv.stdout).toMatch(/warning id-invisible-character ×1: row 3: id contains U\+200B ZERO WIDTH SPACE/);
    const body = file('zw.json', JSON.stringify({ target: ['u1', 'a\u2066b'] }));
    const fromBody = await run('check', join('examples', 'campaigns/promo-journey.yaml'), '--request', body);
    expect(fromBody.stdout).toMatch(/warning id-invisible-character ×1: target\[1\]: id contains U\+2066 LEFT-TO-RIGHT ISOLATE/);
  });

  it("the app checks a body's ids with the same rule and words (the data panel's id warnings)", async () => {
    const { validateIds } = await import('../../shared/targets/ids');
    expect(validateIds('user_id', ['u1', 'a\u2066b'], { label: (i) => `target[${i}]` })[0]?.message).toMatch(/^target\[1\]: id contains U\+2066 LEFT-TO-RIGHT ISOLATE/);
  });

  it('ordinary ids, accents and emoji included, pass without a warning', async () => {
    const { validateIds } = await import('../../shared/targets/ids');
    expect(validateIds('user_id', ['u1', 'Zoë', 'user-😀', '李小龍', 'o\u0301'])).toEqual([]);
  });
});
