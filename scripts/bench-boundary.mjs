#!/usr/bin/env node
// Boundary benchmark (issue 13: data crosses each boundary once): with 100,000 users loaded, the
// bytes (JSON length of the messages) that cross the IPC boundary (renderer → host, through the
// host's real dispatch and services) and the worker boundary (UI → render worker, into the real
// render session) for an import, one keystroke in the campaign editor, one param edit, one
// `send.prepare` and one send-option change — driving the app's own stores (renderer/stores/
// data.ts, renders.ts, send.ts). "before" is what the same steps posted when every message carried
// the whole data set (the data in place of each revision or edit; no data.set/data.edit calls).
// Byte counts, not times: the figures do not depend on the machine.
//   node scripts/bench-boundary.mjs [--users N]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importShared, numberArg } from './bench-kit.mjs';

const USERS = numberArg('users', 100_000);
const dir = mkdtempSync(join(tmpdir(), 'preflight-bench-boundary-'));
const ws = join(dir, 'workspace');
mkdirSync(join(ws, 'campaigns'), { recursive: true });
const CAMPAIGN_FILE = 'campaigns/promo.yaml';
writeFileSync(
  join(ws, CAMPAIGN_FILE),
  ['name: Promo', 'id: "PROMO"', 'type: single-stage', 'target_by: user_id', 'nodes:', '  - key: sms', '    channel: sms', '    content:', '      from: Promo', '      text: "Hi, your {{ promo_name }} code is {{ promo_code }}."', ''].join('\n'),
);

/** Every message, by boundary: its channel or type, its JSON length now, and what it was when it carried the data. */
const crossed = [];
let current; // the data set the steps work on (for the "before" size of a message naming it)
const currentProfiles = {};
const size = (v) => JSON.stringify(v).length;

/** What a message was before: the whole data set in place of a revision or edits (data.set/data.edit did not exist). */
function before(boundary, name, msg) {
  if (boundary === 'ipc') {
    if (name === 'data.set' || name === 'data.edit') return 0;
    if (name === 'send.prepare' && msg.dataRevision) {
      const { dataRevision: _r, ...rest } = msg;
      return size({ ...rest, data: current });
    }
    if (name === 'data.keep' && msg.kept?.dataRevision) {
      const { dataRevision: _r, ...kept } = msg.kept;
      return size({ ...msg, kept: { ...kept, data: current } });
    }
    return size(msg);
  }
  if (msg.type !== 'load') return size(msg);
  const { edits: _e, ...rest } = msg;
  return size({ ...rest, data: current, profiles: currentProfiles });
}

const { createServices, dispatch, MemorySecretStore } = await importShared('bench-boundary-host', "export { createServices } from './host/services'; export { dispatch } from './host/ipc/dispatch'; export { MemorySecretStore } from './host/secrets';");
const services = await createServices({ host: 'browser', version: 'bench', workspaceDir: ws, dataDir: join(dir, 'data'), secrets: new MemorySecretStore(), emit: () => {} });

// The renderer's transport (renderer/api/client.ts reads `window.preflight`): counted, then the host's dispatch.
globalThis.window = {
  preflight: {
    invoke: async (channel, args) => {
      crossed.push({ boundary: 'ipc', name: channel, after: size(args), before: before('ipc', channel, args) });
      return dispatch(services.handlers, channel, JSON.parse(JSON.stringify(args)));
    },
    on: () => () => {},
  },
};
const memory = new Map();
globalThis.localStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v), removeItem: (k) => memory.delete(k) };

// The render worker (renderer/workers/render-client.ts makes one `Worker`): counted, then the real session.
let session;
globalThis.Worker = class {
  constructor() {
    const reply = (m) => setTimeout(() => this.onmessage?.({ data: m }), 0);
    session = app.createRenderSession(reply);
  }
  postMessage(m) {
    crossed.push({ boundary: 'worker', name: m.type, after: size(m), before: before('worker', m.type, m) });
    const copy = structuredClone(m);
    setTimeout(() => session(copy), 0);
  }
};

const app = await importShared(
  'bench-boundary-app',
  "export { useData, settleKeptData } from './renderer/stores/data'; export { useRenders } from './renderer/stores/renders'; export { useSend } from './renderer/stores/send'; export { createRenderSession } from './renderer/workers/render-session'; export { loadCampaign } from './shared/campaign/load';",
);
const { useData, settleKeptData, useRenders, useSend, loadCampaign } = app;

