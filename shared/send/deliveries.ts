/**
 * Deliveries of a send, per user, from webhook events: an event belongs to a batch through
 * `properties.external_message_id`, and to a user through `user_id` (or `target`, `id`).
 */
export interface DeliveryEvent {
  event: string;
  time: number;
  properties: Record<string, unknown>;
}

export interface UserDelivery {
  user: string;
  batch: number;
  deliveredAt?: string;
  clickedAt?: string;
}

/** The user an event is about: `user_id`, else `target`, `id` or `device_id`. */
export const userOf = (p: Record<string, unknown>) => {
  const v = p.user_id ?? p.target ?? p.id ?? p.device_id;
  return v === undefined || v === null ? undefined : String(v);
};

/** Folds events into one row per user, keyed by the batch its external_message_id names. */
export function deliveriesOf(events: DeliveryEvent[], batchOfXid: Map<string, number>): UserDelivery[] {
  const rows = new Map<string, UserDelivery>();
  for (const e of events) {
    const xid = e.properties.external_message_id;
    const batch = typeof xid === 'string' ? batchOfXid.get(xid) : undefined;
    const user = userOf(e.properties);
    if (batch === undefined || user === undefined) continue;
    let row = rows.get(user);
    if (!row) rows.set(user, (row = { user, batch }));
    const at = new Date(e.time * 1000).toISOString();
    if (e.event === 'message_delivery' || e.event === 'delivery') row.deliveredAt ??= at;
    if (e.event === 'message_click' || e.event === 'click') row.clickedAt ??= at;
  }
  return [...rows.values()];
}
