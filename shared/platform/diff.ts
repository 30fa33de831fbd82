/**
 * "Check against live": compares a workspace campaign with the platform's current version, field by
 * field. Nodes are matched by the platform message type they stand for (not by key), because the
 * platform renders its own copy of each message and that is what a send will deliver.
 */
import { templateFields, type Campaign, type CampaignNode } from '../campaign/model';
import { messageTypeLabel } from './campaign';
import { messageTypeOfNode, type MappedCampaign } from './mapping';

export type FieldStatus = 'same' | 'changed' | 'local-only' | 'live-only';

/** One compared field. `local`/`live` are absent when that side has no such field (or it is empty). */
export interface FieldDiff {
  /** Message type label, e.g. "SMS". */
  message: string;
  messageType: number;
  /** The workspace node's key, when the workspace has this message. */
  node?: string;
  field: string;
  status: FieldStatus;
  local?: string;
  live?: string;
}

/** The result of a comparison: every field, whether any template differs, and campaign-level notes. */
export interface LiveComparison {
  campaignId: string;
  fields: FieldDiff[];
  /** True when any template field differs: the platform would send something else than the preview. */
  differs: boolean;
  /** Campaign-level warnings (inactive on the platform, messages only one side has). */
  warnings: string[];
}

/** "an SMS", "an Email", "a Web push" (SMS is read "ess-em-ess"). */
const withArticle = (label: string) => `${/^(SMS|[AEIOU])/i.test(label) ? 'an' : 'a'} ${label}`;

function fieldsOf(node: CampaignNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of templateFields(node)) if (f.source !== '') out.set(f.name, f.source);
  return out;
}

function byType(campaign: Campaign, nodeTypes?: Record<string, number>): Map<number, CampaignNode> {
  const out = new Map<number, CampaignNode>();
  for (const n of campaign.nodes) {
    const t = nodeTypes?.[n.key] ?? messageTypeOfNode(n);
    if (!out.has(t)) out.set(t, n);
  }
  return out;
}

/** Compares a workspace campaign with the live one (already mapped to our format). */
export function compareWithLive(local: Campaign, live: MappedCampaign): LiveComparison {
  const fields: FieldDiff[] = [];
  const warnings: string[] = [];
  const localNodes = byType(local);
  const liveNodes = byType(live.campaign, live.nodeTypes);
  const types = [...new Set([...localNodes.keys(), ...liveNodes.keys()])].sort((a, b) => a - b);
  for (const type of types) {
    const message = messageTypeLabel(type);
    const ln = localNodes.get(type);
    const pn = liveNodes.get(type);
    if (ln && !pn) warnings.push(`The workspace has ${withArticle(message)} node ("${ln.key}") that the live campaign does not have: the platform will not send it.`);
    if (pn && !ln) warnings.push(`The live campaign has ${withArticle(message)} message that the workspace campaign does not have: the platform will send it, and Preflight does not preview it.`);
    const lf = ln ? fieldsOf(ln) : new Map<string, string>();
    const pf = pn ? fieldsOf(pn) : new Map<string, string>();
    const names = [...new Set([...lf.keys(), ...pf.keys()])];
    for (const field of names) {
      const a = lf.get(field);
      const b = pf.get(field);
      const status: FieldStatus = a !== undefined && b !== undefined ? (a === b ? 'same' : 'changed') : a !== undefined ? 'local-only' : 'live-only';
      fields.push({ message, messageType: type, ...(ln ? { node: ln.key } : {}), field, status, ...(a !== undefined ? { local: a } : {}), ...(b !== undefined ? { live: b } : {}) });
    }
  }
  const localExtra = local.nodes.length - localNodes.size;
  if (localExtra > 0) warnings.push(`${localExtra} workspace node(s) share a message type with another node; the platform holds one message per type, so only the first is compared.`);
  if (live.active === false) warnings.push('The live campaign is inactive: the platform may refuse or skip executes until it is activated.');
  if (local.id !== live.campaign.id) warnings.push(`Comparing campaign ID ${local.id} with live campaign ID ${live.campaign.id}.`);
  return { campaignId: live.campaign.id, fields, differs: fields.some((f) => f.status !== 'same'), warnings };
}
