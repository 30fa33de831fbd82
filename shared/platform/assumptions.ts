/**
 * Everything about the real Xtremepush API that the public documentation leaves unconfirmed, in ONE
 * place (docs/platform.md lists each item and why it was chosen). Every other platform module reads
 * these constants, so a correction after checking against a real project is a change here only.
 *
 * Confirmed facts (docs/xtremepush-api.md) are marked "documented"; everything else is a guess.
 */
import type { Channel } from '../campaign/model';

/** Documented: `messages` in the `info/campaign` model is keyed by these message types. */
export const MESSAGE_TYPES = { ios: 1, android: 2, webpush: 3, inbox: 6, email: 7, webhook: 8, sms: 9 } as const;
export type MessageTypeName = keyof typeof MESSAGE_TYPES;

/** Documented: `trigger` 3 is an API-triggered campaign in `list/campaign`. */
export const API_TRIGGER = 3;

/**
 * How each message type becomes a node of our campaign file: node key, channel, and which platform
 * field fills which content field. Push fields are documented (campaign-model); the SMS and email
 * field names are NOT (guessed by analogy with `push_*`). Inbox (6) has no channel of its own in
 * our file format: it becomes a `push` node keyed `inbox` (title/body/image/url are what an inbox
 * card shows). Webhook (8) has no template we render; it is kept as an unmapped message.
 */
export const MESSAGE_MAPPINGS: readonly {
  type: number;
  key: string;
  channel: Channel;
  label: string;
  /** content field → platform field */
  fields: Readonly<Record<string, string>>;
}[] = [
  { type: 9, key: 'sms', channel: 'sms', label: 'SMS', fields: { from: 'sms_from', text: 'sms_text' } },
  {
    type: 7,
    key: 'email',
    channel: 'email',
    label: 'Email',
    fields: { from_name: 'email_from_name', subject: 'email_subject', preheader: 'email_preheader', html: 'email_html', text: 'email_text' },
  },
  { type: 3, key: 'webpush', channel: 'webpush', label: 'Web push', fields: { title: 'push_title', body: 'push_text', icon: 'push_icon', image: 'push_picture', url: 'url' } },
  { type: 1, key: 'ios', channel: 'push', label: 'iOS push', fields: { title: 'push_title', body: 'push_text', image: 'push_picture', url: 'url' } },
  { type: 2, key: 'android', channel: 'push', label: 'Android push', fields: { title: 'push_title', body: 'push_text', image: 'push_picture', url: 'url' } },
  { type: 6, key: 'inbox', channel: 'push', label: 'Inbox', fields: { title: 'push_title', body: 'push_text', image: 'push_picture', url: 'url' } },
];

/** Platform fields that belong with a mapped field and are not "unknown" (documented companions). */
export const COMPANION_FIELDS = new Set(['push_picture_type', 'url_browser', 'payload_add']);

/** Campaign-level fields of the `info/campaign` model that we map (`id`, `title`, `active` documented). */
export const CAMPAIGN_FIELDS = { id: 'id', title: 'title', active: 'active', trigger: 'trigger', messages: 'messages' } as const;

/**
 * Unconfirmed: how a multistage journey shows in `info/campaign`. We read a truthy `multistage`
 * field; without it a campaign is single-stage (one message, possibly on several channels).
 */
export const MULTISTAGE_FIELD = 'multistage';

/** Fields asked for in `list/campaign` (seen in use: id, title, trigger, active, sms, email, web_push). */
export const LIST_SELECT = ['id', 'title', 'trigger', 'active', 'sms', 'email', 'web_push'];

/** Channel flags of a `list/campaign` row (seen in use) and how we label them. */
export const LIST_CHANNEL_FLAGS: Readonly<Record<string, string>> = { sms: 'SMS', email: 'Email', web_push: 'Web push' };

/** Unconfirmed: the condition operator for a title search in `list/campaign` (SQL-like `like` with `%`). */
export function titleSearchCondition(search: string): [string, string, string] {
  return ['title', 'like', `%${search}%`];
}

/** Documented shape of conditions: `[[field, op, value], …]`; ordering: newest first (unconfirmed order syntax). */
export const LIST_ORDER = ['id', 'desc'];

/**
 * `list/push-devices`: documented condition on `campaign_id` and `error`; the time-window condition
 * on `create_time` and the `user_id` column (to map a device row to a user) are unconfirmed.
 */
export const PUSH_DEVICES_SELECT = ['id', 'action_id', 'campaign_id', 'create_time', 'device_id', 'user_id', 'error', 'error_message'];
export function pushDeviceConditions(campaignId: string, fromUnix: number, toUnix: number): unknown[] {
  return [
    ['campaign_id', '=', campaignId],
    ['error', '=', 1],
    ['create_time', '>=', fromUnix],
    ['create_time', '<=', toUnix],
  ];
}
/** Rows per page when reading `list/push-devices`; more pages are read up to the cap. */
export const PUSH_DEVICES_PAGE = 500;
export const PUSH_DEVICES_MAX_PAGES = 20;

/**
 * The delivery window of a send: the platform processes executes asynchronously and its clock may
 * differ from ours, so the window opens a little before the send and stays open a while after.
 */
export const FOLLOW_UP_WINDOW = { beforeSeconds: 120, afterSeconds: 6 * 3600 } as const;

/** Documented example of a per-user error message (spelling as the platform logs it). */
export const NOT_PERSONALIZED = 'Not personalized';

/**
 * OAuth 2.0 client credentials: documented endpoint; the body encoding (form-urlencoded, client id
 * and secret in the body rather than HTTP Basic), the response fields (RFC 6749: access_token,
 * expires_in, token_type) and that the bearer token replaces `apptoken` in the body are unconfirmed.
 */
export const OAUTH = {
  tokenPath: '/api/oauth/token',
  grantType: 'client_credentials',
  /** Assumed lifetime when the response has no `expires_in`. */
  defaultExpiresInSeconds: 3600,
  /** Refresh this long before the stated expiry (capped at a tenth of the lifetime). */
  earlySeconds: 30,
} as const;

/** The external API's method URL (documented). */
export function methodUrl(baseUrl: string, verb: string, object: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/external/${verb}/${object}`;
}
