/**
 * After a crash trial: resume the interrupted send in this process (as the app does after a
 * restart, with the person's confirmation of the never-sent count) and check that every never-sent
 * batch arrives exactly once and nothing else is sent again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../../host/sandbox/server';
import { EnvironmentStore } from '../../host/environments/store';
import { MemorySecretStore, setSandboxSecret } from '../../host/secrets';
import { SendManager } from '../../host/send/manager';
import type { TrialResult } from './crash-harness';

export async function resumeAndCheck(r: TrialResult, _dir: string): Promise<{ disagreements: string[] }> {
  const a = r.account!;
  const disagreements: string[] = [];
  const token = 'resume-token';
  const sandbox = await startSandbox({ tokens: [token], recordFile: r.sandboxRecord, keepCalls: false });
  sandbox.setFaults('sandbox', { maxRequestsPerSecond: 100_000, webhooks: false });
  try {
    const secrets = new MemorySecretStore();
    await setSandboxSecret(secrets, 'sandbox', 'apptoken', token);
    const manager = new SendManager({ dataDir: r.dataDir, workspace: () => join(r.dataDir, 'workspace'), environments: new EnvironmentStore(r.dataDir), secrets, sandbox });
    const before = manager.status(a.plan.sendId);
    const neverSent = before.batches.filter((b) => b.state === 'never-sent');
    if (neverSent.length === 0) return { disagreements };
    if (before.status === 'completed') disagreements.push('a send with never-sent batches reads as completed');
    const recipients = neverSent.reduce((n, b) => n + b.targets, 0);
    await manager.resume(a.plan.sendId, { environmentId: 'sandbox', campaignId: a.plan.campaignId, recipients });
    await manager.waitFor(a.plan.sendId);
    const after = manager.status(a.plan.sendId);
    if (after.batchCounts.neverSent !== 0) disagreements.push(`${after.batchCounts.neverSent} batches still never sent after resume`);
    const counts = new Map<string, number>();
    for (const line of readFileSync(r.sandboxRecord, 'utf8').split('\n')) if (line.trim()) for (const t of (JSON.parse(line) as { body: { target: string[] } }).body.target) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, n] of counts) if (n > 1) disagreements.push(`${t} was received ${n} times after resume`);
    for (const b of neverSent) for (const t of a.plan.batches[b.index]!.targets) if (counts.get(t) !== 1) disagreements.push(`${t} (never sent before) was not received exactly once by the resume`);
  } finally {
    await sandbox.close();
  }
  return { disagreements: disagreements.slice(0, 20) };
}
