/**
 * The send domain's handlers and parts: environments (settings file), the send manager (journals),
 * the webhook receiver, and the sandbox's durable record. The send engine runs here, in the main
 * process; the renderer asks for a send by draft id and never sees a token.
 */
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../context';
import { deliveriesOf } from '../../shared/send/deliveries';
import { EnvironmentStore, SANDBOX_ENVIRONMENT_ID } from '../environments/store';
import { environmentHandlers } from '../environments/service';
import { startWebhookReceiver } from '../webhooks/receiver';
import { findEnvironment } from '../platform/environments';
import { SendManager } from './manager';
import { VerdictRunner } from './verdict-runner';
import type { WorkspaceRef } from '../workspace-service';
import { unknownFollowUp } from './unknown-follow-up';
import { HeldData } from '../held-data';

export { SANDBOX_ENVIRONMENT_ID };

type SendHandlerNames =
  | 'environments.list'
  | 'environments.save'
  | 'environments.remove'
  | 'environments.setToken'
  | 'environments.chooseTokenFile'
  | 'send.prepare'
  | 'send.prepareResend'
  | 'send.body'
  | 'send.start'
  | 'send.cancel'
  | 'send.status'
  | 'send.history'
  | 'send.historyCsv'
  | 'send.resume'
  | 'send.skip'
  | 'send.batchTargets'
  | 'send.exportTargets'
  | 'send.deliveries'
  | 'send.unknownFollowUp';

/** Test hooks: a short request timeout and fast retries make fault tests quick. */
function tuning() {
  const n = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const timeoutMs = n(process.env.PREFLIGHT_SEND_TIMEOUT_MS);
  const base = n(process.env.PREFLIGHT_RETRY_BASE_MS);
  return { ...(timeoutMs ? { timeoutMs } : {}), ...(base !== undefined ? { retry: { maxAttempts: 6, baseDelayMs: base, maxDelayMs: Math.max(base, 1) * 8, maxRetryAfterMs: 120_000 } } : {}) };
}

/** `held`: the data sets `send.prepare` names by revision (host/held-data.ts). */
export async function createSending(ctx: ServiceContext, workspace: WorkspaceRef = { dir: ctx.workspaceDir }, held: HeldData = new HeldData()): Promise<{ handlers: Pick<Handlers, SendHandlerNames>; manager: SendManager; close(): Promise<void> }> {
  const environments = new EnvironmentStore(ctx.dataDir);
  if (environments.loadProblem) console.warn(`preflight: ${environments.loadProblem}`);
  const manager = new SendManager({ dataDir: ctx.dataDir, workspace: () => workspace.dir, verdicts: new VerdictRunner({ ...(ctx.verdictWorker ? { workerFile: ctx.verdictWorker } : {}) }), environments, secrets: ctx.secrets, sandbox: ctx.sandbox, emit: ctx.emit, ...tuning() });
  const receiver = await startWebhookReceiver({
    dataDir: ctx.dataDir,
    onEvents: (events) => ctx.emit('webhook.events', { count: events.length, externalMessageIds: [...new Set(events.map((e) => String(e.properties.external_message_id)))] }),
  });
  ctx.sandbox.setWebhookUrl(receiver.url);

  const handlers: Pick<Handlers, SendHandlerNames> = {
    ...environmentHandlers({ store: environments, secrets: ctx.secrets, sandboxUrl: ctx.sandbox.url, confirm: ctx.confirm, native: ctx.native }),
    'send.prepare': async ({ dataRevision, data, ...a }) => manager.prepare({ ...a, data: data ?? held.get(dataRevision!) }),
    'send.prepareResend': async ({ sendId, batches }) => manager.prepareResend(sendId, batches),
    'send.body': async ({ draftId, index }) => manager.body(draftId, index),
    'send.start': async ({ draftId, confirmation, overrideReason }) => ({ sendId: await manager.start(draftId, confirmation, overrideReason) }),
    'send.cancel': async ({ sendId }) => ({ cancelling: await manager.cancel(sendId) }),
    'send.status': async ({ sendId }) => manager.status(sendId),
    'send.history': async (f) => manager.history(f),
    'send.historyCsv': async (f) => ({ csv: manager.historyCsv(f) }),
    'send.resume': async ({ sendId, confirmation }) => ({ sendId: await manager.resume(sendId, confirmation) }),
    'send.skip': async ({ sendId, batches, reason }) => manager.skip(sendId, batches, reason),
    'send.batchTargets': async ({ sendId, index }) => manager.batchTargets(sendId, index),
    'send.exportTargets': async ({ sendId, batches }) => manager.exportTargets(sendId, batches),
    'send.deliveries': async ({ sendId }) => {
      const plan = manager.account(sendId).plan;
      const byXid = new Map(plan.batches.map((b) => [b.xid, b.i] as const));
      return { receiverUrl: receiver.url, rows: deliveriesOf(receiver.eventsFor(byXid.keys()), byXid) };
    },
    'send.unknownFollowUp': async ({ sendId }) => unknownFollowUp({ account: manager.account(sendId), receiver, environment: await findEnvironment(ctx, manager.account(sendId).plan.environment.id), secrets: ctx.secrets }),
  };
  return {
    handlers,
    manager,
    close: async () => {
      manager.close();
      await receiver.close();
    },
  };
}
