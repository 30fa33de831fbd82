/**
 * Maps between the platform's campaign model and our campaign file, both ways: a live campaign
 * becomes nodes of our format (import, "check against live"), and a workspace campaign becomes the
 * platform's model (the sandbox's seed). Field names come from ./assumptions only.
 */
import type { Campaign, CampaignNode } from '../campaign/model';
import { COMPANION_FIELDS, MESSAGE_MAPPINGS, MESSAGE_TYPES, MULTISTAGE_FIELD, API_TRIGGER } from './assumptions';
import { messageTypeLabel, readFlag, type PlatformCampaign } from './campaign';

/** A platform field we keep but do not map, by its path in the campaign model. */
export interface UnmappedField {
  path: string;
  value: unknown;
}

/** A live campaign in our format, with everything the mapping could not place. */
export interface MappedCampaign {
  /** Fits our campaign schema (required content fields the platform left out are empty strings). */
  campaign: Campaign;
  active?: boolean;
  /** Node key → platform message type. */
  nodeTypes: Record<string, number>;
  unmapped: UnmappedField[];
  /** Plain-language notes about the mapping (an unmapped message, a missing field). */
  notes: string[];
}

type Mapping = (typeof MESSAGE_MAPPINGS)[number];

/** Required content fields per channel in our file format. */
const REQUIRED: Record<string, string[]> = { sms: ['text'], email: ['subject'], webpush: ['title', 'body'], push: ['body'] };

function nodeFromMessage(m: Mapping, message: Record<string, unknown>, unmapped: UnmappedField[], notes: string[]): CampaignNode {
  const content: Record<string, string> = {};
  const used = new Set<string>();
  for (const [field, platformField] of Object.entries(m.fields)) {
    used.add(platformField);
    const v = message[platformField];
    if (typeof v === 'string') content[field] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') content[field] = String(v);
    else if (v !== undefined && v !== null) unmapped.push({ path: `messages.${m.type}.${platformField}`, value: v });
  }
  for (const field of REQUIRED[m.channel] ?? [])
    if (content[field] === undefined) {
      content[field] = '';
      notes.push(`The platform's ${m.label} message has no ${m.fields[field]}; it is imported as empty.`);
    }
  for (const [k, v] of Object.entries(message)) if (!used.has(k) && !COMPANION_FIELDS.has(k)) unmapped.push({ path: `messages.${m.type}.${k}`, value: v });
  const node = { key: m.key, channel: m.channel, content } as CampaignNode;
  if (m.channel === 'push') node.name = m.label;
  return node;
}

/** Maps a live campaign to our campaign file model, keeping what it cannot place. */
export function mapPlatformCampaign(pc: PlatformCampaign): MappedCampaign {
  const unmapped: UnmappedField[] = [];
  const notes: string[] = [];
  const nodes: CampaignNode[] = [];
  const nodeTypes: Record<string, number> = {};
  for (const m of MESSAGE_MAPPINGS) {
    const message = pc.messages[String(m.type)];
    if (!message) continue;
    nodes.push(nodeFromMessage(m, message, unmapped, notes));
    nodeTypes[m.key] = m.type;
  }
  for (const [type, message] of Object.entries(pc.messages)) {
    if (MESSAGE_MAPPINGS.some((m) => String(m.type) === type)) continue;
    unmapped.push({ path: `messages.${type}`, value: message });
    notes.push(`The ${messageTypeLabel(type)} message has no template Preflight renders; it is kept for reference only.`);
  }
  for (const [k, v] of Object.entries(pc.other)) if (k !== MULTISTAGE_FIELD) unmapped.push({ path: k, value: v });
  if (nodes.length === 0) {
    notes.push('The campaign has no SMS, email, web push, mobile push or inbox message: it was imported with one empty SMS node to fill in.');
    nodes.push({ key: 'sms', channel: 'sms', content: { text: '' } });
  }
  const campaign: Campaign = {
    name: pc.title || `Campaign ${pc.id}`,
    id: pc.id,
    type: readFlag(pc.other[MULTISTAGE_FIELD]) ? 'multistage' : 'single-stage',
    target_by: 'user_id',
    nodes,
  };
  return { campaign, active: pc.active, nodeTypes, unmapped, notes };
}

/**
 * The platform message type a workspace node stands for: by channel, and for mobile push by key
 * (`android…` → Android, `inbox…` → Inbox, any other push node → iOS).
 */
export function messageTypeOfNode(node: CampaignNode): number {
  switch (node.channel) {
    case 'sms':
      return MESSAGE_TYPES.sms;
    case 'email':
      return MESSAGE_TYPES.email;
    case 'webpush':
      return MESSAGE_TYPES.webpush;
    case 'push':
      if (/android/i.test(node.key)) return MESSAGE_TYPES.android;
      if (/inbox/i.test(node.key)) return MESSAGE_TYPES.inbox;
      return MESSAGE_TYPES.ios;
  }
}

/** A workspace campaign as the platform's `info/campaign` model (the sandbox's seed). */
export function toPlatformModel(campaign: Campaign, active = true): Record<string, unknown> {
  const messages: Record<string, Record<string, unknown>> = {};
  for (const node of campaign.nodes) {
    const type = messageTypeOfNode(node);
    const m = MESSAGE_MAPPINGS.find((x) => x.type === type)!;
    if (messages[String(type)]) continue; // two nodes of one type cannot both live on the platform
    const message: Record<string, unknown> = {};
    const content = node.content as Record<string, unknown>;
    for (const [field, platformField] of Object.entries(m.fields)) if (typeof content[field] === 'string') message[platformField] = content[field];
    if (typeof message.push_picture === 'string') message.push_picture_type = 'url';
    messages[String(type)] = message;
  }
  return { id: campaign.id, title: campaign.name, trigger: API_TRIGGER, active: active ? 1 : 0, [MULTISTAGE_FIELD]: campaign.type === 'multistage' ? 1 : 0, messages };
}