const until = async (cond, what) => {
  for (let i = 0; i < 60_000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!cond()) throw new Error(`timed out waiting for ${what}`);
};
const text = (t) => loadCampaign(CAMPAIGN_FILE, ['name: Promo', 'id: "PROMO"', 'type: single-stage', 'target_by: user_id', 'nodes:', '  - key: sms', '    channel: sms', '    content:', '      from: Promo', `      text: "${t}"`, ''].join('\n')).campaign;

const target = [];
const twp = {};
for (let i = 0; i < USERS; i++) {
  target.push(`user_${i}`);
  twp[`user_${i}`] = { promo_code: `CODE${i}`, first_name: `Name${i}` };
}
const imported = { target_by: 'user_id', target, params: { promo_name: 'Play-X-Get-Y' }, target_with_params: twp };
await services.handlers['environments.save']({ environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false } });

const rows = [];
async function step(label, run) {
  const from = crossed.length;
  await run();
  const mine = crossed.slice(from);
  const sum = (b, k) => mine.filter((m) => m.boundary === b).reduce((n, m) => n + m[k], 0);
  const names = (b) => [...new Set(mine.filter((m) => m.boundary === b).map((m) => m.name))].join(', ') || '-';
  rows.push({ label, ipcBefore: sum('ipc', 'before'), ipcAfter: sum('ipc', 'after'), ipcNames: names('ipc'), workerBefore: sum('worker', 'before'), workerAfter: sum('worker', 'after'), workerNames: names('worker') });
}
const loadRenders = (campaign) => {
  current = useData.getState().overrides[CAMPAIGN_FILE];
  useRenders.getState().load({ campaign, data: current, profiles: currentProfiles, settings: {} });
  return until(() => useRenders.getState().status === 'ready', 'the worker to load');
};
const draftReady = () => !useSend.getState().preparing && useSend.getState().draft;

await useData.getState().restoreKept(); // starts keeping, as when a workspace opens
let campaign = text('Hi, your {{ promo_name }} code is {{ promo_code }}.');
await step('import (a new data set)', async () => {
  current = imported;
  useData.getState().setData(CAMPAIGN_FILE, imported);
  await settleKeptData();
  await loadRenders(campaign);
});
await step('one keystroke in the campaign editor', async () => {
  campaign = text('Hi, your {{ promo_name }} code is {{ promo_code }}!');
  await loadRenders(campaign);
});
await step('one param edit', async () => {
  useData.getState().setParams(CAMPAIGN_FILE, { promo_name: 'Play-X-Get-Z' });
  current = useData.getState().overrides[CAMPAIGN_FILE];
  await settleKeptData();
  await loadRenders(campaign);
});
await step('send.prepare (Send… opens the preview)', async () => {
  useSend.getState().prepare({ campaignFile: CAMPAIGN_FILE, campaignId: 'PROMO', campaignName: 'Promo', data: current, environmentId: 'sandbox' });
  await until(draftReady, 'the draft');
});
await step('one send-option change', async () => {
  useSend.getState().setOptions({ time: '2030-01-01 10:00' });
  await until(draftReady, 'the draft');
});
if (useSend.getState().draft?.recipients !== USERS) throw new Error(`the draft plans ${useSend.getState().draft?.recipients} recipients, not ${USERS}`);
await services.close();
rmSync(dir, { recursive: true, force: true });

const kb = (n) => (n < 10_000 ? `${n} B` : `${(n / 1024 / 1024).toFixed(1)} MB`);
console.log(`\nboundary bench: bytes crossing per step with ${USERS.toLocaleString('en')} users loaded (JSON length; whole data set ${kb(size(imported))})`);
console.log('step'.padEnd(42), 'IPC before'.padStart(11), 'IPC after'.padStart(11), 'worker before'.padStart(14), 'worker after'.padStart(13), '  messages now');
let failed = false;
for (const r of rows) {
  console.log(r.label.padEnd(42), kb(r.ipcBefore).padStart(11), kb(r.ipcAfter).padStart(11), kb(r.workerBefore).padStart(14), kb(r.workerAfter).padStart(13), `  ipc: ${r.ipcNames}; worker: ${r.workerNames}`);
  // Every step but the import must cross O(size of the edit): far below the data set.
  if (!r.label.startsWith('import') && (r.ipcAfter > 10_000 || r.workerAfter > 10_000)) failed = true;
}
console.log(failed ? 'FAIL: a step after the import still carries the data set' : 'PASS: after the import, every step crosses a few hundred bytes, not the data set');
process.exit(failed ? 1 : 0);
