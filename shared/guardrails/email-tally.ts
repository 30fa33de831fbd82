/**
 * Email QA over all users: what the full scan learns from every user's rendered email, which no
 * single preview can show — on how many users each compatibility or link finding occurs (a feature
 * inside a conditional block occurs for some users only), and for each link or image of the
 * template, the distinct URLs it rendered to and how many users got each. Pure; the render worker
 * feeds it one render at a time (any other caller of the guardrails can do the same).
 */
import type { Diagnostic } from '../diagnostics';
import { emailUrls } from './compat';
import { clipUrl } from './links';

/** The checks whose findings are tallied across users. */
export const TALLIED_CHECK = /^email-(client|link)-/;

/** How many distinct rendered URLs are kept per template link (the count goes on past it). */
const MAX_VARIANTS = 200;
/** How many variants the summary lists per link (the most frequent). */
const LISTED_VARIANTS = 10;
/** How many rendered URLs' template links a node remembers. */
const MAX_MATCHED = 20_000;

/**
 * The key a finding is counted under: its check and message without the line numbers (a
 * conditional block shifts the lines of what follows it, yet it is the same finding).
 */
export function findingKey(d: Pick<Diagnostic, 'code' | 'message'>): string {
  return `${d.code}\u0000${d.message.replace(/ ?\(lines? [0-9, ]+(?: and \d+ more)?\)/g, '')}`;
}

/** One tallied finding of a node: its first message, and on how many users it occurs. */
export interface TalliedFinding {
  key: string;
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  users: number;
}

/** One link or image of the template and what it rendered to. */
export interface LinkTally {
  kind: 'link' | 'image';
  /** The URL as written in the template (with its Twig), or the rendered URL when no template URL matches it. */
  template: string;
  /** Whether the template URL holds Twig (so each user may get a different URL). */
  personalised: boolean;
  /** Users whose email has it. */
  users: number;
  /** Distinct rendered URLs (counted up to MAX_VARIANTS; `capped` says when there were more). */
  distinct: number;
  capped: boolean;
  /** The most frequent rendered URLs with their user counts. */
  variants: { url: string; users: number }[];
}

/** The email QA of one email node over all users of a scan. */
export interface NodeEmailTally {
  users: number;
  findings: TalliedFinding[];
  links: LinkTally[];
}

/** The scan's email QA, by node key. */
export type EmailTallySummary = Record<string, NodeEmailTally>;

/** A link or image URL of a template, with the pattern of the URLs it renders to. */
export interface TemplateLink {
  kind: 'link' | 'image';
  template: string;
  personalised: boolean;
  /** Matches the URLs it can render to; undefined for a static URL (compared as is). */
  pattern?: RegExp;
  literal: number;
}

const TWIG = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(kind: 'link' | 'image', template: string): TemplateLink {
  const parts = template.split(TWIG);
  const personalised = parts.length > 1;
  const literals = parts.filter((_, i) => i % 2 === 0);
  return { kind, template, personalised, pattern: personalised ? new RegExp(`^${literals.map(escapeRe).join('[\\s\\S]*?')}$`) : undefined, literal: literals.join('').length };
}

// Static URLs first, then the most specific patterns: `{{ url }}` alone matches anything.
const specificFirst = (links: TemplateLink[]) => links.sort((a, b) => Number(a.personalised) - Number(b.personalised) || b.literal - a.literal);

