/** Handlers to inspect and reset the built-in sandbox and to set its faults per environment. */
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../context';

export function sandboxHandlers(ctx: ServiceContext): Pick<Handlers, 'sandbox.calls' | 'sandbox.reset' | 'sandbox.faults.get' | 'sandbox.faults.set'> {
  return {
    'sandbox.calls': async ({ since }) => ctx.sandbox.calls().filter((c) => c.seq > (since ?? 0)),
    'sandbox.reset': async () => ({ cleared: ctx.sandbox.reset() }),
    'sandbox.faults.get': async ({ environmentId }) => ctx.sandbox.faults(environmentId),
    'sandbox.faults.set': async ({ environmentId, faults }) => ctx.sandbox.setFaults(environmentId, faults),
  };
}
