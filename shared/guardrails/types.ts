/**
 * Guardrails: the checks QA teams ask for beyond the render engine's own diagnostics. Every check
 * is a pure function of rendered output or of the data against the templates (no DOM, no I/O), and
 * its severity is a workspace setting (preflight.settings.json) so a team decides what stops a send.
 */
import type { Diagnostic } from '../diagnostics';

/** How much a finding matters to a team: `blocking` findings block the send preview; `off` hides the check. */
export type GuardrailLevel = 'off' | 'info' | 'warning' | 'blocking';

export const GUARDRAIL_LEVELS: readonly GuardrailLevel[] = ['off', 'info', 'warning', 'blocking'];

/** Every guardrail check with its title and default level. */
export const GUARDRAIL_CHECKS = {
  'email-html-size': { title: 'Email HTML over 102 KB (Gmail clips it)', level: 'warning' },
  'email-image-alt': { title: 'Email image without alt text', level: 'warning' },
  'email-missing-text': { title: 'Email without a plain-text part', level: 'warning' },
  'email-placeholder-link': { title: 'Placeholder or test link (example.com, localhost, #)', level: 'blocking' },
  'email-link-unrendered': { title: 'Link URL with an unrendered or empty value', level: 'blocking' },
  'email-subject-length': { title: 'Email subject longer than inboxes show', level: 'warning' },
  'email-preheader-length': { title: 'Email preheader too long or too short', level: 'info' },
  'email-client-unsupported': { title: 'HTML or CSS a checked email client does not support (caniemail.com data)', level: 'info' },
  'email-client-partial': { title: 'HTML or CSS a checked email client supports only partly', level: 'off' },
  'email-link-invalid': { title: 'Invalid or relative link or image URL', level: 'warning' },
  'email-link-insecure': { title: 'http: link or image in an https email', level: 'warning' },
  'email-link-tracking': { title: 'Tracking parameter repeated, or missing where the workspace expects it', level: 'warning' },
  'email-link-contact': { title: 'mailto: or tel: link of the wrong shape', level: 'warning' },
  'sms-segments': { title: 'SMS over 10 segments', level: 'warning' },
  'sms-longest-value': { title: 'SMS length with the longest value in the data', level: 'info' },
  'sms-ucs2': { title: 'Characters that force UCS-2 encoding', level: 'info' },
  'webpush-length': { title: 'Web push title or body truncated on a platform', level: 'warning' },
  'push-length': { title: 'Mobile push title or body truncated on a platform', level: 'warning' },
  'data-unsupplied': { title: 'Placeholder no column, param or profile supplies', level: 'warning' },
  'data-unused-column': { title: 'Passed value no node uses', level: 'info' },
  'data-case-mismatch': { title: 'Placeholder matches a passed key only when case is ignored', level: 'warning' },
  'data-shadowed-param': { title: 'Per-user column that shadows a global param', level: 'info' },
} as const satisfies Record<string, { title: string; level: GuardrailLevel }>;

export type GuardrailCheck = keyof typeof GUARDRAIL_CHECKS;

/**
 * What the email checks are told by the workspace (`guardrails.email` in preflight.settings.json):
 * the client families or clients to check, and the tracking parameters every web link must carry.
 */
export interface EmailCheckOptions {
  /** caniemail families (`outlook`, `gmail`…) or clients (`outlook.windows`); the default families when absent. */
  clients?: string[];
  /** Query parameters every web link must carry, e.g. `["utm_source", "utm_medium", "utm_campaign"]`. */
  trackingParams?: string[];
}

/** Levels chosen by the team, by check (checks not named keep their default), and the email checks' options. */
export type GuardrailSettings = Partial<Record<GuardrailCheck, GuardrailLevel>> & { email?: EmailCheckOptions };

/** A guardrail result in the app's diagnostic shape (`code` is the check), with the team's level. */
export interface GuardrailFinding extends Diagnostic {
  code: GuardrailCheck;
  level: Exclude<GuardrailLevel, 'off'>;
}

/** A finding before its level is applied. */
export type RawFinding = Omit<Diagnostic, 'severity' | 'code'> & { code: GuardrailCheck };

/** The level of a check under the settings. */
export function levelOf(check: GuardrailCheck, settings: GuardrailSettings | undefined): GuardrailLevel {
  return settings?.[check] ?? GUARDRAIL_CHECKS[check].level;
}

/**
 * Applies the team's levels: drops checks set to `off`; `blocking` shows as an error. The raw
 * findings are taken over and completed in place (every check builds them fresh, and a scan makes
 * one or two per user: copying each was a tenth of the guardrails' time).
 */
export function applyLevels(raw: readonly RawFinding[], settings: GuardrailSettings | undefined): GuardrailFinding[] {
  if (raw.length === 0) return [];
  const out: GuardrailFinding[] = [];
  for (const f of raw) {
    const level = levelOf(f.code, settings);
    if (level === 'off') continue;
    const g = f as GuardrailFinding;
    g.level = level;
    g.severity = level === 'blocking' ? 'error' : level;
    out.push(g);
  }
  return out;
}

/** True for a guardrail finding that blocks the send preview. */
export function isBlocking(d: Diagnostic): boolean {
  return (d as Partial<GuardrailFinding>).level === 'blocking';
}

/** Reads the `guardrails` section of a settings file, ignoring unknown checks and levels. */
export function parseGuardrailSettings(value: unknown): GuardrailSettings {
  const out: GuardrailSettings = {};
  const g = value && typeof value === 'object' ? (value as { guardrails?: unknown }).guardrails : undefined;
  if (!g || typeof g !== 'object') return out;
  for (const [k, v] of Object.entries(g)) {
    if (Object.hasOwn(GUARDRAIL_CHECKS, k) && (GUARDRAIL_LEVELS as readonly unknown[]).includes(v)) out[k as GuardrailCheck] = v as GuardrailLevel;
  }
  const email = parseEmailOptions((g as { email?: unknown }).email);
  if (email) out.email = email;
  return out;
}

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Reads `guardrails.email`: lists of short names only (anything else is ignored, as unknown levels are). */
function parseEmailOptions(v: unknown): EmailCheckOptions | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const names = (x: unknown) => (Array.isArray(x) ? x.filter((n): n is string => typeof n === 'string' && NAME.test(n)).slice(0, 100) : undefined);
  const out: EmailCheckOptions = {};
  const clients = names((v as { clients?: unknown }).clients);
  const trackingParams = names((v as { trackingParams?: unknown }).trackingParams);
  if (clients) out.clients = clients;
  if (trackingParams) out.trackingParams = trackingParams;
  return out;
}

/** The team's settings file in the workspace root (guardrail levels). */
export const SETTINGS_FILE = 'preflight.settings.json';

/**
 * The guardrail levels of a settings file's text (null: no file). The app and the host read it
 * alike: text that is not JSON leaves every check at its default level.
 */
export function settingsOfText(text: string | null): GuardrailSettings {
  if (!text) return {};
  try {
    return parseGuardrailSettings(JSON.parse(text));
  } catch {
    return {};
  }
}
