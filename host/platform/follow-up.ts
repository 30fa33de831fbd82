/**
 * Delivery follow-up of one send: reads `list/push-devices` for the campaign's errors in the send's
 * time window (page by page, up to a cap) and maps them to the send's users and batches.
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { ChannelArgs, ChannelResult } from '../../shared/ipc/contract';
import { FOLLOW_UP_WINDOW, PUSH_DEVICES_MAX_PAGES, PUSH_DEVICES_PAGE, PUSH_DEVICES_SELECT, pushDeviceConditions } from '../../shared/platform/assumptions';
import type { PlatformProblem } from '../../shared/platform/campaign';
import { groupDeliveryErrors, parsePushDevices, type DeviceErrorRow } from '../../shared/platform/push-devices';
import type { SecretStore } from '../secrets';
import { callPlatform, successOf } from './client';

type Args = ChannelArgs<'platform.deliveryErrors'>;

/** Reads the send's errors and groups them by message, user and batch. */
export async function deliveryErrors(env: EnvironmentConfig, secrets: SecretStore, a: Args, now = Date.now()): Promise<ChannelResult<'platform.deliveryErrors'>> {
  const from = Math.floor(Date.parse(a.startedAt) / 1000) - FOLLOW_UP_WINDOW.beforeSeconds;
  const to = Math.min(Math.floor(Date.parse(a.finishedAt) / 1000) + FOLLOW_UP_WINDOW.afterSeconds, Math.floor(now / 1000) + FOLLOW_UP_WINDOW.beforeSeconds);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { ok: false, failure: { kind: 'invalid-request', message: 'The send has no readable start and finish time, so its delivery window is unknown.' } };
  const rows: DeviceErrorRow[] = [];
  const problems: PlatformProblem[] = [];
  let truncated = false;
  for (let page = 0; ; page++) {
    if (page === PUSH_DEVICES_MAX_PAGES) {
      truncated = true;
      break;
    }
    const outcome = await callPlatform(env, secrets, 'list', 'push-devices', {
      condition: pushDeviceConditions(a.campaignId, from, to),
      select: PUSH_DEVICES_SELECT,
      order: ['id', 'asc'],
      limit: PUSH_DEVICES_PAGE,
      offset: page * PUSH_DEVICES_PAGE,
    });
    const r = successOf(outcome, 'read the delivery errors');
    if (!r.ok) return r;
    const parsed = parsePushDevices(r.envelope.data, `page ${page + 1} data`);
    if (parsed.problems.length && parsed.rows.length === 0 && r.envelope.data !== undefined && !Array.isArray(r.envelope.data))
      return { ok: false, failure: { kind: 'unreadable', message: `Could not read the delivery errors: ${parsed.problems[0]!.path}: ${parsed.problems[0]!.message}.`, raw: JSON.stringify(r.envelope.data, null, 2).slice(0, 20_000) } };
    rows.push(...parsed.rows);
    problems.push(...parsed.problems);
    const count = Array.isArray(r.envelope.data) ? r.envelope.data.length : parsed.rows.length;
    if (count < PUSH_DEVICES_PAGE) break;
  }
  // The time window is also applied here, in case the platform ignores the create_time condition.
  const inWindow = rows.filter((row) => row.createTime === undefined || (row.createTime >= from && row.createTime <= to));
  return { ok: true, groups: groupDeliveryErrors(inWindow, a.batches), rowsRead: rows.length, truncated, checkedAt: new Date(now).toISOString(), problems };
}
