/**
 * Delivery follow-up for a send's unknown batches, computed on the main side before the person
 * decides about a re-send: webhook events by external_message_id (the app's receiver) and the
 * platform's `list/push-devices` errors for the batches' users (host/platform/follow-up.ts).
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { SendAccount } from '../../shared/send/journal';
import { unknownEvidence, type UnknownBatch, type UnknownBatchEvidence } from '../../shared/send/unknown-evidence';
import type { ErrorGroup } from '../../shared/platform/push-devices';
import { deliveryErrors } from '../platform/follow-up';
import type { SecretStore } from '../secrets';
import type { WebhookReceiver } from '../webhooks/receiver';

export interface UnknownFollowUp {
  checkedAt: string;
  receiverUrl: string;
  /** Why the platform's delivery errors are not part of the finding, when they are not. */
  platformProblem?: string;
  batches: UnknownBatchEvidence[];
}

export async function unknownFollowUp(o: { account: SendAccount; receiver: WebhookReceiver; environment: EnvironmentConfig | undefined; secrets: SecretStore; now?: number }): Promise<UnknownFollowUp> {
  const { account: a } = o;
  const now = o.now ?? Date.now();
  const unknown: UnknownBatch[] = a.batches.filter((b) => b.state === 'unknown').map((b) => ({ index: b.index, targets: a.plan.batches[b.index]!.targets, xid: b.xid }));
  const base = { checkedAt: new Date(now).toISOString(), receiverUrl: o.receiver.url };
  if (unknown.length === 0) return { ...base, batches: [] };
  const events = o.receiver.eventsFor(new Set(unknown.map((b) => b.xid)));
  let groups: ErrorGroup[] | undefined;
  let platformProblem: string | undefined;
  if (!o.environment) platformProblem = `the environment "${a.plan.environment.id}" no longer exists`;
  else {
    try {
      const r = await deliveryErrors(
        o.environment,
        o.secrets,
        {
          environmentId: o.environment.id,
          campaignId: a.plan.campaignId,
          startedAt: a.startedAt ?? a.plan.createdAt,
          finishedAt: a.finishedAt ?? new Date(now).toISOString(),
          batches: unknown.map((b) => ({ index: b.index, targets: b.targets })),
        },
        now,
      );
      if (r.ok) groups = r.groups;
      else platformProblem = r.failure.message;
    } catch (e) {
      platformProblem = (e as Error).message;
    }
  }
  return { ...base, ...(platformProblem ? { platformProblem } : {}), batches: unknownEvidence(unknown, events, groups) };
}
