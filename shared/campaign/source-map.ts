/**
 * Template positions → campaign file positions. A template diagnostic names a node, a field and a
 * line and column inside the template's text; a person needs the line and column in the YAML (or
 * JSON) file, where the template is a scalar that YAML may have quoted, escaped, folded or indented.
 *
 * Each scalar style is decoded here once more, this time keeping for every character of the value
 * the offset it came from. The decoded value is compared with what the `yaml` library read: only an
 * exact match is trusted, so an unusual scalar falls back to an approximate place (its first line,
 * or the template's line under a block header) rather than a wrong one.
 *
 * The editor's markers, the render worker and the CLI all place diagnostics with this module.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { Diagnostic } from '../diagnostics';

/** A campaign file's name and text, for placing its template diagnostics. */
export interface CampaignSource {
  file: string;
  text: string;
}

/** A 1-based line and column (UTF-16 units) in a file. */
export interface FilePosition {
  line: number;
  column: number;
}

/** YAML scalar styles, as the `yaml` library names them. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** A decoded scalar: its value and, per value character, the offset in the scalar's source it came from (one more for the end). */
export interface DecodedScalar {
  value: string;
  offsets: number[];
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Decodes a plain, single- or double-quoted scalar (YAML 1.2 line folding and escapes). */
function decodeFlow(raw: string, quote: '' | '"' | "'"): DecodedScalar | undefined {
  const value: string[] = [];
  const offsets: number[] = [];
  const emit = (s: string, at: number) => {
    for (const ch of s.split('')) {
      value.push(ch);
      offsets.push(at);
    }
  };
  let i = quote ? 1 : 0;
  const end = quote ? raw.length - 1 : raw.length;
  if (quote && raw[end] !== quote) return undefined;
  // Blanks are held until the next character: before a line break they are trimmed.
  let pending: number[] = [];
  const flush = () => {
    for (const p of pending) emit(raw[p] as string, p);
    pending = [];
  };
  while (i < end) {
    const c = raw[i] as string;
    if (isBlank(c)) {
      pending.push(i++);
    } else if (isBreak(c)) {
      pending = [];
      const at = i;
      let breaks = 0;
      while (i < end) {
        if (raw[i] === '\r') {
          i += raw[i + 1] === '\n' ? 2 : 1;
          breaks++;
        } else if (raw[i] === '\n') {
          i++;
          breaks++;
        } else if (isBlank(raw[i])) i++;
        else break;
      }
      emit(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), at);
    } else if (quote === "'" && c === "'") {
      flush();
      if (raw[i + 1] !== "'") return undefined;
      emit("'", i);
      i += 2;
    } else if (quote === '"' && c === '\\') {
      flush();
      const next = raw[i + 1];
      if (isBreak(next)) {
        // An escaped line break joins the lines with nothing between them.
        i += 1;
        i += raw[i] === '\r' && raw[i + 1] === '\n' ? 2 : 1;
        while (i < end && isBlank(raw[i])) i++;
      } else if (next !== undefined && ESCAPES[next] !== undefined) {
        emit(ESCAPES[next] as string, i);
        i += 2;
      } else if (next !== undefined && HEX_ESCAPES[next] !== undefined) {
        const n = HEX_ESCAPES[next] as number;
        const hex = raw.slice(i + 2, i + 2 + n);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) return undefined;
        emit(String.fromCodePoint(parseInt(hex, 16)), i);
        i += 2 + n;
      } else return undefined;
    } else {
      flush();
      emit(c, i);
      i++;
    }
  }
  flush();
  offsets.push(end);
  return { value: value.join(''), offsets };
}

