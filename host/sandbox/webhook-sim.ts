/**
 * Simulated delivery and click postbacks: after the sandbox acts on an execute call, it posts
 * `message_delivery` events for every target and `message_click` for about a third of them to the
 * app's webhook receiver, in the platform's shape `{event, time, properties}` carrying the batch's
 * `external_message_id`. One POST carries a call's events (an array) to keep big sends cheap.
 */
export interface SimulatedEvent {
  event: 'message_delivery' | 'message_click';
  time: number;
  properties: Record<string, unknown>;
}

/** Deterministic "did this user click": a third of users, stable across runs. */
function clicks(id: string): boolean {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % 3 === 0;
}

export function simulatedEvents(body: Record<string, unknown>, kind: SimulatedEvent['event'], at = Date.now()): SimulatedEvent[] {
  const targets = Array.isArray(body.target) ? (body.target as unknown[]).map(String) : [];
  const params = (body.params ?? {}) as Record<string, unknown>;
  const chosen = kind === 'message_click' ? targets.filter(clicks) : targets;
  return chosen.map((t) => ({
    event: kind,
    time: Math.floor(at / 1000),
    properties: {
      external_message_id: params.external_message_id ?? null,
      campaign_id: String(body.id),
      target_by: body.target_by,
      target: t,
      ...(body.target_by === 'user_id' ? { user_id: t } : {}),
    },
  }));
}

/** Posts a call's deliveries after a short delay, then its clicks. Failures are ignored: postbacks are best effort, like the platform's. */
export function scheduleWebhooks(url: string, body: Record<string, unknown>, delayMs = 150): void {
  const post = (events: SimulatedEvent[]) =>
    events.length === 0
      ? Promise.resolve()
      : fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) }).then(
          (r) => void r.body?.cancel(),
          () => undefined,
        );
  setTimeout(() => {
    void post(simulatedEvents(body, 'message_delivery')).then(() => setTimeout(() => void post(simulatedEvents(body, 'message_click')), delayMs * 2));
  }, delayMs).unref();
}
