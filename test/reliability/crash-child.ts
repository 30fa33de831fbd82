/**
 * The crash test's child: a real send of many targets through the send manager (journal, executor,
 * retry policy) to the sandbox, in its own process so the test can SIGKILL it at any instant.
 *   node crash-child.mjs DATA_DIR SANDBOX_URL TOKEN TARGETS BATCH_SIZE
 * Prints `started <sendId>` once the plan is durable.
 */
import { EnvironmentStore, sandboxDefaults } from '../../host/environments/store';
import { MemorySecretStore, setSandboxSecret } from '../../host/secrets';
import { SendManager } from '../../host/send/manager';
import { join } from 'node:path';
import { writeSendCampaign } from '../fixtures/send-workspace';

async function main() {
  const [dataDir, sandboxUrl, token, count, size] = process.argv.slice(2);
  if (!dataDir || !sandboxUrl || !token || !count || !size) throw new Error('usage: crash-child DATA_DIR SANDBOX_URL TOKEN TARGETS BATCH_SIZE');
  const environments = new EnvironmentStore(dataDir);
  await environments.save({ ...sandboxDefaults(), ratePerSecond: 1000, concurrency: 3 });
  const secrets = new MemorySecretStore();
  await setSandboxSecret(secrets, 'sandbox', 'apptoken', token);
  const workspace = join(dataDir, 'workspace');
  const campaignFile = writeSendCampaign(workspace, 'CRASH', { text: 'Your code {{ code }} for {{ promo }}.' });
  const manager = new SendManager({ dataDir, workspace: () => workspace, environments, secrets, sandbox: { url: sandboxUrl, allowToken: () => {} }, timeoutMs: 5000 });
  const target = Array.from({ length: Number(count) }, (_, n) => `user_${n}`);
  const target_with_params = Object.fromEntries(target.map((t) => [t, { code: `C-${t}` }]));
  const draft = await manager.prepare({ environmentId: 'sandbox', campaignFile, data: { target_by: 'user_id', target, params: { promo: 'X' }, target_with_params }, batchSize: Number(size) });
  const sendId = await manager.start(draft.draftId, { environmentId: 'sandbox', campaignId: 'CRASH', recipients: target.length });
  process.stdout.write(`started ${sendId}\n`);
  await manager.waitFor(sendId);
  process.stdout.write(`done ${sendId}\n`);
}

main().catch((e) => {
  process.stderr.write(`crash-child: ${(e as Error).message}\n`);
  process.exit(2);
});
