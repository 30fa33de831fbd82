/**
 * Keys are data: a param named `__proto__`, a target id `__proto__` and its per-user values reach the
 * execute body the same way on every path — the CLI's `request`, a saved request opened in the app,
 * and a pasted body through the import pipeline — and the app path crosses the real IPC boundary
 * (JSON, the contract's schemas, the host's planner) to the body the send would post.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../cli/src/main';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import { interpretWorkspace } from '../../shared/workspace/model';
import { parseExecuteBody } from '../../shared/targets/execute-body';
import { executeBodyToTable } from '../../shared/targets/body-table';
import { buildTargets } from '../../shared/targets/mapping';
import type { SendData } from '../../shared/campaign/send-data';

const base = mkdtempSync(join(tmpdir(), 'preflight-keys-'));
const campaignFile = resolve(__dirname, '../../examples/campaigns/promo-journey.yaml');
const bodyText = JSON.stringify({
  id: 'Campaign_ID',
  target_by: 'user_id',
  target: ['__proto__', 'constructor', 'user_2'],
  params: JSON.parse('{"promo_name": "Spring", "__proto__": "P", "constructor": "C"}'),
  target_with_params: JSON.parse('{"__proto__": {"promo_code": "PROTO1", "__proto__": "inner"}, "user_2": {"promo_code": "U2"}}'),
});
const requestFile = join(base, 'proto.json');
writeFileSync(requestFile, bodyText);

let services: Services | undefined;
afterAll(async () => services?.close());

/** The parts of a body the paths must agree on, as JSON text (which shows own `__proto__` keys). */
function essence(body: Record<string, unknown>): string {
  const { external_message_id: _generated, ...params } = (body.params ?? {}) as Record<string, unknown>;
  return JSON.stringify({ target: body.target, params: Object.fromEntries(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))), target_with_params: body.target_with_params });
}

async function cliBody(): Promise<string> {
  let out = '';
  const code = await main(['request', campaignFile, '--request', requestFile], { stdout: (s) => (out += s), stderr: () => undefined });
  expect(code).toBe(0);
  return essence(JSON.parse(out)[0]);
}

/** What the app sends for this data: over a JSON transport into the real host, planned, and read back as the first body. */
async function appBody(data: SendData): Promise<string> {
  if (!services) {
    cpSync(resolve(__dirname, '../../examples'), join(base, 'ws'), { recursive: true });
    services = await createServices({ host: 'browser', version: 'test', workspaceDir: join(base, 'ws'), dataDir: join(base, 'data'), secrets: new MemorySecretStore(), emit: () => undefined });
  }
  const wire = JSON.parse(JSON.stringify({ environmentId: 'sandbox', campaignFile: 'campaigns/promo-journey.yaml', data }));
  const draft = await dispatch(services.handlers, 'send.prepare', wire);
  expect(draft.ok, JSON.stringify(draft)).toBe(true);
  const body = await dispatch(services.handlers, 'send.body', { draftId: (draft as { value: { draftId: string } }).value.draftId, index: 0 });
  expect(body.ok, JSON.stringify(body)).toBe(true);
  return essence((body as { value: { body: Record<string, unknown> } }).value.body);
}

describe('__proto__ and constructor are ordinary keys on every path', () => {
  it('the CLI keeps them', async () => {
    const cli = JSON.parse(await cliBody());
    expect(Object.keys(cli.params)).toEqual(['__proto__', 'constructor', 'promo_name']);
    expect(Object.keys(cli.target_with_params)).toEqual(['__proto__', 'user_2']);
  });

  it('a saved request opened in the app is sent with the same params and per-user values as the CLI prints', async () => {
    const model = interpretWorkspace({ dir: '/w', name: 'w', targets: [], profiles: [], diagnostics: [], campaigns: [{ path: 'campaigns/proto.yaml', text: readFileSync(campaignFile, 'utf8') }], requests: [{ path: 'requests/proto.json', text: bodyText }] });
    const data = model.campaigns[0]!.request!.data;
    expect(await appBody(data)).toBe(await cliBody());
  });

  it('a pasted body, through the import pipeline, is sent the same way', async () => {
    const parsed = parseExecuteBody(bodyText);
    const { table, mapping } = executeBodyToTable(parsed.body);
    const built = buildTargets(table, mapping, { targetBy: 'user_id' });
    const data: SendData = { target_by: 'user_id', target: built.target, params: parsed.body.params ?? {}, target_with_params: built.targetWithParams };
    expect(await appBody(data)).toBe(await cliBody());
  });
});
