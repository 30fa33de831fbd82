/**
 * Per-client scores of one rendered email, as Mailpit's HTML check gives them: a support
 * percentage for each client family (Gmail, Outlook, Apple Mail…) and overall, from the
 * compatibility issues of the email (compat/index.ts, `emailCompatibility`) and the bundled
 * caniemail.com data. Pure: the same HTML and client set always give the same scores.
 *
 * Mailpit's rule (its HTML check, internal/htmlcheck and the HTML check view of its web UI):
 * - each feature the email uses gets a share over the tested clients: the percentage of them that
 *   support it, support it partly, and do not support it;
 * - each feature is weighted by how often it occurs against the number of HTML nodes of the email
 *   (occurrences ÷ nodes, at most 1), except pseudo-classes and at-rules (`:hover`, `@media`),
 *   which weigh 0.05 whatever their count, as a stylesheet's rules say little about how much of the
 *   message depends on them;
 * - the email's "partial" is the largest weighted partial share of any feature, its "unsupported"
 *   the largest weighted unsupported share, and its score is 100 − partial − unsupported.
 * It is good when unsupported < 5 and partial < 10, fair when unsupported < 10 and partial < 15.
 *
 * Where this differs from Mailpit, and why:
 * - Mailpit counts every tested version of a client; the bundled data keeps only each client's
 *   latest tested version (what is in use now), so each client counts once.
 * - The bundled data lists only the clients without full support, so a feature's share is taken
 *   over all checked clients (of a family, for a family's score), tested or not.
 * - Occurrences are the lines a feature is on (the issue's line count): a feature used twice on
 *   one line counts once.
 * - Mailpit's score can go below 0 when one feature is unsupported and another partial everywhere;
 *   here it stops at 0.
 */
import { resolveClients, type EmailClient } from './data';
import { emailCompatibility, scanEmail, type ClientSupport, type CompatIssue } from './index';

/** How much of a set of clients supports something, in percent (the three add up to 100, or less when clipped at 0). */
export interface SupportShare {
  supported: number;
  partial: number;
  unsupported: number;
}

/** One client family's view of one feature: its share and the family's clients without full support. */
export interface FamilyFeature {
  family: string;
  share: SupportShare;
  clients: { name: string; support: ClientSupport['support'] }[];
}

/** A feature of the email that some checked client does not fully support, scored. */
export interface FeatureScore {
  title: string;
  slug: string;
  url: string;
  category: string;
  /** The first lines it is on, and on how many lines in all (from the compatibility issue). */
  lines: number[];
  lineCount: number;
  /** Mailpit's weight: occurrences ÷ nodes (at most 1), 0.05 for pseudo-classes and at-rules. */
  weight: number;
  /** Over all checked clients. */
  share: SupportShare;
  /** Per checked family that does not fully support it. */
  families: FamilyFeature[];
}

/** One client family's score for an email. */
export interface FamilyScore {
  family: string;
  /** `Outlook`, as caniemail names the family. */
  name: string;
  /** How many of the family's clients are checked. */
  clients: number;
  score: SupportShare;
}

/** The scores of one rendered email. */
export interface EmailScore {
  /** HTML nodes counted as Mailpit counts them (the weights' denominator). */
  nodes: number;
  overall: SupportShare;
  families: FamilyScore[];
  /** Worst first (largest weighted partial + unsupported share), as Mailpit lists its warnings. */
  features: FeatureScore[];
}

/** Weight of pseudo-classes and at-rules, whose count says little (Mailpit's 0.05). */
const RULE_WEIGHT = 0.05;

const isRule = (title: string) => title.startsWith(':') || title.startsWith('@');

/** A family's name as caniemail gives it: the client's name without its platform (`Outlook (Windows)` → `Outlook`). */
export const familyName = (c: EmailClient): string => c.name.replace(/ \([^)]*\)$/, '');

/** The checked clients grouped by family, in the order the settings (or the defaults) name them. */
export function checkedFamilies(clientNames?: readonly string[]): readonly CheckedFamily[] {
  const key = clientNames?.join(',') ?? '';
  let families = familiesBySet.get(key);
  if (!families) familiesBySet.set(key, (families = groupFamilies(clientNames)));
  return families;
}

/** A checked client family and its checked clients. */
export interface CheckedFamily {
  family: string;
  name: string;
  clients: EmailClient[];
  ids: ReadonlySet<string>;
}

/** Per client set (settings change rarely; a handful of sets at most). */
const familiesBySet = new Map<string, readonly CheckedFamily[]>();

function groupFamilies(clientNames?: readonly string[]): CheckedFamily[] {
  const out = new Map<string, { family: string; name: string; clients: EmailClient[]; ids: Set<string> }>();
  for (const c of resolveClients(clientNames?.length ? clientNames : undefined).clients) {
    let f = out.get(c.family);
    if (!f) out.set(c.family, (f = { family: c.family, name: familyName(c), clients: [], ids: new Set() }));
    f.clients.push(c);
    f.ids.add(c.id);
  }
  return [...out.values()];
}

/**
 * Counts an email's HTML nodes as Mailpit does: every element but `html`, `head` and `meta` of a
 * whole document (one with `</body>`), every element inside the body of a fragment. Comments
 * (Outlook's conditional ones included) and the text of `style` and `script` hold no nodes.
 */
