/** The benchmark's sandbox, in its own process: prints `ready URL`; the token is the first argument. */
import { startSandbox } from '../../host/sandbox/server';

const token = process.argv[2] ?? 'bench-token';
startSandbox({ tokens: [token], keepCalls: false }).then((s) => {
  s.setFaults('sandbox', { maxRequestsPerSecond: 100_000, maxTargets: 100_000, webhooks: false });
  process.stdout.write(`ready ${s.url}\n`);
});
