/**
 * Review state of one campaign: each user × node approved or flagged (with a comment). Stored as a
 * plain JSON file in the workspace (`reviews/<campaign-stem>.json`) so a team can share it through
 * git; keys are written sorted so diffs stay small.
 */
import { z } from 'zod';
import { outputFingerprint } from './fingerprint';
import { parseJsonText } from '../json-limits';

export const decisionSchema = z.object({
  status: z.enum(['approved', 'flagged']),
  comment: z.string().optional(),
  /** ISO time of the decision. */
  at: z.string(),
  /** The reviewer's name (set once in the app's settings). */
  by: z.string().optional(),
  /** Fingerprint of the rendered output that was reviewed (fingerprint.ts); a different render is "changed since". */
  output: z.string().optional(),
  /** Fingerprint of the values (and their sources) that render used. */
  data: z.string().optional(),
  /** Where the campaign's data came from when it was reviewed (a request file, an import, "edited here"). */
  source: z.string().optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const reviewFileSchema = z.object({
  version: z.literal(1),
  /** The campaign file the review belongs to, e.g. `campaigns/promo-journey.yaml`. */
  campaign: z.string(),
  /** target id → node key → decision. */
  decisions: z.record(z.string(), z.record(z.string(), decisionSchema)),
});
export type ReviewFile = z.infer<typeof reviewFileSchema>;

/** The review file path of a campaign file: `reviews/<stem>.json`. */
export function reviewPath(campaignFile: string): string {
  return `reviews/${campaignFile.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}.json`;
}

/** An empty review for a campaign. */
export function emptyReview(campaign: string): ReviewFile {
  return { version: 1, campaign, decisions: {} };
}

/** Returns a new review with the cell decided (or cleared when `decision` is undefined). */
export function decide(r: ReviewFile, target: string, node: string, decision: Decision | undefined): ReviewFile {
  const row = { ...(r.decisions[target] ?? {}) };
  if (decision) row[node] = decision;
  else delete row[node];
  const decisions = { ...r.decisions, [target]: row };
  if (!Object.keys(row).length) delete decisions[target];
  return { ...r, decisions };
}

/** What a cell's mark says now: its decision, or `changed` when an approved render is no longer the one approved. */
export type ReviewMark = 'approved' | 'flagged' | 'changed';

/**
 * The mark of a cell given its current render. An approval records the fingerprint of the output
 * it approved; when the render differs, the approval no longer covers it. Without a current render
 * (not rendered yet), or for a decision recorded before fingerprints existed, the decision stands.
 */
export function reviewMark(decision: Decision | undefined, render: { fields: Record<string, string> } | undefined): ReviewMark | undefined {
  if (!decision) return undefined;
  if (decision.status === 'approved' && decision.output && render && outputFingerprint(render) !== decision.output) return 'changed';
  return decision.status;
}

export interface ReviewProgress {
  cells: number;
  reviewed: number;
  approved: number;
  flagged: number;
}

/**
 * Progress over the current users × nodes (decisions for users or nodes no longer present are not
 * counted). `targets` is the set of the current users (built once per data set, see
 * renderer/lib/target-set.ts): the count then walks the decisions, not the users, so
 * it costs the same for 1,000,000 users as for 3 (the header computes it on every render; walking a
 * million users there froze the window for 4 s after an import).
 */
export function reviewProgress(r: ReviewFile, targets: { readonly size: number; has(t: string): boolean }, nodes: readonly string[]): ReviewProgress {
  let approved = 0;
  let flagged = 0;
  for (const t of Object.keys(r.decisions)) {
    if (!targets.has(t)) continue;
    const row = r.decisions[t]!;
    for (const n of nodes) {
      const d = row[n];
      if (d?.status === 'approved') approved++;
      else if (d?.status === 'flagged') flagged++;
    }
  }
  return { cells: targets.size * nodes.length, reviewed: approved + flagged, approved, flagged };
}

const n = (x: number) => x.toLocaleString('en-US');

/** Formats progress as "212 of 240 reviewed, 3 flagged" (thousands separated: "0 of 200,000"). */
export function formatProgress(p: ReviewProgress): string {
  return `${n(p.reviewed)} of ${n(p.cells)} reviewed, ${n(p.flagged)} flagged`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Serialises a review with sorted keys and a trailing newline (stable, diff-friendly). */
export function serializeReview(r: ReviewFile): string {
  return JSON.stringify(sortKeys(r), null, 2) + '\n';
}

/** Parses a review file's text; an unreadable file is an error value with the reason. */
export function parseReview(text: string): { ok: true; review: ReviewFile } | { ok: false; message: string } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}` };
  const v = parsed.value;
  const p = reviewFileSchema.safeParse(v);
  if (!p.success) return { ok: false, message: p.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
  return { ok: true, review: p.data };
}
