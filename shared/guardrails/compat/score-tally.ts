/**
 * The per-client scores (score.ts) over every user of a scan: for each email node, each client
 * family's score across the users (lowest, median, highest and how many users have each score,
 * as a conditional block or a loop changes an email's features and its node count), and each
 * feature with on how many users' emails it is. Pure; the render worker and `preflight check` feed
 * it one render at a time.
 */
import { levelOf, type GuardrailSettings } from '../types';
import { checkedFamilies, percentText, scoreEmail, type EmailScore, type FamilyFeature, type SupportShare } from './score';
import { CANIEMAIL_SOURCE } from './data';
import { linesText } from './index';
import { usersText } from '../email-tally';

/** How a score spreads over the users: lowest, median, highest, and the most common scores. */
export interface ScoreSpread {
  min: number;
  median: number;
  max: number;
  /** Distinct scores (to 0.1) with their users, most users first (the first few). */
  values: { score: number; users: number }[];
  /** How many distinct scores there were. */
  distinct: number;
}

/** A feature over the users: its data (from the first user who had it) and how many users had it. */
export interface TalliedFeature {
  title: string;
  slug: string;
  url: string;
  category: string;
  users: number;
  lines: number[];
  lineCount: number;
  share: SupportShare;
  families: FamilyFeature[];
}

/** One email node's scores over the users of a scan. */
export interface NodeScoreTally {
  users: number;
  overall: ScoreSpread;
  families: { family: string; name: string; clients: number; score: ScoreSpread }[];
  /** Most users first. */
  features: TalliedFeature[];
}

/** The scan's scores, by email node key. */
export type EmailScoreSummary = Record<string, NodeScoreTally>;

/** How many distinct scores a spread lists. */
const LISTED_VALUES = 5;

/** Whether scores are computed: not when the team turned both compatibility checks off (then nothing of it is computed or shown). */
export function scoresEnabled(settings: GuardrailSettings | undefined): boolean {
  return levelOf('email-client-unsupported', settings) !== 'off' || levelOf('email-client-partial', settings) !== 'off';
}

/** Counts of scores, in tenths of a percent. */
class Histogram {
  private counts = new Map<number, number>();
  add(score: number) {
    const k = Math.round(score * 10);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
  spread(): ScoreSpread {
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    const users = [...this.counts.values()].reduce((a, b) => a + b, 0);
    // The lower median: a score some user really has.
    let seen = 0;
    let median = keys[0] ?? 1000;
    for (const k of keys) {
      seen += this.counts.get(k)!;
      if (seen * 2 >= users) {
        median = k;
        break;
      }
    }
    return {
      min: (keys[0] ?? 1000) / 10,
      median: median / 10,
      max: (keys.at(-1) ?? 1000) / 10,
      values: [...this.counts]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, LISTED_VALUES)
        .map(([k, n]) => ({ score: k / 10, users: n })),
      distinct: keys.length,
    };
  }
}

interface NodeState {
  users: number;
  overall: Histogram;
  families: Map<string, Histogram>;
  features: Map<string, TalliedFeature>;
}

/** Tallies the scores of a scan's email renders, one at a time. */
export class EmailScoreTally {
  private nodes = new Map<string, NodeState>();
  private readonly on: boolean;
  private readonly clients: readonly string[] | undefined;
  private readonly families: ReturnType<typeof checkedFamilies>;

  constructor(settings?: GuardrailSettings) {
    this.on = scoresEnabled(settings);
    this.clients = settings?.email?.clients;
    this.families = checkedFamilies(this.clients);
  }

  /** Adds one user's rendered HTML of an email node; returns that user's scores (undefined when scores are off). */
  add(node: string, html: string): EmailScore | undefined {
    if (!this.on) return undefined;
    let st = this.nodes.get(node);
    if (!st) this.nodes.set(node, (st = { users: 0, overall: new Histogram(), families: new Map(this.families.map((f) => [f.family, new Histogram()])), features: new Map() }));
    const s = scoreEmail(html, this.clients);
    st.users++;
    st.overall.add(s.overall.supported);
    for (const f of s.families) st.families.get(f.family)?.add(f.score.supported);
    for (const f of s.features) {
      const t = st.features.get(f.title);
      if (t) t.users++;
      else st.features.set(f.title, { title: f.title, slug: f.slug, url: f.url, category: f.category, users: 1, lines: f.lines, lineCount: f.lineCount, share: f.share, families: f.families });
    }
    return s;
  }

  /** The summary so far (plain data, for the worker's reply). */
  summary(): EmailScoreSummary {
    const out: EmailScoreSummary = {};
    for (const [node, st] of this.nodes)
      out[node] = {
        users: st.users,
        overall: st.overall.spread(),
        families: this.families.map((f) => ({ family: f.family, name: f.name, clients: f.clients.length, score: st.families.get(f.family)!.spread() })),
        features: [...st.features.values()].sort((a, b) => b.users - a.users || a.lines[0]! - b.lines[0]!),
      };
    return out;
  }
}

/** `100%` when every user has the same score, else `90–100%, median 97.5%`. */
export function spreadText(s: ScoreSpread): string {
  if (s.min === s.max) return percentText(s.min);
  return `${percentText(s.min).slice(0, -1)}–${percentText(s.max)}, median ${percentText(s.median)}`;
}

/** `100% for 2 users, 90% for 1 user` (the most common scores, when users differ), '' when all have the same. */
export function distributionText(s: ScoreSpread): string {
  if (s.distinct <= 1) return '';
  const listed = s.values.map((v) => `${percentText(v.score)} for ${v.users} ${v.users === 1 ? 'user' : 'users'}`).join(', ');
  return s.distinct > s.values.length ? `${listed} and ${s.distinct - s.values.length} more scores` : listed;
}

/** `unsupported by Outlook (Windows), partly by Outlook (macOS)`. */
export function familyFeatureText(f: FamilyFeature): string {
  const none = f.clients.filter((c) => c.support === 'unsupported').map((c) => c.name);
  const part = f.clients.filter((c) => c.support === 'partial').map((c) => c.name);
  return [none.length ? `unsupported by ${none.join(', ')}` : '', part.length ? `${none.length ? 'partly' : 'partly supported'} by ${part.join(', ')}` : ''].filter(Boolean).join(', ');
}

/**
 * One node's scores as text lines (`preflight check`): the overall spread, then per family its
 * spread (and how many users have each score when they differ) and the features it does not
 * fully support, with their lines and on how many users' emails each is.
 */
export function scoreSummaryLines(node: string, t: NodeScoreTally): string[] {
  const lines = [`Client support of ${node} over ${t.users} ${t.users === 1 ? 'user' : 'users'} (${CANIEMAIL_SOURCE.package} data of ${CANIEMAIL_SOURCE.updated}, weighted as Mailpit's HTML check): ${spreadText(t.overall)} overall`];
  for (const f of t.families) {
    const dist = distributionText(f.score);
    lines.push(`  ${f.name} (${f.clients} ${f.clients === 1 ? 'client' : 'clients'}): ${spreadText(f.score)}${dist ? ` (${dist})` : ''}`);
    for (const x of t.features) {
      const ff = x.families.find((y) => y.family === f.family);
      if (ff) lines.push(`    \`${x.title}\` ${familyFeatureText(ff)} (${linesText(x.lines, x.lineCount)}) · ${usersText(x.users, t.users)}`);
    }
  }
  return lines;
}