export function countNodes(html: string): number {
  const whole = /<\/body\s*>/i.test(html);
  let n = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length - 1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    if (isLetter(html.charCodeAt(i + 1))) {
      let j = i + 2;
      while (j < html.length && isNameChar(html.charCodeAt(j))) j++;
      const name = j - i - 1 <= 6 ? html.slice(i + 1, j).toLowerCase() : '';
      if (name !== 'html' && name !== 'head' && name !== 'meta' && (whole || name !== 'body')) n++;
      if (name === 'style' || name === 'script') {
        // Raw text: a `<` in a stylesheet or script is not a tag.
        const close = closingTag(html, name, j);
        if (close < 0) break;
        i = close;
        continue;
      }
    }
    i = html.indexOf('<', i + 1);
  }
  return n;
}

const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isNameChar = (c: number) => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;

/** Where `</name` starts from `from` on, in any case (-1 when nowhere). */
function closingTag(html: string, name: string, from: number): number {
  for (let k = html.indexOf('</', from); k >= 0; k = html.indexOf('</', k + 2)) if (html.slice(k + 2, k + 2 + name.length).toLowerCase() === name) return k;
  return -1;
}

function share(count: number, ids: ReadonlySet<string> | undefined, support: readonly ClientSupport[]): SupportShare {
  if (!count) return { supported: 100, partial: 0, unsupported: 0 };
  let partial = 0;
  let unsupported = 0;
  for (const s of support)
    if (!ids || ids.has(s.client.id)) {
      if (s.support === 'partial') partial++;
      else unsupported++;
    }
  const pct = (k: number) => (k / count) * 100;
  return { supported: pct(count - partial - unsupported), partial: pct(partial), unsupported: pct(unsupported) };
}

/** Mailpit's total: the largest weighted partial and unsupported shares, and what is left of 100. */
function total(features: readonly { weight: number; share: SupportShare }[]): SupportShare {
  let partial = 0;
  let unsupported = 0;
  for (const f of features) {
    partial = Math.max(partial, f.share.partial * f.weight);
    unsupported = Math.max(unsupported, f.share.unsupported * f.weight);
  }
  return { supported: Math.max(0, 100 - partial - unsupported), partial, unsupported };
}

/**
 * The scores of an email from its compatibility issues (`emailCompatibility(html, clients)`) and
 * its node count (`countNodes(html)`), for the same checked clients the issues were found for.
 */
export function scoreIssues(issues: readonly CompatIssue[], nodes: number, clientNames?: readonly string[]): EmailScore {
  const families = checkedFamilies(clientNames);
  const all = families.reduce((n, f) => n + f.clients.length, 0);
  const features: FeatureScore[] = issues.map((issue) => {
    // Mailpit: weighted only when it occurs on fewer nodes than the email has.
    const weight = isRule(issue.feature.title) ? RULE_WEIGHT : issue.lineCount < nodes ? issue.lineCount / nodes : 1;
    return {
      title: issue.feature.title,
      slug: issue.feature.slug,
      url: issue.feature.url,
      category: issue.feature.category,
      lines: issue.lines,
      lineCount: issue.lineCount,
      weight,
      share: share(all, undefined, issue.clients),
      families: families
        .map((f) => ({
          family: f.family,
          share: share(f.clients.length, f.ids, issue.clients),
          clients: issue.clients.filter((s) => s.client.family === f.family).map((s) => ({ name: s.client.name, support: s.support })),
        }))
        .filter((f) => f.clients.length > 0),
    };
  });
  const bad = (f: FeatureScore) => (f.share.partial + f.share.unsupported) * f.weight;
  features.sort((a, b) => bad(b) - bad(a) || a.lines[0]! - b.lines[0]!);
  return {
    nodes,
    overall: total(features),
    families: families.map((f) => ({
      family: f.family,
      name: f.name,
      clients: f.clients.length,
      score: total(features.map((x) => ({ weight: x.weight, share: x.families.find((ff) => ff.family === f.family)?.share ?? FULL }))),
    })),
    features,
  };
}

const FULL: SupportShare = { supported: 100, partial: 0, unsupported: 0 };

/** Scores remembered per client set, email shape and node count; cleared when full. */
const MAX_REMEMBERED = 2_000;
const remembered = new Map<string, EmailScore>();

/**
 * The scores of one rendered email's HTML for the checked clients (families or client ids; the
 * defaults when none). Over a scan most users' emails share a compatibility shape (the same
 * features on the same lines, see scanEmail) and a node count, and so their scores: those are
 * computed once and shared (read-only). Equals `scoreIssues(emailCompatibility(html), countNodes(html))`.
 */
export function scoreEmail(html: string, clientNames?: readonly string[]): EmailScore {
  if (!html) return scoreIssues([], 0, clientNames);
  const nodes = countNodes(html);
  const key = `${clientNames?.join(',') ?? ''}\u0000${nodes}\u0000${scanEmail(html).shape}`;
  let s = remembered.get(key);
  if (!s) {
    s = scoreIssues(emailCompatibility(html, clientNames), nodes, clientNames);
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(key, s);
  }
  return s;
}

/** Mailpit's grade of a score: good (unsupported < 5 and partial < 10), fair (< 10 and < 15), else poor. */
export function grade(s: SupportShare): 'good' | 'fair' | 'poor' {
  if (s.unsupported < 5 && s.partial < 10) return 'good';
  if (s.unsupported < 10 && s.partial < 15) return 'fair';
  return 'poor';
}

/** `97.5%`, `100%`: one decimal, none when whole (Mailpit shows two; one is enough to tell users apart). */
export function percentText(p: number): string {
  const r = Math.round(p * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}%`;
}
