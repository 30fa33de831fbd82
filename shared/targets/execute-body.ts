/**
 * A pasted Campaign Execute body (JSON) → its parts, with the app token taken out: the token is
 * returned separately so the caller can offer the secret store, and never sits in `body`.
 */
import type { Diagnostic } from '../diagnostics';
import type { ExecuteBodyData, ParsedExecuteBody } from './types';
import { type JsonEntry, type JsonNode, kindName, parseJson, toPlain } from './json';
import { DiagnosticSink, LineIndex, clip, listWithMore, setOwn } from './text';
import { duplicateDiagnostics, findDuplicates, withoutRepeats } from './duplicates';
import { cleanExecuteBody } from './execute-body-fast';

/** Options for `parseExecuteBody`. */
export interface ParseExecuteBodyOptions {
  file?: string;
}

/**
 * Where body offsets are in the text the user sees: identity for a pasted body; for a body inside
 * a curl command, a map through the shell quoting so errors point into the command.
 */
export interface BodySource {
  text: string;
  toSource?: (bodyOffset: number) => number;
}

const SHELL_VAR = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;
const PLACEHOLDERS = new Set(['app_token', 'apptoken', 'your_app_token', 'campaign_id', 'your_campaign_id', 'user_id']);

/**
 * Parses and validates a Campaign Execute body: `target` an array of strings (numbers accepted with
 * a warning, as their literal text), `params` an object, `target_with_params` an object of objects,
 * `id`/`target_by` strings. Other keys are kept. Every problem names line and column. Never throws.
 */
export function parseExecuteBody(text: string, opts: ParseExecuteBodyOptions = {}): ParsedExecuteBody {
  return parseExecuteBodyFrom(text, { text }, opts.file);
}

/**
 * `parseExecuteBody` with diagnostics placed in another text (used by the curl parser). A body with
 * nothing to report is read by the engine's JSON.parse (execute-body-fast.ts); any other by the
 * located reader, which gives each problem its place.
 */
export function parseExecuteBodyFrom(body: string, source: BodySource, file?: string): ParsedExecuteBody {
  const clean = cleanExecuteBody(body, PLACEHOLDERS);
  return clean ? { body: clean, diagnostics: [] } : parseExecuteBodyLocated(body, source, file);
}

/** The located reader alone (every body it reads, diagnostics or not); exported for the fast path's parity test. */
export function parseExecuteBodyLocated(body: string, source: BodySource, file?: string): ParsedExecuteBody {
  const at = file ? { file } : {};
  const sink = new DiagnosticSink();
  let lines: LineIndex | null = null;
  const place = (offset: number) => {
    lines ??= new LineIndex(source.text);
    const p = lines.position(source.toSource ? source.toSource(offset) : offset);
    return { line: p.line, column: p.column };
  };
  const parsed = parseJson(body);
  if (!parsed.ok) {
    const p = place(parsed.offset);
    sink.add({ code: 'syntax', severity: 'error', message: `JSON syntax error at line ${p.line}, column ${p.column}: ${parsed.message}`, ...p, ...at });
    return { body: {}, diagnostics: sink.finish() };
  }
  const root = parsed.node;
  if (root.kind !== 'object') {
    sink.add({ code: 'not-object', severity: 'error', message: `A Campaign Execute body is a JSON object ({"id": …, "target": […]}), but this is ${kindName(root)}.`, ...place(root.start), ...at });
    return { body: {}, diagnostics: sink.finish() };
  }

  const err = (code: string, node: { start: number }, path: string, message: string, severity: Diagnostic['severity'] = 'error') => sink.add({ code, severity, message, path, ...place(node.start), ...at });
  const plain = (node: JsonNode, path: string) =>
    toPlain(node, {
      onDuplicateKey: (e) => err('duplicate-key', e.value, `${path}.${e.key}`, `The key ${clip(e.key)} appears more than once in ${path}; the last value is used.`, 'warning'),
      onLossyNumber: (n) => err('lossy-number', n, path, `The number ${n.raw} is too large to keep exactly; write it as a string ("${n.raw}").`, 'warning'),
    });

  const result: ParsedExecuteBody = { body: {}, diagnostics: [] };
  const body_: ExecuteBodyData = result.body;
  const seen = new Map<string, JsonEntry>();
  let targetItems: { node: JsonNode; index: number }[] = [];
  for (const e of root.entries) {
    const prev = seen.get(e.key);
    if (prev) err('duplicate-key', e.value, e.key, `The key ${clip(e.key)} appears more than once; the last value is used (first at line ${place(prev.keyStart).line}).`, 'warning');
    seen.set(e.key, e);
  }
  for (const [key, e] of seen) {
    const v = e.value;
    switch (key) {
      case 'apptoken':
        if (v.kind !== 'string') err('apptoken-type', v, key, `apptoken must be a string, but it is ${kindName(v)}; it was ignored.`);
        else {
          const m = SHELL_VAR.exec(v.value);
          if (m) {
            result.apptokenVariable = m[1] as string;
            err('apptoken-variable', v, key, `The app token comes from the shell variable $${m[1]}; use the environment's stored token instead.`, 'info');
          } else if (PLACEHOLDERS.has(v.value.toLowerCase())) err('placeholder', v, key, `apptoken is the placeholder ${clip(v.value)}, not a real token.`, 'warning');
          else if (v.value.trim() === '') err('apptoken-type', v, key, 'apptoken is empty.', 'warning');
          else {
            result.apptoken = v.value;
            err('apptoken-found', v, key, 'The body contains an app token: it was taken out of the request so it is not saved with it; store it in the environment instead.', 'info');
          }
        }
        break;
      case 'id':
        if (v.kind === 'string') {
          body_.id = v.value;
          if (PLACEHOLDERS.has(v.value.toLowerCase())) err('placeholder', v, key, `id is the placeholder ${clip(v.value)}, not a real campaign ID.`, 'warning');
        } else if (v.kind === 'number') {
          body_.id = v.raw;
          err('id-not-string', v, key, `The campaign id ${v.raw} is a number; it is used as the string "${v.raw}".`, 'warning');
        } else err('bad-type', v, key, `id (the campaign ID) must be a string, but it is ${kindName(v)}.`);
        break;
      case 'target_by':
        if (v.kind === 'string' && v.value.trim() !== '') body_.target_by = v.value;
        else err('bad-type', v, key, v.kind === 'string' ? 'target_by is empty; it names what the ids are, e.g. "user_id".' : `target_by must be a string such as "user_id", but it is ${kindName(v)}.`);
        break;
      case 'target':
        targetItems = readTarget(v, body_, err);
        break;
      case 'params':
        if (v.kind === 'object') body_.params = plain(v, key) as Record<string, unknown>;
        else err('bad-type', v, key, `params must be an object of values ({"name": "value"}), but it is ${kindName(v)}.`);
        break;
      case 'target_with_params':
        readTargetWithParams(v, body_, err, plain);
        break;
      default:
        setOwn(body_, key, plain(v, key));
    }
  }
  if (!seen.has('target')) err('missing-target', root, '', 'The body has no "target" list, so it names no users to send to.', 'warning');
  dropRepeats(body_, targetItems, sink, place, at);
  crossCheck(body_, seen, err);
  result.diagnostics = sink.finish();
  return result;
}

