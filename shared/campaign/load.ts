/**
 * Parses campaign files (YAML or JSON) into the validated model, with every problem located by
 * file, line and field path. A bad file yields diagnostics, never an exception — hostile ones too:
 * a size limit, a nesting limit checked before the YAML parser runs, the YAML library's alias
 * limit ("billion laughs"), and a duplicate-key check of our own in linear time (the library's
 * `uniqueKeys` compares every key with every earlier one: 20,000 keys took 9 s, 40,000 took 35 s).
 */
import { LineCounter, Lexer, parseDocument, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { LineIndex, listWithMore } from '../targets/text';
import { campaignSchema, type Campaign } from './model';

/** Largest campaign file loaded (UTF-16 code units, about bytes for YAML); larger ones are refused unread. */
export const MAX_CAMPAIGN_BYTES = 2 * 1024 * 1024;
/** Deepest nesting of flow collections (`[`, `{`) accepted; real campaigns need a handful. */
export const MAX_CAMPAIGN_NESTING = 64;
/** How many alias expansions the YAML library may resolve (its own default; a few shared nodes are fine). */
export const MAX_CAMPAIGN_ALIASES = 100;
/** At most this many schema problems are listed per file (then a count). */
const MAX_SCHEMA_ISSUES = 50;

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
  const error = (code: string, message: string, line = 1, column = 1): LoadedCampaign => ({ file, diagnostics: [{ code, severity: 'error', file, line, column, message }] });
  if (text.length > MAX_CAMPAIGN_BYTES) return error('campaign-too-large', `${file} is ${(text.length / 1048576).toFixed(1)} MB; campaign files over ${MAX_CAMPAIGN_BYTES / 1048576} MB are not loaded`);
  const deep = tooDeep(text);
  if (deep) {
    const p = new LineIndex(text).position(deep.offset);
    return error('campaign-nesting', `collections are nested more than ${MAX_CAMPAIGN_NESTING} levels deep`, p.line, p.column);
  }
  try {
    return loadChecked(file, text);
  } catch (e) {
    // A resource limit inside the YAML library or a bug: still a located error, never an exception.
    return error('campaign-syntax', `${file} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Where flow collections first nest deeper than MAX_CAMPAIGN_NESTING, or undefined. The YAML parser
 * spends tens of microseconds per level (2 MB of `[` would take a minute), so this runs first: a
 * count of brackets bounds the depth cheaply; only when it could be exceeded does the YAML lexer
 * (which knows comments, quotes and block scalars) measure it exactly.
 */
function tooDeep(text: string): { offset: number } | undefined {
  let opens = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) opens++;
  }
  if (opens <= MAX_CAMPAIGN_NESTING) return undefined;
  let depth = 0;
  let offset = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok === '[' || tok === '{') {
      if (++depth > MAX_CAMPAIGN_NESTING) return { offset };
    } else if (tok === ']' || tok === '}') depth = Math.max(0, depth - 1);
    // The lexer's control tokens (document start, scalar, flow error) are not part of the source.
    if (tok !== '\x02' && tok !== '\x18' && tok !== '\x1f') offset += tok.length;
  }
  return undefined;
}

/** Every map's duplicated scalar keys, found with one set per map (the YAML library's own check is quadratic). */
function duplicateKeys(root: YamlNode | null | undefined): YamlNode[] {
  const out: YamlNode[] = [];
  const stack: unknown[] = root ? [root] : [];
  const seen = new Set<unknown>();
  while (stack.length) {
    const n = stack.pop();
    if (!isCollection(n) || seen.has(n)) continue;
    seen.add(n);
    if (isMap(n)) {
      const keys = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key;
        if (isScalar(k)) {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (keys.has(id)) out.push(k);
          else keys.add(id);
        }
        if (pair.value) stack.push(pair.value);
      }
    } else for (const item of n.items) stack.push(isPair(item) ? item.value : item);
  }
  return out;
}

/** The first alias in the document (where an alias bomb is reported). */
function firstAlias(root: YamlNode | null | undefined): YamlNode | undefined {
  const stack: unknown[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.shift();
    if (isAlias(n)) return n;
    if (isMap(n)) for (const p of n.items) stack.push(p.key, p.value);
    else if (isSeq(n)) for (const item of n.items) stack.push(item);
  }
  return undefined;
}

function loadChecked(file: string, text: string): LoadedCampaign {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lc.linePos(err.pos[0]);
    diagnostics.push({ code: 'campaign-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: err.message.split('\n')[0]! });
  }
  for (const k of duplicateKeys(doc.contents as YamlNode)) {
    const pos = lc.linePos(k.range?.[0] ?? 0);
    diagnostics.push({ code: 'campaign-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: `Map keys must be unique: "${String((k as { value?: unknown }).value)}" appears more than once` });
  }
  if (diagnostics.length) return { file, diagnostics };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_CAMPAIGN_ALIASES });
  } catch (e) {
    const alias = firstAlias(doc.contents as YamlNode);
    const pos = lc.linePos(alias?.range?.[0] ?? 0);
    const why = e instanceof Error ? e.message : String(e);
    return { file, diagnostics: [{ code: 'campaign-aliases', severity: 'error', file, line: pos.line, column: pos.col, message: `the file's YAML aliases expand to too many nodes (more than ${MAX_CAMPAIGN_ALIASES} alias expansions: ${why}); the file was not loaded` }] };
  }
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    for (const issue of issues.slice(0, MAX_SCHEMA_ISSUES)) {
      const path = formatPath(issue.path);
      const node = nodeAt(doc.contents as YamlNode, issue.path);
      const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys')
        message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${listWithMore(
          issue.keys.slice(0, 6).map((k) => `"${k.length > 40 ? k.slice(0, 40) + '…' : k}"`),
          5,
          issue.keys.length,
        )}`;
      diagnostics.push({ code: 'campaign-schema', severity: 'error', file, path: path || '(root)', line: pos?.line, column: pos?.col, message: `${path || 'campaign'}: ${message}` });
    }
    if (issues.length > MAX_SCHEMA_ISSUES) diagnostics.push({ code: 'campaign-schema', severity: 'error', file, message: `…and ${issues.length - MAX_SCHEMA_ISSUES} more problems in ${file}` });
    return { file, diagnostics };
  }
  return { file, campaign: parsed.data, diagnostics };
}
