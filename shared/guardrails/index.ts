/** Guardrail checks (pure): per render and per campaign. See types.ts for levels and settings. */
import type { NodeRender } from '../campaign/render';
import { applyLevels, levelOf, type GuardrailFinding, type GuardrailSettings, type RawFinding } from './types';
import { checkEmail } from './email';
import { checkCompatibilityOf } from './compatibility';
import { checkLinks } from './links';
import { tracedScan } from './email-memo';
import { checkSms } from './sms';
import { checkNotification } from './notifications';

export * from './types';
export { checkEmail, scanHtml, placeholderLinkReason, unrenderedLinkReason, GMAIL_CLIP_BYTES } from './email';
export { checkSms, checkLongestSms, longestValues, MAX_SMS_SEGMENTS } from './sms';
export { checkNotification } from './notifications';
export { checkData, profileKeys } from './data';
export { checkCompatibility } from './compatibility';
export { checkLinks, contactLinkReason, invalidUrlReason, repeatedTrackingParams, queryKeys, TRACKING_PARAM } from './links';

/**
 * The raw guardrail findings of one rendered node for one user. `settings` carries the options of
 * the email checks (which clients, which tracking parameters); levels are applied by renderFindings.
 */
export function rawRenderFindings(r: NodeRender, settings?: GuardrailSettings): RawFinding[] {
  const where = { node: r.node, target: r.target };
  switch (r.channel) {
    case 'email': {
      const html = r.fields.html ?? '';
      // With the render's trace, the HTML scan of the checks below is mostly remembered (email-memo.ts).
      const tags = r.htmlTrace && html ? tracedScan(html, r.htmlTrace) : undefined;
      const out = checkEmail(r.fields, where, tags);
      // Skipped when the team turned them off: these are the costly ones over 100,000 users.
      if (levelOf('email-client-unsupported', settings) !== 'off' || levelOf('email-client-partial', settings) !== 'off') out.push(...checkCompatibilityOf(html, r.node, r.target, settings?.email));
      out.push(...checkLinks(html, where, settings?.email));
      return out;
    }
    case 'sms':
      return r.sms ? checkSms(r.sms, where) : [];
    case 'webpush':
    case 'push':
      return checkNotification(r.channel, r.fields, where);
  }
}

/** The guardrail findings of one render under the team's levels. */
export function renderFindings(r: NodeRender, settings?: GuardrailSettings): GuardrailFinding[] {
  return applyLevels(rawRenderFindings(r, settings), settings);
}
