/**
 * The client-compatibility guardrail: one finding per HTML or CSS feature of a rendered email that a
 * checked client does not support (and, as its own check, supports only partly), naming the
 * clients and the lines — "`border-radius` is not supported by Outlook (Windows) (line 41)". The
 * data and the matching are in compat/.
 */
import type { RawFinding } from './types';
import { clientNames, emailCompatibility, linesText } from './compat';

/** Options from the workspace settings (`email` section): which client families or clients to check. */
export interface CompatibilityOptions {
  /** Families (`outlook`) or clients (`outlook.windows`); the default families when absent or empty. */
  clients?: readonly string[];
}

const listed = (names: string[], max = 4) => (names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', '));

/** Checks one rendered email's HTML against the checked clients. */
export function checkCompatibility(html: string, where: { node?: string; target?: string } = {}, options: CompatibilityOptions = {}): RawFinding[] {
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
