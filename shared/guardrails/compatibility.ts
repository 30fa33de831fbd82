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

/**
 * Findings (without node and user) remembered per client set and email shape; cleared when full.
 * By the shape string itself: the trace memo gives users of one shape the same string, whose hash
 * V8 keeps, so a lookup does not read it again (a key made by joining them had to be hashed anew).
 */
const MAX_SHAPES = 2_000;
const byClients = new Map<string, Map<string, RawFinding[]>>();
let shapeCount = 0;

/** The findings of an email's shape and client set (without node and user), remembered. */
function shapeFindings(html: string, options: CompatibilityOptions): RawFinding[] {
  const shape = scanEmail(html).shape;
  const clients = options.clients?.join(',') ?? '';
  let byShape = byClients.get(clients);
  if (!byShape) byClients.set(clients, (byShape = new Map()));
  let found = byShape.get(shape);
  if (!found) {
    found = compatibilityFindings(html, {}, options);
    if (shapeCount >= MAX_SHAPES) {
      for (const m of byClients.values()) m.clear();
      shapeCount = 0;
    }
    byShape.set(shape, found);
    shapeCount++;
  }
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
