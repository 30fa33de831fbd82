/** Guardrail checks (pure): per render and per campaign. See types.ts for levels and settings. */
import type { NodeRender } from '../campaign/render';
import { applyLevels, type GuardrailFinding, type GuardrailSettings, type RawFinding } from './types';
import { checkEmail } from './email';
import { checkSms } from './sms';
import { checkNotification } from './notifications';

export * from './types';
export { checkEmail, scanHtml, placeholderLinkReason, unrenderedLinkReason, GMAIL_CLIP_BYTES } from './email';
export { checkSms, checkLongestSms, longestValues, MAX_SMS_SEGMENTS } from './sms';
export { checkNotification } from './notifications';
export { checkData, profileKeys } from './data';

/** The raw guardrail findings of one rendered node for one user. */
export function rawRenderFindings(r: NodeRender): RawFinding[] {
  const where = { node: r.node, target: r.target };
  switch (r.channel) {
    case 'email':
      return checkEmail(r.fields, where);
    case 'sms':
      return r.sms ? checkSms(r.sms, where) : [];
    case 'webpush':
    case 'push':
      return checkNotification(r.channel, r.fields, where);
  }
}

/** The guardrail findings of one render under the team's levels. */
export function renderFindings(r: NodeRender, settings?: GuardrailSettings): GuardrailFinding[] {
  return applyLevels(rawRenderFindings(r), settings);
}
