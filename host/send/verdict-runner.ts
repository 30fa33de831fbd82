/**
 * Runs the evaluation pipeline for the host's send verdict without stalling the host: small sends
 * inline, big ones in a Node worker thread (host/send/verdict-worker.ts), so the host keeps
 * answering IPC calls, the sandbox and the webhook receiver while 100,000 users are checked. Where
 * no worker bundle is available (unit tests run the sources), a big check runs inline in time
 * slices instead, yielding to the event loop between them. scripts/bench-verdict.mjs measures the
 * host's event-loop delay both ways.
 */
import { Worker } from 'node:worker_threads';
import type { EvaluationInput } from '../../shared/pipeline/evaluation';
import { createEvaluation, evaluate, ScanAccumulator, scanUsers, sendVerdict, type SendVerdict } from '../../shared/pipeline';

/** What one verdict needs: the pipeline's input. */
export type VerdictJob = EvaluationInput;

/** What the worker thread answers. */
export type VerdictReply = { verdict: SendVerdict } | { error: string };

export interface VerdictRunnerOptions {
  /** The worker bundle (dist/host/verdict-worker.mjs); without it every check runs in this thread. */
  workerFile?: string;
  /** Up to this many cells (users × nodes) a check runs inline at once: a worker costs more to start than they take. */
  inlineCells?: number;
  /** Slice length of an inline check of a big send, in ms. */
  sliceMs?: number;
}

export class VerdictRunner {
  /** How the last verdict was computed (tests and the bench look). */
  lastMode: 'inline' | 'sliced' | 'worker' | undefined;

  private workerFile: string | undefined;

  constructor(private readonly o: VerdictRunnerOptions = {}) {
    this.workerFile = o.workerFile;
  }

  /** The verdict of a job. Rejects only for a bug or a worker that died; bad input gives a verdict. */
  async run(job: VerdictJob): Promise<SendVerdict> {
    const cells = job.data.target.length * job.campaign.nodes.length;
    if (cells <= (this.o.inlineCells ?? 20_000)) {
      this.lastMode = 'inline';
      return evaluate(job).verdict;
    }
    if (this.workerFile) {
      this.lastMode = 'worker';
      try {
        return await inWorker(this.workerFile, job);
      } catch (e) {
        // A worker that cannot start here (a packaged app that cannot load it, say) must not stop sends: check on this thread, in slices.
        console.warn(`preflight: ${(e as Error).message}; big send checks run on the main thread from now on`);
        this.workerFile = undefined;
      }
    }
    this.lastMode = 'sliced';
    return sliced(job, this.o.sliceMs ?? 10);
  }
}

function inWorker(file: string, job: VerdictJob): Promise<SendVerdict> {
  return new Promise((resolve, reject) => {
    const w = new Worker(file, { workerData: job });
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void w.terminate();
    };
    w.once('message', (m: VerdictReply) => done(() => ('verdict' in m ? resolve(m.verdict) : reject(new Error(`the send check failed: ${m.error}`)))));
    w.once('error', (e) => done(() => reject(new Error(`the send check failed: ${e.message}`))));
    w.once('exit', (code) => done(() => reject(new Error(`the send check stopped (worker exit ${code})`))));
  });
}

async function sliced(job: VerdictJob, sliceMs: number): Promise<SendVerdict> {
  const ev = createEvaluation(job);
  const campaignDiagnostics = ev.campaignDiagnostics();
  const acc = new ScanAccumulator(job.data.target.length);
  let i = 0;
  while (i < job.data.target.length) {
    const end = performance.now() + sliceMs;
    i = scanUsers(ev, acc, i, () => performance.now() > end);
    if (i < job.data.target.length) await new Promise((r) => setImmediate(r));
  }
  return sendVerdict(campaignDiagnostics, acc.result(), { legacyPersonalisation: ev.legacyPersonalisation });
}
