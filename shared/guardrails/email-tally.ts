/**
 * Email QA over all users: what the full scan learns from every user's rendered email, which no
 * single preview can show — on how many users each compatibility or link finding occurs (a feature
 * inside a conditional block occurs for some users only), and for each link or image of the
 * template, the distinct URLs it rendered to and how many users got each. Pure; the render worker
 * feeds it one render at a time (any other caller of the guardrails can do the same).
 */
import type { Diagnostic } from '../diagnostics';
import { emailUrls } from './compat';

/** The checks whose findings are tallied across users. */
export const TALLIED_CHECK = /^email-(client|link)-/;

/** How many distinct rendered URLs are kept per template link (the count goes on past it). */
const MAX_VARIANTS = 200;
/** How many variants the summary lists per link (the most frequent). */
const LISTED_VARIANTS = 10;

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

interface TemplateLink {
  kind: 'link' | 'image';
  template: string;
  personalised: boolean;
  /** Matches the URLs it can render to; undefined for a static URL (compared as is). */
  pattern?: RegExp;
  literal: number;
}

const TWIG = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The links and images of a template's HTML, each with a pattern for the URLs it renders to. */
export function templateLinks(templateHtml: string): TemplateLink[] {
  const out: TemplateLink[] = [];
  const seen = new Set<string>();
  for (const u of emailUrls(templateHtml)) {
    const id = `${u.kind} ${u.url}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const parts = u.url.split(TWIG);
    const personalised = parts.length > 1;
    const literals = parts.filter((_, i) => i % 2 === 0);
    out.push({
      kind: u.kind,
      template: u.url,
      personalised,
      pattern: personalised ? new RegExp(`^${literals.map(escapeRe).join('[\\s\\S]*?')}$`) : undefined,
      literal: literals.join('').length,
    });
  }
  // Static URLs first, then the most specific patterns: `{{ url }}` alone matches anything.
  return out.sort((a, b) => Number(a.personalised) - Number(b.personalised) || b.literal - a.literal);
}

interface NodeState {
  users: number;
  links: TemplateLink[];
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
      st = { users: 0, links: templateLinks(templateHtml), findings: new Map(), rendered: new Map() };
      this.nodes.set(node, st);
    }
    st.users++;
    const keys = new Set<string>();
    for (const d of findings) {
      if (!TALLIED_CHECK.test(d.code)) continue;
      const key = findingKey(d);
      if (keys.has(key)) continue;
      keys.add(key);
      const f = st.findings.get(key);
      if (f) f.users++;
      else st.findings.set(key, { key, code: d.code, severity: d.severity, message: d.message, users: 1 });
    }
    const counted = new Set<string>();
    for (const u of emailUrls(html)) {
      const t = st.links.find((l) => l.kind === u.kind && (l.pattern ? l.pattern.test(u.url) : l.template === u.url));
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
          variants: [...r.variants].sort((a, b) => b[1] - a[1]).slice(0, LISTED_VARIANTS).map(([url, users]) => ({ url, users })),
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
