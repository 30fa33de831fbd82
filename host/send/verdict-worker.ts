/**
 * The worker thread of a big send check (host/send/verdict-runner.ts): runs the evaluation
 * pipeline over the job it was started with and answers with the verdict. Bundled on its own
 * (scripts/build.mjs), so it loads only shared/ code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluate } from '../../shared/pipeline';
import type { VerdictJob, VerdictReply } from './verdict-runner';

const job = workerData as VerdictJob;
let reply: VerdictReply;
try {
  reply = { verdict: evaluate(job).verdict };
} catch (e) {
  reply = { error: e instanceof Error ? e.message : String(e) };
}
parentPort?.postMessage(reply);
