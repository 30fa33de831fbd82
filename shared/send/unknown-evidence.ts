/**
 * What delivery follow-up knows about the users of a send's unknown batches, before anyone
 * re-sends them: webhook events carrying the batch's `external_message_id`, and the platform's
 * `list/push-devices` error rows for its users. Any of them proves the platform acted on the batch
 * (re-sending would message those users again); none proves nothing either way.
 */
import { userOf, type DeliveryEvent } from './deliveries';
import type { ErrorGroup } from '../platform/push-devices';

/** One unknown batch: its users and the plan's external_message_id for it. */
export interface UnknownBatch {
  index: number;
  targets: string[];
  xid: string;
}

export interface UnknownBatchEvidence {
  index: number;
  targets: number;
  /** Users of the batch with a delivery event, and with a click. */
  delivered: number;
  clicked: number;
  /** Users of the batch the platform logged a delivery error for, by message. */
  errors: { message: string; users: number }[];
  /** `acted`: the platform did something for at least one of its users; `no-evidence`: nothing is known yet. */
  verdict: 'acted' | 'no-evidence';
  /** The finding in one plain sentence. */
  summary: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Folds webhook events and delivery-error groups into one finding per unknown batch. An event
 * counts for a batch only when it carries that batch's external_message_id and names one of its
 * users; `groups` is undefined when the platform's errors could not be read.
 */
export function unknownEvidence(batches: UnknownBatch[], events: DeliveryEvent[], groups: ErrorGroup[] | undefined): UnknownBatchEvidence[] {
  const batchOf = new Map<string, UnknownBatch>();
  for (const b of batches) for (const t of b.targets) if (!batchOf.has(t)) batchOf.set(t, b);
  const delivered = new Map<number, Set<string>>();
  const clicked = new Map<number, Set<string>>();
  const add = (m: Map<number, Set<string>>, i: number, u: string) => {
    let s = m.get(i);
    if (!s) m.set(i, (s = new Set()));
    s.add(u);
  };
  for (const e of events) {
    const user = userOf(e.properties);
    const b = user === undefined ? undefined : batchOf.get(user);
    if (!b || e.properties.external_message_id !== b.xid) continue;
    if (e.event === 'message_click' || e.event === 'click') add(clicked, b.index, user!);
    else add(delivered, b.index, user!);
  }
  return batches.map((b) => {
    const errors = (groups ?? []).map((g) => ({ message: g.message, users: g.users.filter((u) => batchOf.get(u.user)?.index === b.index).length })).filter((g) => g.users > 0);
    const d = delivered.get(b.index)?.size ?? 0;
    const c = clicked.get(b.index)?.size ?? 0;
    const errored = errors.reduce((n, g) => n + g.users, 0);
    const acted = d + c + errored > 0;
    const facts = [
      d > 0 && `${d.toLocaleString('en')} of ${plural(b.targets.length, 'user')} have delivery events`,
      c > 0 && `${plural(c, 'user')} clicked`,
      errored > 0 && `${plural(errored, 'user')} have delivery errors (${errors.map((g) => `“${g.message}”`).join(', ')})`,
    ].filter(Boolean);
    const summary = acted
      ? `The platform acted on this batch: ${facts.join('; ')}. Re-sending would send these users the message again.`
      : `No delivery events or errors for its ${plural(b.targets.length, 'user')} so far${groups === undefined ? " (the platform's delivery errors could not be read)" : ''}. The platform may never have received the request, or may not have reported yet.`;
    return { index: b.index, targets: b.targets.length, delivered: d, clicked: c, errors, verdict: acted ? 'acted' : 'no-evidence', summary };
  });
}