/** Decodes a literal (`|`) or folded (`>`) block scalar; `parentIndent` is the indentation its explicit indicator counts from. */
function decodeBlock(raw: string, parentIndent: number): DecodedScalar | undefined {
  const header = /^([|>])([1-9+-]{0,2})[ \t]*(?:#[^\n]*)?(\r?\n|$)/.exec(raw);
  if (!header) return undefined;
  const folded = header[1] === '>';
  const indicators = header[2] as string;
  const chomp = indicators.includes('-') ? 'strip' : indicators.includes('+') ? 'keep' : 'clip';
  const digit = /[1-9]/.exec(indicators)?.[0];
  // Lines after the header: [start offset, text without the break, whether a break ends it].
  const lines: { start: number; text: string; broken: boolean; breakAt: number }[] = [];
  let pos = header[0].length;
  if (header[3] === '') return { value: '', offsets: [raw.length] };
  while (pos < raw.length) {
    const nl = raw.indexOf('\n', pos);
    const stop = nl === -1 ? raw.length : nl;
    const text = raw.slice(pos, stop).replace(/\r$/, '');
    lines.push({ start: pos, text, broken: nl !== -1, breakAt: stop - (raw[stop - 1] === '\r' ? 1 : 0) });
    pos = nl === -1 ? raw.length : nl + 1;
  }
  // Indentation is spaces only: a tab after them is content.
  const firstText = lines.find((l) => /[^ ]/.test(l.text));
  const spaces = (t: string) => (/^ */.exec(t) as RegExpExecArray)[0].length;
  // Without any text line the indentation is the deepest empty line (YAML's auto-detection).
  const indent = digit ? parentIndent + Number(digit) : firstText ? spaces(firstText.text) : Math.max(parentIndent + 1, ...lines.map((l) => spaces(l.text)));
  const isEmpty = (l: { text: string }) => l.text.length <= indent && !/[^ ]/.test(l.text);
  let last = -1;
  for (let k = 0; k < lines.length; k++) if (!isEmpty(lines[k]!)) last = k;
  const value: string[] = [];
  const offsets: number[] = [];
  const emit = (ch: string, at: number) => {
    value.push(ch);
    offsets.push(at);
  };
  const content = (k: number) => {
    const l = lines[k]!;
    if (!/^ */.test(l.text) || (/^ */.exec(l.text) as RegExpExecArray)[0].length < indent) return false;
    for (let c = indent; c < l.text.length; c++) emit(l.text[c] as string, l.start + c);
    return true;
  };
  let prev: 'normal' | 'spaced' | undefined;
  let emptiesBefore = 0;
  for (let k = 0; k <= last; k++) {
    const l = lines[k]!;
    if (isEmpty(l)) {
      emptiesBefore++;
      continue;
    }
    const type = isBlank(l.text[indent]) ? 'spaced' : 'normal';
    // The breaks between the previous text line and this one, with the empty lines between them.
    const breakAt = k > 0 ? lines[k - 1]!.breakAt : l.start;
    if (prev === undefined) for (let e = 0; e < emptiesBefore; e++) emit('\n', breakAt);
    else if (!folded) for (let e = 0; e <= emptiesBefore; e++) emit('\n', breakAt);
    else if (prev === 'normal' && type === 'normal') {
      if (emptiesBefore === 0) emit(' ', breakAt);
      else for (let e = 0; e < emptiesBefore; e++) emit('\n', breakAt);
    } else for (let e = 0; e <= emptiesBefore; e++) emit('\n', breakAt);
    if (!content(k)) return undefined;
    prev = type;
    emptiesBefore = 0;
  }
  if (last === -1) {
    if (chomp === 'keep') for (const l of lines) if (l.broken) emit('\n', l.breakAt);
  } else if (chomp !== 'strip' && lines[last]!.broken) {
    emit('\n', lines[last]!.breakAt);
    if (chomp === 'keep') for (let k = last + 1; k < lines.length; k++) if (lines[k]!.broken) emit('\n', lines[k]!.breakAt);
  }
  offsets.push(raw.length);
  return { value: value.join(''), offsets };
}

/**
 * Decodes a scalar's source text (from its first character: quote, block header or plain text)
 * with the offset each value character came from. Undefined when the text is not one this decoder
 * understands; callers compare `value` with the YAML library's value before trusting the offsets.
 */
export function decodeScalar(raw: string, style: ScalarStyle, parentIndent = 0): DecodedScalar | undefined {
  switch (style) {
    case 'PLAIN':
      return decodeFlow(raw, '');
    case 'QUOTE_DOUBLE':
      return decodeFlow(raw, '"');
    case 'QUOTE_SINGLE':
      return decodeFlow(raw, "'");
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return decodeBlock(raw, parentIndent);
  }
}

/** Offset in `value` of a 1-based template line and column (counted after \r\n → \n, as the Twig lexer does). */
function templateOffset(value: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < value.length) {
    const c = value[i];
    i++;
    if (c === '\r' && value[i] === '\n') i++;
    if (c === '\n' || c === '\r') l++;
  }
  for (let col = 1; col < column && i < value.length; col++) i += value[i] === '\r' && value[i + 1] === '\n' ? 2 : 1;
  return Math.min(i, value.length);
}

