import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, IPC_WORKER_POLICY, securityHeaders, WORKER_POLICY } from '../../host/csp';

const policyOf = (path: string) => securityHeaders(path)['content-security-policy'];

describe('the policies of the files the app serves', () => {
  it('gives the document the app policy and every template-running worker no network at all', () => {
    expect(policyOf('index.html')).toBe(CONTENT_SECURITY_POLICY);
    for (const f of ['assets/render-worker-C603fE6G.js', 'assets/import-worker-RdWyMt5I.js', 'assets/workspace-worker-w0jBQEgI.js']) {
      expect(policyOf(f)).toBe(WORKER_POLICY);
      expect(policyOf(f)).toContain("connect-src 'none'");
    }
  });

  it('lets the IPC worker reach the host and nothing else, and runs no eval anywhere', () => {
    expect(policyOf('assets/ipc-worker-DnVhT80e.js')).toBe(IPC_WORKER_POLICY);
    expect(IPC_WORKER_POLICY).toContain("connect-src 'self'");
    expect(IPC_WORKER_POLICY).toContain("default-src 'none'");
    for (const p of [CONTENT_SECURITY_POLICY, WORKER_POLICY, IPC_WORKER_POLICY]) expect(p).not.toContain('unsafe-eval');
  });

  it('does not take a file that only ends like a worker for one', () => {
    expect(policyOf('assets/myipc-worker-x.js')).toBeUndefined();
    expect(policyOf('assets/ipc-worker-x.js.map')).toBeUndefined();
    expect(policyOf('assets/index-B9Rc_ts5.js')).toBeUndefined();
  });
});
