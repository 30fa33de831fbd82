/**
 * Which users of an execute the platform would log as "Not personalized" in legacy personalisation
 * mode: computed with the same render pipeline as the preview (shared/campaign/render.ts), so the
 * sandbox reports exactly what the preview flags.
 */
import { compileCampaign, renderNode } from '../campaign/render';
import { isEmptyValue, resolveValue, type Profiles, type SendData } from '../campaign/send-data';
import { parseCampaignModel } from './campaign';
import { mapPlatformCampaign } from './mapping';

/** One user × message the platform would not send. */
export interface NotPersonalizedMessage {
  user: string;
  messageType: number;
  /** The attributes that were empty. */
  missing: string[];
}

/** Users of an execute body whose referenced attributes are missing, per message type. */
export function notPersonalizedMessages(model: unknown, data: SendData, profiles: Profiles): NotPersonalizedMessage[] {
  const { campaign } = parseCampaignModel(model);
  if (!campaign) return [];
  const mapped = mapPlatformCampaign(campaign);
  const compiled = compileCampaign(mapped.campaign);
  const out: NotPersonalizedMessage[] = [];
  for (const user of data.target)
    for (const cn of compiled.nodes) {
      const r = renderNode(cn, user, data, profiles, { legacyPersonalisation: true });
      if (!r.diagnostics.some((d) => d.code === 'not-personalised')) continue;
      const missing = cn.references.filter((name) => {
        const { value, source } = resolveValue(name, user, data, profiles);
        return source === 'empty' || isEmptyValue(value);
      });
      out.push({ user, messageType: mapped.nodeTypes[cn.node.key] ?? 0, missing });
    }
  return out;
}
