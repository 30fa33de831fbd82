#!/usr/bin/env node
// A million targets: each stage of a 1,000,000-target send, with its budget — under 2 GB peak RSS —
// printed as PASS or FAIL, beside a bare baseline doing the same work measured in the same run:
//   import CSV   — a 1 M-row CSV through Preflight's import (decode, parse, map, build targets, ids)
//                  vs bare papaparse parsing the same text;
//   import rows  — the same rows as a single-line JSON array of objects vs bare JSON.parse;
//   import body  — a 1 M-target execute body (single-line JSON with target_with_params) through the
//                  import vs bare JSON.parse of the same text (the product reads no YAML targets:
//                  targets come as CSV/TSV/TXT/JSON, bodies and curl commands);
//   scan         — the full scan of the imported CSV's 1 M users × 3 nodes (an SMS, a two-part SMS,
//                  a web push) through the one pipeline (createEvaluation + scanAll, as the host's
//                  verdict worker and the CLI run it) vs bare nunjucks rendering the same templates;
//   send         — the real send engine (host/send) posting 1 M targets to the sandbox server the
//                  send bench uses, vs a bare fetch loop posting the same bodies (test/reliability/bench-client.ts).
// Every side runs in a child process of its own, so its peak RSS (`process.resourceUsage().maxRSS`,
// reported back by the child) is its own. One run each.
//   node scripts/bench-million.mjs [--targets N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { importShared, numberArg, root } from './bench-kit.mjs';

const N = numberArg('targets', 1_000_000);
const BUDGET_MB = 2048;
const stageAt = process.argv.indexOf('--stage');
const STAGE = stageAt > 0 ? process.argv[stageAt + 1] : undefined;
const dir = join(root, '.cache', `million-${N}`);
const csvFile = join(dir, 'targets.csv');
const bodyFile = join(dir, 'body.json');
const rowsFile = join(dir, 'rows.json');

