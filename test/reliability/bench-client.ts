/**
 * One benchmark run, in its own process so peak memory is its own:
 *   bench-client MODE SANDBOX_URL TOKEN TARGETS BATCH CONCURRENCY DATA_DIR
 * MODE `bare`: a plain fetch loop posting the same bodies with the same concurrency.
 * MODE `preflight`: the real send path from the confirmation on (journal plan write with fsync,
 *   per-batch credentials, pacing, journal records before and after every request, retry policy).
 * Prints one JSON line {mode, ms, batches, maxRssMb}.
 */
import { EnvironmentStore, sandboxDefaults } from '../../host/environments/store';
import { MemorySecretStore, setSandboxSecret } from '../../host/secrets';
import { SendManager } from '../../host/send/manager';
import { bodyOf, planSend } from '../../shared/send/plan';
import type { SendData } from '../../shared/campaign/send-data';
import { join } from 'node:path';
import { writeSendCampaign } from '../fixtures/send-workspace';

async function main() {
  const [mode, url, token, n, size, conc, dataDir] = process.argv.slice(2) as [string, string, string, string, string, string, string];
  const count = Number(n);
  const batchSize = Number(size);
  const concurrency = Number(conc);
  const target = Array.from({ length: count }, (_, i) => `user_${i}`);
  const data: SendData = { target_by: 'user_id', target, params: { promo_name: 'Play-X-Get-Y' }, target_with_params: Object.fromEntries(target.map((t, i) => [t, { promo_code: `CODE${i}` }])) };
  let ms: number;
  let batches: number;
  if (mode === 'bare') {
    const plan = planSend({ sendId: 'bench', environment: { id: 'sandbox', name: 'Sandbox', baseUrl: url, production: false }, campaignId: 'BENCH', data, batchSize });
    const bodies = plan.batches.map((b) => bodyOf(plan, b.i));
    batches = bodies.length;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(`${url}/api/external/execute/campaign`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apptoken: token, ...body }) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await res.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    ms = performance.now() - started;
  } else {
    const environments = new EnvironmentStore(dataDir);
    await environments.save({ ...sandboxDefaults(), batchSize, concurrency, ratePerSecond: 1000 });
    const secrets = new MemorySecretStore();
    await setSandboxSecret(secrets, 'sandbox', 'apptoken', token);
    const workspace = join(dataDir, 'workspace');
    const campaignFile = writeSendCampaign(workspace, 'BENCH', { text: 'Your {{ promo_name }} code is {{ promo_code }}.' });
    const manager = new SendManager({ dataDir, workspace: () => workspace, environments, secrets, sandbox: { url, allowToken: () => {} } });
    // The preview (planning and the host's check) is made while the person reads it; the clock starts at their confirmation.
    const draft = await manager.prepare({ environmentId: 'sandbox', campaignFile, data });
    const started = performance.now();
    const id = await manager.start(draft.draftId, { environmentId: 'sandbox', campaignId: 'BENCH', recipients: count });
    await manager.waitFor(id);
    ms = performance.now() - started;
    const d = manager.status(id);
    batches = d.batchCount;
    if (d.batchCounts.acknowledged !== d.batchCount) throw new Error(`only ${d.batchCounts.acknowledged} of ${d.batchCount} batches acknowledged`);
  }
  process.stdout.write(JSON.stringify({ mode, ms: Math.round(ms), batches, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench-client: ${(e as Error).message}\n`);
  process.exit(1);
});
