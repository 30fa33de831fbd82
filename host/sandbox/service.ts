/** Handlers to inspect and reset the built-in sandbox. */
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../context';

export function sandboxHandlers(ctx: ServiceContext): Pick<Handlers, 'sandbox.calls' | 'sandbox.reset'> {
  return {
    'sandbox.calls': async ({ since }) => ctx.sandbox.calls().filter((c) => c.seq > (since ?? 0)),
    'sandbox.reset': async () => ({ cleared: ctx.sandbox.reset() }),
  };
}