/** The path of a template field inside a node's `content`: `text`, or `buttons[1].url` → buttons, 1, url. */
export function contentPath(field: string): (string | number)[] {
  const m = /^buttons\[(\d+)\]\.(label|url)$/.exec(field);
  return m ? ['buttons', Number(m[1]), m[2] as string] : [field];
}

interface Parsed {
  doc: Document.Parsed;
  lc: LineCounter;
  text: string;
}

function scalarOf(root: unknown, nodeKey: string, field: string): Scalar | undefined {
  if (!isMap(root)) return undefined;
  const nodes = root.get('nodes', true);
  if (!isSeq(nodes)) return undefined;
  const node = nodes.items.find((n) => isMap(n) && n.get('key') === nodeKey);
  if (!isMap(node)) return undefined;
  let cur: unknown = node.get('content', true);
  for (const p of contentPath(field)) {
    if (isMap(cur)) cur = cur.get(p, true);
    else if (isSeq(cur) && typeof p === 'number') cur = cur.items[p];
    else return undefined;
  }
  return isScalar(cur) && typeof cur.value === 'string' ? cur : undefined;
}

function lineIndent(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return (/^ */.exec(text.slice(start, offset)) as RegExpExecArray)[0].length;
}

/** The file position of a template position, given the parsed file. */
function positionIn(p: Parsed, nodeKey: string, field: string, line: number, column: number): FilePosition | undefined {
  const s = scalarOf(p.doc.contents as YamlNode | null, nodeKey, field);
  if (!s?.range) return undefined;
  const [start, end] = s.range;
  const raw = p.text.slice(start, end);
  const style = (s.type ?? 'PLAIN') as ScalarStyle;
  const decoded = decodeScalar(raw, style, lineIndent(p.text, start));
  const at = (offset: number) => {
    const pos = p.lc.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (decoded && decoded.value === s.value) return at(start + (decoded.offsets[templateOffset(decoded.value, line, column)] ?? raw.length));
  // Not understood exactly: the template's line under a block header, else the scalar's own line.
  const first = at(start);
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    const lineText = p.text.split('\n')[first.line - 1 + line] ?? '';
    return { line: first.line + line, column: (/^ */.exec(lineText) as RegExpExecArray)[0].length + column };
  }
  return line === 1 ? { line: first.line, column: first.column + (style === 'PLAIN' ? 0 : 1) + column - 1 } : { line: first.line, column: first.column };
}

/**
 * Returns a function that places template diagnostics (those naming a node and a field, with a
 * line and column inside the template) in the campaign file: the result names the file and carries
 * the file's line and column. Other diagnostics come back unchanged. The file is parsed on the
 * first diagnostic that needs it, so a campaign without problems costs nothing.
 */
export function templatePlacer(source: CampaignSource): (d: Diagnostic) => Diagnostic {
  let parsed: Parsed | null | undefined;
  return (d) => {
    if (!d.node || !d.field || d.file !== undefined) return d;
    if (parsed === undefined) {
      const lc = new LineCounter();
      const doc = parseDocument(source.text, { lineCounter: lc, prettyErrors: false });
      parsed = doc.errors.length ? null : { doc, lc, text: source.text };
    }
    if (!parsed) return d;
    const pos = positionIn(parsed, d.node, d.field, d.line ?? 1, typeof d.column === 'number' ? d.column : 1);
    return pos ? { ...d, file: source.file, line: pos.line, column: pos.column } : d;
  };
}