const twoPartSms = 'Hi {{ first_name }}, your {{ promo_name }} offer for {{ match_name }} is now live: bet 10 EUR and get 30 EUR in free bets with code {{ promo_code }}. Free bets expire after 7 days. {{ terms }}';
const campaign = {
  name: 'Million',
  id: 'M',
  type: 'multistage',
  target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{ first_name }}, your {{ promo_name }} code is {{ promo_code }}.' } },
    { key: 'sms_long', channel: 'sms', content: { from: 'Promo', text: twoPartSms } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{ match_name }}', body: 'Use code {{ promo_code }} to claim your {{ promo_name }} offer.', url: 'https://www.brand.com/promo?c={{ promo_code }}' } },
  ],
};
const params = { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', terms: 'T&Cs apply, 18+. See brand.com/terms.' };

/** The data files, written once per size into .cache/ (the same bytes every run). */
function ensureData() {
  if (existsSync(csvFile) && existsSync(bodyFile) && existsSync(rowsFile)) return;
  mkdirSync(dir, { recursive: true });
  const lines = ['user_id,first_name,promo_code,tier'];
  for (let i = 0; i < N; i++) lines.push(`user_${i},Name${i},CODE${i},${i % 3 ? 'gold' : 'silver'}`);
  writeFileSync(csvFile, lines.join('\n') + '\n');
  const parts = [];
  for (let i = 0; i < N; i++) parts.push(`${JSON.stringify(`user_${i}`)}:{"first_name":"Name${i}","promo_code":"CODE${i}"}`);
  const ids = Array.from({ length: N }, (_, i) => JSON.stringify(`user_${i}`)).join(',');
  writeFileSync(rowsFile, `[${Array.from({ length: N }, (_, i) => `{"user_id":"user_${i}","first_name":"Name${i}","promo_code":"CODE${i}"}`).join(',')}]`);
  writeFileSync(bodyFile, `{"target_by":"user_id","target":[${ids}],"params":${JSON.stringify(params)},"target_with_params":{${parts.join(',')}}}`);
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** One side of one stage, in this (child) process; prints one JSON line. */
async function runStage(stage) {
  const out = (o) => process.stdout.write(JSON.stringify({ ...o, maxRssMb: rssMb() }) + '\n');
  if (stage === 'csv-bare' || stage === 'body-bare' || stage === 'rows-bare' || stage === 'scan-bare') {
    const t0 = performance.now();
    if (stage === 'csv-bare') {
      const { default: Papa } = await import('papaparse');
      const r = Papa.parse(readFileSync(csvFile, 'utf8'), { delimiter: ',' });
      if (r.data.length < N) throw new Error('papaparse parsed too few rows');
      return out({ ms: performance.now() - t0 });
    }
    if (stage === 'body-bare') {
      const b = JSON.parse(readFileSync(bodyFile, 'utf8'));
      if (b.target.length !== N) throw new Error('JSON.parse read too few targets');
      return out({ ms: performance.now() - t0 });
    }
    if (stage === 'rows-bare') {
      if (JSON.parse(readFileSync(rowsFile, 'utf8')).length !== N) throw new Error('JSON.parse read too few rows');
      return out({ ms: performance.now() - t0 });
    }
    // Bare nunjucks: the same three templates, precompiled, each user's context from papaparse's rows.
    const { default: Papa } = await import('papaparse');
    const { default: nunjucks } = await import('nunjucks');
    const rows = Papa.parse(readFileSync(csvFile, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const env = new nunjucks.Environment(null, { autoescape: false });
    const templates = [campaign.nodes[0].content.text, twoPartSms, campaign.nodes[2].content.body, campaign.nodes[2].content.title, campaign.nodes[2].content.url].map((s) => nunjucks.compile(s, env));
    const s0 = performance.now();
    let chars = 0;
    for (const row of rows) {
      const ctx = { ...params, ...row };
      for (const t of templates) chars += t.render(ctx).length;
    }
    if (!chars) throw new Error('nothing rendered');
    return out({ ms: performance.now() - s0 });
  }
  const { importFile, createEvaluation, scanAll, sendVerdict } = await importShared('bench-million', "export { importFile } from './shared/targets/import-file'; export { createEvaluation, scanAll, sendVerdict } from './shared/pipeline';");
  const file = stage === 'body-ours' ? bodyFile : stage === 'rows-ours' ? rowsFile : csvFile;
  const t0 = performance.now();
  const imported = importFile(readFileSync(file), { file, targetBy: 'user_id' });
  const importMs = performance.now() - t0;
  const targets = imported.built?.target.length ?? 0;
  if (targets !== N) throw new Error(`imported ${targets} of ${N} targets`);
  if (stage !== 'scan-ours') return out({ ms: importMs });
  const data = { target_by: 'user_id', target: imported.built.target, params, target_with_params: imported.built.target_with_params };
  const s0 = performance.now();
  const ev = createEvaluation({ campaign, data });
  const scan = scanAll(ev);
  const verdict = sendVerdict(ev.campaignDiagnostics(), scan, {});
  const ms = performance.now() - s0;
  if (scan.cells !== N * 3) throw new Error(`scanned ${scan.cells} of ${N * 3} cells`);
  out({ ms, cells: scan.cells, blocked: verdict.blocked });
}

function child(args) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--targets', String(N), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

function runClient(file, args) {
  return new Promise((ok, fail) => {
    const c = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (b) => (out += b));
    c.on('exit', (code) => (code === 0 ? ok(JSON.parse(out.trim().split('\n').at(-1))) : fail(new Error(`${file} exited with ${code}`))));
  });
}

/** The send stage: the send bench's sandbox and client (test/reliability/), with N targets. */
async function sendStage() {
  const work = mkdtempSync(join(tmpdir(), 'preflight-bench-million-'));
  const token = 'bench-token-not-secret';
  const bundle = async (name) => {
    const outfile = join(work, `${name}.cjs`);
    await build({ entryPoints: [join(root, `test/reliability/${name}.ts`)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
    return outfile;
  };
  const [sandboxFile, clientFile] = await Promise.all([bundle('bench-sandbox'), bundle('bench-client')]);
  const sandbox = spawn(process.execPath, [sandboxFile, token], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((ok, fail) => {
      sandbox.stdout.on('data', (b) => {
        const m = /ready (\S+)/.exec(String(b));
        if (m) ok(m[1]);
      });
      sandbox.on('exit', (c) => fail(new Error(`sandbox exited with ${c}`)));
    });
    const bare = await runClient(clientFile, ['bare', url, token, String(N), '500', '4', join(work, 'bare')]);
    const ours = await runClient(clientFile, ['preflight', url, token, String(N), '500', '4', join(work, 'preflight')]);
    return { bare, ours };
  } finally {
    sandbox.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

if (STAGE) {
  await runStage(STAGE);
} else {
  ensureData();
  const mb = (f) => (readFileSync(f).length / 1048576).toFixed(0);
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  let failed = false;
  const line = (name, what, ours, bare, baseline) => {
    const pass = ours.maxRssMb < BUDGET_MB;
    if (!pass) failed = true;
    console.log(`million ${name}: ${what}: preflight ${s(ours.ms)} vs ${baseline} ${s(bare.ms)} = ${(ours.ms / bare.ms).toFixed(2)}x bare time; peak RSS ${ours.maxRssMb} MB (bare ${bare.maxRssMb} MB), budget < ${BUDGET_MB} MB: ${pass ? 'PASS' : 'FAIL'}`);
  };
  const n = N.toLocaleString('en');
  line('import CSV', `${n} rows (${mb(csvFile)} MB)`, child(['--stage', 'csv-ours']), child(['--stage', 'csv-bare']), 'bare papaparse');
  line('import body', `${n} targets with per-user values, one line of JSON (${mb(bodyFile)} MB)`, child(['--stage', 'body-ours']), child(['--stage', 'body-bare']), 'bare JSON.parse');
  line('import rows', `${n} rows as one line of JSON objects (${mb(rowsFile)} MB)`, child(['--stage', 'rows-ours']), child(['--stage', 'rows-bare']), 'bare JSON.parse');
  line('scan', `${n} users × 3 nodes (SMS, two-part SMS, web push) after the CSV import`, child(['--stage', 'scan-ours']), child(['--stage', 'scan-bare']), 'bare nunjucks');
  const send = await sendStage();
  line('send', `${n} targets to the sandbox, ${send.ours.batches} batches of 500, concurrency 4`, send.ours, send.bare, 'bare fetch loop');
  process.exit(failed ? 1 : 0);
}