type Err = (code: string, node: { start: number }, path: string, message: string, severity?: Diagnostic['severity']) => void;

/** Reads `target`; returns where each kept id is in the array (for locating repeats). */
function readTarget(v: JsonNode, body: ExecuteBodyData, err: Err): { node: JsonNode; index: number }[] {
  if (v.kind !== 'array') {
    err('bad-type', v, 'target', `target must be an array of ids (["user_1", "user_2"]), but it is ${kindName(v)}.`);
    return [];
  }
  const ids: string[] = [];
  const items: { node: JsonNode; index: number }[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < v.items.length; i++) {
    const n = v.items[i] as JsonNode;
    if (n.kind === 'string') {
      if (n.value === '') err('empty-id', n, `target[${i}]`, `target[${i}] is an empty string; it was left out.`);
      else {
        ids.push(n.value);
        items.push({ node: n, index: i });
      }
    } else if (n.kind === 'number') {
      numbers.push(i);
      ids.push(n.raw);
      items.push({ node: n, index: i });
    } else err('bad-id', n, `target[${i}]`, `target[${i}] is ${kindName(n)}, not an id (a string); it was left out.`);
  }
  if (numbers.length > 0) {
    const first = v.items[numbers[0] as number] as JsonNode;
    err(
      'id-not-string',
      first,
      `target[${numbers[0]}]`,
      `${numbers.length === 1 ? 'An id in target is a number' : `${numbers.length} ids in target are numbers`}; each is used as its literal text: ${listWithMore(
        numbers.slice(0, 6).map((i) => `target[${i}] ${(v.items[i] as JsonNode & { kind: 'number' }).raw}`),
        5,
        numbers.length,
      )}.`,
      'warning',
    );
  }
  body.target = ids;
  return items;
}

/** A repeated id keeps its first place (shared/targets/duplicates.ts): one `duplicate-id` warning per id, at its first repeat. */
function dropRepeats(body: ExecuteBodyData, items: { node: JsonNode; index: number }[], sink: DiagnosticSink, place: (offset: number) => { line: number; column: number }, at: { file?: string }): void {
  if (!body.target) return;
  const dupes = findDuplicates(body.target);
  if (dupes.size === 0) return;
  const label = (k: number) => `target[${(items[k] as { index: number }).index}]`;
  for (const { indexes: _, ...d } of duplicateDiagnostics(dupes, { label, place: (k) => ({ path: label(k), ...place((items[k] as { node: JsonNode }).node.start) }), ...at })) sink.add(d);
  body.target = withoutRepeats(body.target, dupes);
}

function readTargetWithParams(v: JsonNode, body: ExecuteBodyData, err: Err, plain: (n: JsonNode, path: string) => unknown): void {
  if (v.kind !== 'object') {
    err('bad-type', v, 'target_with_params', `target_with_params must be an object keyed by id ({"user_1": {"promo_code": "X"}}), but it is ${kindName(v)}.`);
    return;
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const e of v.entries) {
    const path = `target_with_params.${e.key}`;
    if (e.value.kind !== 'object') {
      err('bad-type', e.value, path, `The values for ${clip(e.key)} must be an object ({"promo_code": "X"}), but they are ${kindName(e.value)}; they were ignored.`);
      continue;
    }
    setOwn(out, e.key, plain(e.value, path) as Record<string, unknown>);
  }
  body.target_with_params = out;
}

/** Per-user values for ids that are not targeted are never sent: say so, once. */
function crossCheck(body: ExecuteBodyData, seen: Map<string, JsonEntry>, err: Err): void {
  const twpNode = seen.get('target_with_params');
  if (body.target && body.target_with_params && twpNode) {
    const set = new Set<string>(body.target);
    const stray = Object.keys(body.target_with_params).filter((k) => !set.has(k));
    if (stray.length > 0)
      err(
        'untargeted-params',
        twpNode.value,
        'target_with_params',
        `target_with_params has values for ${stray.length === 1 ? 'an id' : `${stray.length} ids`} not in target, which will not be sent to anyone: ${listWithMore(
          stray.slice(0, 11).map((d) => clip(d, 30)),
          10,
          stray.length,
        )}.`,
        'warning',
      );
  }
}
