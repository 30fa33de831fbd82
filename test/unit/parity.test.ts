/**
 * Preview equals check equals send, by test. Every example workspace campaign and every import
 * fixture goes through the app's path — the very session code the import worker and the render
 * worker run (renderer/workers/*-session.ts) — through the CLI (`preflight render`, `check`,
 * `request`, `export --as body`), and for the examples through the host's send handlers; targets,
 * params, per-user values, renders, diagnostics, the verdict and the execute bodies must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/src/main';
import { readInputs, InputError } from '../../cli/src/inputs';
import { parseArgs } from '../../cli/src/args';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import { readWorkspace } from '../../host/workspace';
import { interpretWorkspace } from '../../shared/workspace/model';
import { loadCampaign } from '../../shared/campaign/load';
import type { Campaign } from '../../shared/campaign/model';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import { toRecord } from '../../shared/campaign/per-user';
import type { Diagnostic } from '../../shared/diagnostics';
import type { GuardrailSettings } from '../../shared/guardrails/types';
import type { IpcReply } from '../../shared/ipc/contract';
import type { SendDraft } from '../../shared/ipc/channels/send';
import { redacted } from '../../shared/send/request';
import { requestBody } from '../../shared/send/plan';
import { sendDataOf } from '../../shared/targets/import';
import { createRenderSession } from '../../renderer/workers/render-session';
import { createImportSession } from '../../renderer/workers/import-session';
import { createReplyJoin } from '../../renderer/workers/import-client';
import type { WorkerReply } from '../../renderer/workers/render-protocol';
import type { ImportReply, ParsedImport } from '../../renderer/workers/import-protocol';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** The app's rendering: the render worker's session loads, renders every row and scans, as the matrix does. */
async function appRender(campaign: Campaign, data: SendData, profiles: Profiles, settings: GuardrailSettings) {
  const replies: WorkerReply[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const handle = createRenderSession((m) => {
    replies.push(m);
    if (m.type === 'scan-done' || m.type === 'error') done();
  });
  handle({ type: 'load', gen: 1, campaign, data, profiles, settings });
  handle({ type: 'render', id: 1, gen: 1, targets: data.target });
  handle({ type: 'scan', gen: 1 });
  await finished;
  const pick = <T extends WorkerReply['type']>(t: T) => replies.find((r) => r.type === t) as Extract<WorkerReply, { type: T }>;
  expect(pick('error')).toBeUndefined();
  return { diagnostics: pick('loaded').diagnostics, renders: pick('rendered').renders, verdict: pick('scan-done').verdict! };
}

/** The app's import: the import worker's session parses the file's bytes, as the data panel asks it to. */
function appImport(file: string, targetBy: string): ParsedImport {
  const replies: ImportReply[] = [];
  // The replies as the app's import client takes them: a big data set's parts joined (import-client.ts).
  const join = createReplyJoin();
  const handle = createImportSession((m) => {
    const whole = join(structuredClone(m));
    if (whole) replies.push(whole);
  });
  const bytes = readFileSync(file);
  handle({ type: 'parse', seq: 1, input: { file, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, targetBy });
  const parsed = replies.find((r) => r.type === 'parsed');
  if (!parsed || parsed.type !== 'parsed') throw new Error(`the import session did not parse ${file}: ${JSON.stringify(replies.at(-1))}`);
  return parsed.result;
}

/** What `preflight render --format json` prints per render, from an app render. */
const asCli = (r: NodeRender) => ({
  target: r.target,
  node: r.node,
  channel: r.channel,
  fields: r.fields,
  sources: r.sources,
  ...(r.sms ? { sms: { encoding: r.sms.encoding, characters: r.sms.characters, units: r.sms.units, segments: r.sms.segments } } : {}),
  diagnostics: r.diagnostics,
});
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

const EXAMPLES = readdirSync('examples/campaigns').sort();

describe('every example workspace campaign: the app, the CLI and the host agree', () => {
  let dir: string;
  let services: Services;
  const call = <T>(channel: string, args: unknown) => dispatch(services.handlers, channel, args) as Promise<IpcReply<T>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-parity-'));
    cpSync('examples', join(dir, 'workspace'), { recursive: true });
    services = await createServices({ host: 'browser', version: 'test', workspaceDir: join(dir, 'workspace'), dataDir: join(dir, 'data'), secrets: new MemorySecretStore(), emit: () => {} });
  });
  afterAll(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(EXAMPLES)('%s', async (name) => {
    const model = interpretWorkspace(await readWorkspace('examples'));
    expect(model.diagnostics).toEqual([]);
    const entry = model.campaigns.find((c) => c.file === `campaigns/${name}`)!;
    const campaign = entry.campaign!;
    const data = entry.request!.data;
    const stem = name.replace(/\.ya?ml$/, '');
    const inputs = ['--request', `examples/requests/${stem}.json`, '--profiles', 'examples/profiles/profiles.csv'];

    // Renders, diagnostics and the verdict.
    const app = await appRender(campaign, data, model.profiles, {});
    const checked = await cli('check', `examples/campaigns/${name}`, ...inputs, '--format', 'json');
    const doc = JSON.parse(checked.stdout);
    expect(doc.renders).toEqual(plain(app.renders.map(asCli)));
    expect(doc.diagnostics).toEqual(plain(app.diagnostics));
    expect(doc.verdict).toEqual(app.verdict);
    expect(checked.code).toBe(app.verdict.blocked || app.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);

    // The host's own verdict and its bodies, batch by batch, against `preflight request` with the draft's send id.
    // As the app does it: the data set posted once, the send naming it by revision (host/held-data.ts).
    const held = await call<{ dataRevision: string }>('data.set', { data });
    if (!held.ok) throw new Error(held.error.message);
    const draft = await call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: `campaigns/${name}`, dataRevision: held.value.dataRevision, batchSize: 2 });
    if (!draft.ok) throw new Error(draft.error.message);
    expect(draft.value.verdict).toEqual(app.verdict);
    const bodies = [];
    for (let i = 0; i < draft.value.batchCount; i++) {
      const b = await call<{ body: unknown }>('send.body', { draftId: draft.value.draftId, index: i });
      bodies.push(b.ok ? b.value.body : b.error);
    }
    const requested = await cli('request', `examples/campaigns/${name}`, ...inputs, '--batch-size', '2', '--send-id', draft.value.draftId);
    expect(JSON.parse(requested.stdout)).toEqual(bodies);
    expect(bodies[0]).toEqual(draft.value.firstBody);

    // The data panel's "Copy execute body" and `preflight export --as body`.
    const exported = await cli('export', `examples/campaigns/${name}`, ...inputs, '--as', 'body');
    expect(JSON.parse(exported.stdout)).toEqual(redacted(requestBody(campaign.id, data)));

    // Legacy personalisation: `check --legacy` and a host environment running it agree.
    const legacyCli = JSON.parse((await cli('check', `examples/campaigns/${name}`, ...inputs, '--legacy', '--format', 'json')).stdout).verdict;
    await call('environments.save', { environment: { id: 'old', name: 'Old', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, legacyPersonalisation: true } });
    const legacyHost = await call<SendDraft>('send.prepare', { environmentId: 'old', campaignFile: `campaigns/${name}`, data });
    expect(legacyHost.ok && legacyHost.value.verdict).toEqual(legacyCli);
  });
});