/** The links and images of a template's HTML, each with a pattern for the URLs it renders to. */
export function templateLinks(templateHtml: string): TemplateLink[] {
  const out: TemplateLink[] = [];
  const seen = new Set<string>();
  for (const u of emailUrls(templateHtml)) {
    const id = `${u.kind} ${u.url}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(compile(u.kind, u.url));
  }
  return specificFirst(out);
}

/** The template links of a scan's summary (to key one user's findings as the scan did). */
export function summaryLinks(t: NodeEmailTally): TemplateLink[] {
  return specificFirst(t.links.map((l) => compile(l.kind, l.template)));
}

const matchTemplate = (links: readonly TemplateLink[], kind: 'link' | 'image', url: string) => links.find((l) => l.kind === kind && (l.pattern ? l.pattern.test(url) : l.template === url));

/**
 * Keys one user's findings as the scan counts them: a link finding quotes that user's URL, so it is
 * counted under the URL of the template it came from (`/orders/{{ order_id }}`), and the line
 * numbers are left out (see findingKey). Returns the key and the message with the template URL.
 */
export function findingKeyer(links: readonly TemplateLink[], html: string, match: (kind: 'link' | 'image', url: string) => TemplateLink | undefined = (kind, url) => matchTemplate(links, kind, url)): (d: Pick<Diagnostic, 'code' | 'message'>) => { key: string; message: string } {
  const quoted = new Map<string, string>();
  for (const u of emailUrls(html)) {
    const t = match(u.kind, u.url);
    if (t && t.template !== u.url) quoted.set(`"${clipUrl(u.url)}"`, `"${clipUrl(t.template)}"`);
  }
  return (d) => {
    let message = d.message;
    if (d.code.startsWith('email-link-'))
      for (const [from, to] of quoted)
        if (message.includes(from)) {
          message = message.replace(from, () => to);
          break;
        }
    return { key: findingKey({ code: d.code, message }), message };
  };
}

interface NodeState {
  users: number;
  links: TemplateLink[];
  /** The template link of each rendered URL seen (most URLs recur across users); cleared when full. */
  matched: Map<string, TemplateLink | null>;
  findings: Map<string, TalliedFinding>;
  rendered: Map<string, { kind: 'link' | 'image'; template: string; personalised: boolean; users: number; variants: Map<string, number>; more: boolean }>;
}

/** Tallies the email QA of a scan, one render at a time. */
export class EmailTally {
  private nodes = new Map<string, NodeState>();

  /** Adds one user's render of an email node: its rendered HTML, its findings, and the node's template HTML. */
  add(node: string, templateHtml: string, html: string, findings: readonly Diagnostic[]): void {
    let st = this.nodes.get(node);
    if (!st) {
      st = { users: 0, links: templateLinks(templateHtml), matched: new Map(), findings: new Map(), rendered: new Map() };
      this.nodes.set(node, st);
    }
    st.users++;
    const state = st;
    const match = (kind: 'link' | 'image', url: string): TemplateLink | undefined => {
      const id = `${kind} ${url}`;
      let t = state.matched.get(id);
      if (t === undefined) {
        t = matchTemplate(state.links, kind, url) ?? null;
        if (state.matched.size >= MAX_MATCHED) state.matched.clear();
        state.matched.set(id, t);
      }
      return t ?? undefined;
    };
    const keys = new Set<string>();
    const keyOf = findingKeyer(st.links, html, match);
    for (const d of findings) {
      if (!TALLIED_CHECK.test(d.code)) continue;
      const { key, message } = keyOf(d);
      if (keys.has(key)) continue;
      keys.add(key);
      const f = st.findings.get(key);
      if (f) f.users++;
      else st.findings.set(key, { key, code: d.code, severity: d.severity, message, users: 1 });
    }
    const counted = new Set<string>();
    for (const u of emailUrls(html)) {
      const t = match(u.kind, u.url);
      const id = `${u.kind} ${t?.template ?? u.url}`;
      let r = st.rendered.get(id);
      if (!r) st.rendered.set(id, (r = { kind: u.kind, template: t?.template ?? u.url, personalised: !!t?.personalised, users: 0, variants: new Map(), more: false }));
      const once = `${id}\u0000${u.url}`;
      if (counted.has(once)) continue;
      if (!counted.has(id)) r.users++;
      counted.add(id);
      counted.add(once);
      const n = r.variants.get(u.url);
      if (n !== undefined) r.variants.set(u.url, n + 1);
      else if (r.variants.size < MAX_VARIANTS) r.variants.set(u.url, 1);
      else r.more = true;
    }
  }

  /** The summary so far (plain data, for the worker's reply). */
  summary(): EmailTallySummary {
    const out: EmailTallySummary = {};
    for (const [node, st] of this.nodes) {
      out[node] = {
        users: st.users,
        findings: [...st.findings.values()].sort((a, b) => b.users - a.users),
        links: [...st.rendered.values()].map((r) => ({
          kind: r.kind,
          template: r.template,
          personalised: r.personalised,
          users: r.users,
          distinct: r.variants.size,
          capped: r.more,
          variants: [...r.variants]
            .sort((a, b) => b[1] - a[1])
            .slice(0, LISTED_VARIANTS)
            .map(([url, users]) => ({ url, users })),
        })),
      };
    }
    return out;
  }
}

/** "100% of users", "3 of 40 users (8%)". */
export function usersText(users: number, total: number): string {
  if (total <= 0) return `${users} users`;
  if (users === total) return `100% of users`;
  const pct = (users / total) * 100;
  return `${users} of ${total} users (${pct < 1 ? '<1' : Math.round(pct)}%)`;
}
