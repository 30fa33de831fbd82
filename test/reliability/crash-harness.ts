/**
 * One crash trial: start a sandbox that records every call durably, run a send of many targets in a
 * child process, SIGKILL it at a random moment (at a random sandbox call, or after a random delay),
 * then compare what the journal says with what the sandbox received, target by target.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startSandbox } from '../../host/sandbox/server';
import { JournalStore } from '../../host/send/journal-store';
import type { SendAccount } from '../../shared/send/journal';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles the child once per run (it imports the app's TypeScript). */
export async function bundleChild(outDir: string): Promise<string> {
  // CommonJS: some dependencies (write-file-atomic) read __filename.
  const out = join(outDir, 'crash-child.cjs');
  await build({
    entryPoints: [join(root, 'test/reliability/crash-child.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return out;
}

export interface TrialResult {
  killedAt: string;
  account?: SendAccount;
  problems: string[];
  /** How many times the sandbox received each target. */
  received: Map<string, number>;
  /** Disagreements between the journal and the sandbox; empty when they agree. */
  disagreements: string[];
  /** Targets of unknown batches, and how many of them never reached the sandbox (what "unknown" costs). */
  unknownTargets: number;
  unknownUnreached: number;
  dataDir: string;
  sandboxRecord: string;
}

export async function runTrial(o: { child: string; dir: string; targets: number; batchSize: number; random: () => number }): Promise<TrialResult> {
  const dataDir = join(o.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const record = join(o.dir, 'sandbox-calls.jsonl');
  const token = `crash-token-${Math.floor(o.random() * 1e9)}`;
  const batches = Math.ceil(o.targets / o.batchSize);
  const byCall = o.random() < 0.6;
  const killAtCall = 1 + Math.floor(o.random() * batches);
  // A 20,000-target send takes about half a second here: kill within that window, not after it.
  const killAfterMs = Math.floor(o.random() * 450);
  let calls = 0;
  let killedAt = 'finished before the kill';
  let kill = () => {};
  const sandbox = await startSandbox({
    tokens: [token],
    recordFile: record,
    keepCalls: false,
    onCall: () => {
      calls++;
      if (byCall && calls === killAtCall) {
        killedAt = `at sandbox call ${calls} of ${batches}`;
        kill();
      }
    },
  });
  sandbox.setFaults('sandbox', { latencyMs: Math.floor(o.random() * 4), maxRequestsPerSecond: 100_000, webhooks: false });
  try {
    const child = spawn(process.execPath, [o.child, dataDir, sandbox.url, token, String(o.targets), String(o.batchSize)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    kill = () => child.kill('SIGKILL');
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    if (!byCall)
      child.stdout.once('data', () =>
        setTimeout(() => {
          if (child.exitCode === null) {
            killedAt = `${killAfterMs} ms after the start`;
            kill();
          }
        }, killAfterMs),
      );
    const code = await exited;
    if (code === 2) throw new Error(`the child failed: ${err}`);
  } finally {
    await sandbox.close();
  }

  const received = new Map<string, number>();
  if (existsSync(record))
    for (const line of readFileSync(record, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      for (const t of (JSON.parse(line) as { body: { target: string[] } }).body.target) received.set(t, (received.get(t) ?? 0) + 1);
    }

  const store = new JournalStore(join(dataDir, 'sends'));
  const ids = existsSync(store.dir)
    ? readdirSync(store.dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => f.slice(0, -6))
    : [];
  const disagreements: string[] = [];
  let unknownTargets = 0;
  let unknownUnreached = 0;
  for (const [t, n] of received) if (n > 1) disagreements.push(`${t} was received ${n} times`);
  const replay = ids[0] ? store.read(ids[0]) : { problems: ['no journal was created'] };
  const account = replay.account;
  if (!account) {
    // No durable plan means no request may have left.
    if (received.size > 0) disagreements.push(`no readable plan, yet the sandbox received ${received.size} targets`);
  } else {
    const planned = new Set<string>();
    for (const b of account.plan.batches) {
      const state = account.batches[b.i]!.state;
      const got = b.targets.filter((t) => received.has(t)).length;
      b.targets.forEach((t) => planned.add(t));
      if (state === 'acknowledged' && got !== b.targets.length) disagreements.push(`batch ${b.i + 1} is acknowledged but the sandbox has ${got} of its ${b.targets.length} targets`);
      if ((state === 'never-sent' || state === 'failed') && got !== 0) disagreements.push(`batch ${b.i + 1} is ${state} but the sandbox has ${got} of its targets`);
      if (state === 'unknown' && got !== 0 && got !== b.targets.length) disagreements.push(`batch ${b.i + 1} is unknown and the sandbox has part of it (${got})`);
      if (state === 'unknown') {
        unknownTargets += b.targets.length;
        if (got === 0) unknownUnreached += b.targets.length;
      }
      if (state === 'sending') disagreements.push(`batch ${b.i + 1} is still "sending" after replay`);
    }
    for (const t of received.keys()) if (!planned.has(t)) disagreements.push(`${t} was received but is not in the plan`);
  }
  return { killedAt, account, problems: replay.problems, received, disagreements, unknownTargets, unknownUnreached, dataDir, sandboxRecord: record };
}
