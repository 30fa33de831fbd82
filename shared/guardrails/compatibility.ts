/**
 * The client-compatibility guardrail: one finding per HTML or CSS feature of a rendered email that a
 * checked client does not support (and, as its own check, supports only partly), naming the
 * clients and the lines — "`border-radius` is not supported by Outlook (Windows) (line 41)". The
 * data and the matching are in compat/.
 */
import type { RawFinding } from './types';
import { clientNames, emailCompatibility, linesText, scanEmail } from './compat';

/** Options from the workspace settings (`email` section): which client families or clients to check. */
export interface CompatibilityOptions {
  /** Families (`outlook`) or clients (`outlook.windows`); the default families when absent or empty. */
  clients?: readonly string[];
}

const listed = (names: string[], max = 4) => (names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', '));

/**
 * The findings of one rendered email's HTML against the checked clients, computed afresh (the
 * oracle of the remembered checkCompatibility, and what it remembers).
 */
export function compatibilityFindings(html: string, where: { node?: string; target?: string } = {}, options: CompatibilityOptions = {}): RawFinding[] {
  const out: RawFinding[] = [];
  for (const issue of emailCompatibility(html, options.clients)) {
    const place = { ...where, field: 'html', line: issue.lines[0] };
    const at = linesText(issue.lines, issue.lineCount);
    const none = clientNames(issue, 'unsupported');
    const part = clientNames(issue, 'partial');
    if (none.length) out.push({ code: 'email-client-unsupported', ...place, message: `\`${issue.feature.title}\` is not supported by ${listed(none)} (${at})` });
    if (part.length) out.push({ code: 'email-client-partial', ...place, message: `\`${issue.feature.title}\` is only partly supported by ${listed(part)} (${at})` });
  }
  return out;
}

/** Findings (without node and user) remembered per client set and email shape; cleared when full. */
const MAX_SHAPES = 2_000;
const byShape = new Map<string, RawFinding[]>();
/** The last lookup's shape, client set and findings: in a scan most users' emails have the shape of the one before. */
let lastShape: string | undefined;
let lastClients = '';
let lastFound: RawFinding[] = [];

/** The findings of an email's shape and client set (without node and user), remembered. */
function shapeFindings(html: string, options: CompatibilityOptions): RawFinding[] {
  const shape = scanEmail(html).shape;
  const clients = options.clients?.join(',') ?? '';
  if (shape === lastShape && clients === lastClients) return lastFound;
  const key = `${clients}\u0000${shape}`;
  let found = byShape.get(key);
  if (!found) {
    found = compatibilityFindings(html, {}, options);
    if (byShape.size >= MAX_SHAPES) byShape.clear();
    byShape.set(key, found);
  }
  lastShape = shape;
  lastClients = clients;
  lastFound = found;
  return found;
}

/**
 * Checks one rendered email's HTML against the checked clients. The findings depend only on the
 * email's shape (its pieces with features and their lines, see scanEmail), not on the users' text
 * or the pieces without features, so they are computed once per shape and client set and given to
 * each user with their node and target; the result equals compatibilityFindings'.
 */
export function checkCompatibility(html: string, where: { node?: string; target?: string } = {}, options: CompatibilityOptions = {}): RawFinding[] {
  if (!html) return [];
  // Spread in the order the plain function builds them (node, target, then field and line).
  return shapeFindings(html, options).map((f) => ({ code: f.code, ...where, field: f.field, line: f.line, message: f.message }));
}

/** checkCompatibility for one user's render of a node (the same findings, built without a spread: the guardrails' hot path). */
export function checkCompatibilityOf(html: string, node: string, target: string, options: CompatibilityOptions = {}): RawFinding[] {
  if (!html) return [];
  const found = shapeFindings(html, options);
  const out = new Array<RawFinding>(found.length);
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    out[i] = { code: f.code, node, target, field: f.field, line: f.line, message: f.message };
  }
  return out;
}
