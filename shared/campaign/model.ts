/**
 * The campaign file model (docs/workspace.md): one campaign template per workspace file.
 * Strict zod schemas: unknown keys and wrong types are errors with their field path.
 */
import { z } from 'zod';

export const CHANNELS = ['sms', 'email', 'webpush', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

const text = z.string();

const smsContent = z.strictObject({ from: text, text }).partial({ from: true });
const emailContent = z.strictObject({ from_name: text, subject: text, preheader: text, html: text, text }).partial({ from_name: true, preheader: true, text: true, html: true });
const webpushButton = z.strictObject({ label: text, url: text });
const webpushContent = z.strictObject({ title: text, body: text, icon: text, image: text, url: text, buttons: z.array(webpushButton) }).partial({ icon: true, image: true, url: true, buttons: true });
const pushContent = z.strictObject({ title: text, body: text, image: text, url: text }).partial({ image: true, url: true, title: true });

const nodeBase = {
  key: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . or -'),
  name: z.string().optional(),
};

export const campaignNodeSchema = z.discriminatedUnion('channel', [
  z.strictObject({ ...nodeBase, channel: z.literal('sms'), content: smsContent }),
  z.strictObject({ ...nodeBase, channel: z.literal('email'), content: emailContent }),
  z.strictObject({ ...nodeBase, channel: z.literal('webpush'), content: webpushContent }),
  z.strictObject({ ...nodeBase, channel: z.literal('push'), content: pushContent }),
]);

export const campaignSchema = z
  .strictObject({
    name: z.string().min(1),
    id: z.string().min(1),
    type: z.enum(['single-stage', 'multistage']),
    target_by: z.string().min(1).default('user_id'),
    description: z.string().optional(),
    nodes: z.array(campaignNodeSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.nodes.forEach((n, i) => {
      if (seen.has(n.key)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'key'], message: `duplicate node key "${n.key}"` });
      seen.add(n.key);
    });
  });

export type CampaignNode = z.infer<typeof campaignNodeSchema>;
export type Campaign = z.infer<typeof campaignSchema>;

/** One renderable template field of a node, e.g. `text`, `subject` or `buttons[0].url`. */
export interface TemplateField {
  /** Field name as shown and as keyed in render output (`buttons[0].label` for nested ones). */
  name: string;
  source: string;
  /** Email html autoescapes (Twig's html strategy); every other field is plain text. */
  autoescape: boolean;
  /** The field must hold an absolute http(s) URL after rendering. */
  isUrl: boolean;
}

const URL_FIELDS = new Set(['url', 'icon', 'image']);

/** Lists a node's template fields in a stable order (the order of the channel's content contract). */
export function templateFields(node: CampaignNode): TemplateField[] {
  const out: TemplateField[] = [];
  const c = node.content as Record<string, unknown>;
  const order: Record<Channel, string[]> = {
    sms: ['from', 'text'],
    email: ['from_name', 'subject', 'preheader', 'html', 'text'],
    webpush: ['title', 'body', 'icon', 'image', 'url'],
    push: ['title', 'body', 'image', 'url'],
  };
  for (const name of order[node.channel]) {
    const v = c[name];
    if (typeof v === 'string') out.push({ name, source: v, autoescape: node.channel === 'email' && name === 'html', isUrl: URL_FIELDS.has(name) });
  }
  if (node.channel === 'webpush' && node.content.buttons) {
    node.content.buttons.forEach((b, i) => {
      out.push({ name: `buttons[${i}].label`, source: b.label, autoescape: false, isUrl: false });
      out.push({ name: `buttons[${i}].url`, source: b.url, autoescape: false, isUrl: true });
    });
  }
  return out;
}
