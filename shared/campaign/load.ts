/**
 * Parses campaign files (YAML or JSON) into the validated model, with every problem located by
 * file, line and field path. A bad file yields diagnostics, never an exception.
 */
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { campaignSchema, type Campaign } from './model';

export interface LoadedCampaign {
  file: string;
  campaign?: Campaign;
  diagnostics: Diagnostic[];
}

/** Formats a zod issue path as `nodes[1].content.subject`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s;
}

function nodeAt(root: YamlNode | null | undefined, path: readonly PropertyKey[]): YamlNode | undefined {
  let cur: unknown = root;
  let last: YamlNode | undefined = root ?? undefined;
  for (const p of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((it) => (it.key as { value?: unknown } | null)?.value === p);
      if (!pair) break;
      cur = pair.value ?? pair.key;
      last = (pair.value ?? pair.key) as YamlNode;
    } else if (isSeq(cur) && typeof p === 'number') {
      const item = cur.items[p];
      if (!item) break;
      cur = item;
      last = item as YamlNode;
    } else break;
  }
  return last;
}

/**
 * Loads one campaign file. JSON is parsed as YAML (a superset) so both get line numbers.
 * `file` is the name used in diagnostics.
 */
export function loadCampaign(file: string, text: string): LoadedCampaign {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    diagnostics.push({ code: 'campaign-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: err.message.split('\n')[0]! });
  }
  if (diagnostics.length) return { file, diagnostics };
  const data = doc.toJS() as unknown;
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      const node = nodeAt(doc.contents as YamlNode, issue.path);
      const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      diagnostics.push({ code: 'campaign-schema', severity: 'error', file, path: path || '(root)', line: pos?.line, column: pos?.col, message: `${path || 'campaign'}: ${message}` });
    }
    return { file, diagnostics };
  }
  return { file, campaign: parsed.data, diagnostics };
}