const FIXTURES = ['test/fixtures/targets', 'test/fixtures/data-ui'].flatMap((d) =>
  readdirSync(d)
    .filter((f) => !f.endsWith('.ts'))
    .sort()
    .map((f) => `${d}/${f}`),
);
const PROMO = 'examples/campaigns/promo-journey.yaml';

describe("every import fixture: the app's import and the CLI's --targets agree", () => {
  const campaign = loadCampaign(PROMO, readFileSync(PROMO, 'utf8')).campaign!;

  it.each(FIXTURES)('%s', async (file) => {
    const parsed = appImport(file, campaign.target_by);
    // The data store applies an import on top of the campaign's current data (here: none yet).
    const data = sendDataOf(parsed, undefined, campaign.target_by);
    const firstError = parsed.diagnostics.find((d: Diagnostic) => d.severity === 'error');
    const args = parseArgs(['render', PROMO, '--targets', file]);
    if (firstError) {
      // Input the app shows with its errors is unusable input to the CLI: it stops, naming the same first problem.
      expect(() => readInputs(args, campaign)).toThrow(InputError);
      expect(() => readInputs(args, campaign)).toThrow(firstError.message);
      return;
    }
    const cliInputs = readInputs(args, campaign);
    expect(cliInputs.data.target).toEqual(data.target);
    expect(cliInputs.data.target_by).toEqual(data.target_by);
    expect(cliInputs.data.params).toEqual(data.params);
    expect(toRecord(cliInputs.data.target_with_params)).toEqual(toRecord(data.target_with_params));
    expect(cliInputs.diagnostics).toEqual(parsed.diagnostics);

    // And the rest of the pipeline over that data: renders, diagnostics, verdict, bodies.
    const app = await appRender(campaign, data, {}, {});
    const doc = JSON.parse((await cli('render', PROMO, '--targets', file, '--format', 'json')).stdout);
    expect(doc.renders).toEqual(plain(app.renders.map(asCli)));
    expect(doc.diagnostics).toEqual(plain([...parsed.diagnostics, ...app.diagnostics]));
    expect(doc.verdict).toEqual(app.verdict);
    if (data.target.length > 0) {
      const body = JSON.parse((await cli('export', PROMO, '--targets', file, '--as', 'body')).stdout);
      expect(body).toEqual(plain(redacted(requestBody(campaign.id, data))));
    }
  });
});
