/**
 * The bundled caniemail.com support data (shared/guardrails/compat/caniemail-data.json, made by
 * scripts/caniemail-data.mjs from the pinned `caniemail` package): which email clients do not
 * support, or only partly support, each HTML and CSS feature, as of the latest version caniemail
 * tested. Nothing is fetched at run time.
 */
import raw from './caniemail-data.json';

/** One email client: a family on a platform (`outlook.windows` is Outlook on Windows). */
export interface EmailClient {
  id: string;
  family: string;
  platform: string;
  /** As caniemail names it: `Outlook (Windows)`. */
  name: string;
}

/** One feature of the data: its support is listed only where it is not full. */
export interface EmailFeature {
  slug: string;
  title: string;
  category: 'html' | 'css' | 'image' | 'others';
  url: string;
  /** When caniemail last tested it (YYYY-MM-DD). */
  tested: string;
  /** Clients that do not support it: [client id, ...indexes into notes]. */
  unsupported: [string, ...number[]][];
  /** Clients that support it partly: [client id, ...indexes into notes]. */
  partial: [string, ...number[]][];
  notes: string[];
}

interface CaniemailData {
  source: { name: string; package: string; apiVersion: string; updated: string; url: string; license: string };
  clients: EmailClient[];
  features: EmailFeature[];
}

const data = raw as unknown as CaniemailData;

/** Where the bundled data comes from: the package and version, and the date caniemail last updated it (for the About box). */
export const CANIEMAIL_SOURCE: Readonly<CaniemailData['source']> = data.source;

/** Every client of the data, by id. */
export const EMAIL_CLIENTS: ReadonlyMap<string, EmailClient> = new Map(data.clients.map((c) => [c.id, c]));

/** Every feature of the data, by title. */
export const EMAIL_FEATURES: ReadonlyMap<string, EmailFeature> = new Map(data.features.map((f) => [f.title, f]));

/**
 * The client families checked when the workspace names none: the clients most of a typical list
 * opens mail in (caniemail's data has 22 families; a team can name others in the settings).
 */
export const DEFAULT_CLIENT_FAMILIES: readonly string[] = ['apple-mail', 'gmail', 'outlook', 'yahoo', 'samsung-email', 'thunderbird'];

/**
 * The clients named by families (`outlook`) or ids (`outlook.windows`); unknown names are
 * returned apart so the settings can report them.
 */
export function resolveClients(names: readonly string[] = DEFAULT_CLIENT_FAMILIES): { clients: EmailClient[]; unknown: string[] } {
  const clients: EmailClient[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const exact = EMAIL_CLIENTS.get(n);
    const matched = exact ? [exact] : [...EMAIL_CLIENTS.values()].filter((c) => c.family === n);
    if (!matched.length) unknown.push(n);
    for (const c of matched) if (!clients.includes(c)) clients.push(c);
  }
  return { clients, unknown };
}
