/**
 * Writes an imported campaign as a workspace campaign file (YAML), with a comment block that says
 * where it came from and lists every platform field Preflight does not map, so nothing the platform
 * sent is silently dropped.
 */
import { stringify } from 'yaml';
import type { MappedCampaign } from './mapping';

/** Where an import came from, for the file's header. */
export interface ImportSource {
  environmentName: string;
  importedAt: string;
}

const MAX_VALUE_CHARS = 400;

/** A file-name stem for a campaign: its title in lower-case words joined by dashes, else its id. */
export function campaignFileStem(title: string, id: string): string {
  const fromTitle = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (fromTitle) return fromTitle;
  const fromId = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `campaign-${fromId || 'imported'}`;
}

function commentValue(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}… (${s.length - MAX_VALUE_CHARS} more characters)` : s;
}

/** The YAML text of an imported campaign file. */
export function importedCampaignYaml(mapped: MappedCampaign, source: ImportSource): string {
  const lines = [
    `# Imported from Xtremepush (environment "${source.environmentName}", campaign ID ${mapped.campaign.id}) on ${source.importedAt}.`,
    `# Live status at import: ${mapped.active === undefined ? 'unknown' : mapped.active ? 'active' : 'inactive'}.`,
    '# The platform renders its own copy of these templates: use "Check against live" before sending.',
  ];
  for (const n of mapped.notes) lines.push(`# Note: ${n}`);
  if (mapped.unmapped.length) {
    lines.push('# Platform fields Preflight does not map (kept here for reference; they are not part of this file):');
    for (const u of mapped.unmapped) lines.push(`#   ${u.path}: ${commentValue(u.value).replace(/\n/g, '\\n')}`);
  }
  const body = stringify(mapped.campaign, { lineWidth: 0 });
  return `${lines.join('\n')}\n${body}`;
}
