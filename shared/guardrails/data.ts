/** Data-against-template guardrails: campaign-level checks of what is passed against what the nodes reference. */
import type { Profiles, SendData } from '../campaign/send-data';
import type { RawFinding } from './types';
import { perUserKeys, usersWithKey } from '../campaign/per-user';

/** What the templates reference, per node (attribute names in first-seen order). */
export interface TemplateReferences {
  node: string;
  references: readonly string[];
}

function passedKeys(data: SendData): { params: Set<string>; perUser: Set<string> } {
  return { params: new Set(Object.keys(data.params)), perUser: perUserKeys(data.target_with_params) };
}

/** Every attribute name any profile carries. */
export function profileKeys(profiles: Profiles | undefined): Set<string> {
  const out = new Set<string>();
  for (const p of Object.values(profiles ?? {})) for (const k of Object.keys(p ?? {})) out.add(k);
  return out;
}

/**
 * Checks the data against the templates: placeholders nothing supplies, passed values nothing uses,
 * names that match only when case is ignored, per-user columns that shadow a global param.
 */
export function checkData(nodes: readonly TemplateReferences[], data: SendData, profiles?: Profiles): RawFinding[] {
  const out: RawFinding[] = [];
  const { params, perUser } = passedKeys(data);
  const stored = profileKeys(profiles);
  const supplied = new Set([...params, ...perUser, ...stored]);
  const used = new Set<string>();
  const passedLower = new Map<string, string>();
  for (const k of [...params, ...perUser, ...stored]) passedLower.set(k.toLowerCase(), k);
  const reported = new Set<string>();
  for (const n of nodes)
    for (const r of n.references) {
      used.add(r);
      if (supplied.has(r) || reported.has(r)) continue;
      reported.add(r);
      const other = passedLower.get(r.toLowerCase());
      if (other) out.push({ code: 'data-case-mismatch', node: n.node, message: `{{ ${r} }} is not supplied, but "${other}" is: names are case-sensitive (${r} ≠ ${other})` });
      else out.push({ code: 'data-unsupplied', node: n.node, message: `{{ ${r} }} is supplied by no column, param or profile: it prints as empty for every user` });
    }
  for (const k of [...params, ...perUser].filter((k, i, a) => a.indexOf(k) === i)) if (!used.has(k)) out.push({ code: 'data-unused-column', message: `"${k}" is passed (${params.has(k) ? 'params' : 'per-user column'}) but no node uses it` });
  for (const k of perUser)
    if (params.has(k)) {
      const users = usersWithKey(data.target_with_params, k);
      out.push({ code: 'data-shadowed-param', message: `per-user column "${k}" shadows the global param "${k}" for ${users} user${users === 1 ? '' : 's'}` });
    }
  return out;
}
