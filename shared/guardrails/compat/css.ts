/**
 * A small CSS reader for the email checks: declarations of inline `style` attributes and the rules,
 * at-rules, selectors and comments of `<style>` blocks, each with the line it starts on. It reads
 * what email CSS is made of (no cascade, no value grammar) and never throws: broken CSS yields what
 * could be read.
 */

export interface Declaration {
  /** Lower-cased property name (custom properties keep their `--` prefix). */
  property: string;
  /** The value without `!important`, trimmed. */
  value: string;
  important: boolean;
  /** 0-based line offset from the start of the CSS text. */
  line: number;
}

export interface CssRule {
  /** Selectors of the rule, split on top-level commas (empty for at-rule blocks of declarations). */
  selectors: string[];
  declarations: Declaration[];
  line: number;
}

export interface CssAtRule {
  /** Lower-cased name without `@` (`media`, `font-face`, `import`…). */
  name: string;
  /** What follows the name up to `{` or `;`. */
  prelude: string;
  line: number;
}

export interface Stylesheet {
  rules: CssRule[];
  atRules: CssAtRule[];
  /** Line offsets of comments. */
  comments: number[];
}

/** Lines before `index` in `text`, counted from `from` (whose line is `base`). */
function lineAt(text: string, index: number, from: number, base: number): number {
  let n = base;
  for (let i = text.indexOf('\n', from); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Replaces comments with spaces (keeping newlines and offsets) and reports where they were. */
function stripComments(css: string, comments: number[] | undefined): string {
  if (css.indexOf('/*') < 0) return css;
  return css.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, (c, at: number) => {
    comments?.push(lineAt(css, at, 0, 0));
    return c.replace(/[^\n]/g, ' ');
  });
}

/** Splits on `sep` outside parentheses, brackets and quotes. */
function splitTop(s: string, sep: string): { part: string; at: number }[] {
  const out: { part: string; at: number }[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      out.push({ part: s.slice(start, i), at: start });
      start = i + 1;
    }
  }
  out.push({ part: s.slice(start), at: start });
  return out;
}

/** Reads declarations (`a: b; c: d !important`) — an inline style or a rule's block. */
export function parseDeclarations(text: string, baseLine = 0): Declaration[] {
  const src = stripComments(text, undefined);
  const out: Declaration[] = [];
  let line = baseLine;
  let last = 0;
  for (const { part, at } of splitTop(src, ';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    if (!/^(--)?[a-z-][a-z0-9-]*$/.test(property)) continue;
    let value = part.slice(colon + 1).trim();
    const important = /!\s*important\s*$/i.test(value);
    if (important) value = value.replace(/!\s*important\s*$/i, '').trim();
    const lead = part.length - part.trimStart().length;
    line = lineAt(src, at + lead, last, line);
    last = at + lead;
    out.push({ property, value, important, line });
  }
  return out;
}

/** Finds the `}` closing the block opened just before `from` (quotes and nesting respected). */
function blockEnd(s: string, from: number): number {
  let depth = 1;
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return s.length;
}

/** At-rules whose block holds rules (the others hold declarations). */
const GROUPING = new Set(['media', 'supports', 'document', '-moz-document', 'container', 'layer', 'scope']);

function readBlock(css: string, from: number, to: number, line: number, sheet: Stylesheet): void {
  let i = from;
  while (i < to) {
    // The next statement: up to `{` (a rule or a block at-rule) or `;` (a statement at-rule).
    let j = i;
    let quote = '';
    let depth = 0;
    for (; j < to; j++) {
      const c = css[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
      else if (depth === 0 && (c === '{' || c === ';' || c === '}')) break;
    }
    const prelude = css.slice(i, j);
    const lead = prelude.length - prelude.trimStart().length;
    const at = lineAt(css, i + lead, 0, line);
    const head = prelude.trim();
    if (j >= to || css[j] === '}') {
      if (head.startsWith('@')) sheet.atRules.push(atRule(head, at));
      i = j + 1;
      continue;
    }
    if (css[j] === ';') {
      if (head.startsWith('@')) sheet.atRules.push(atRule(head, at));
      i = j + 1;
      continue;
    }
    const end = blockEnd(css, j + 1);
    if (head.startsWith('@')) {
      const r = atRule(head, at);
      sheet.atRules.push(r);
      if (GROUPING.has(r.name)) readBlock(css, j + 1, end, line, sheet);
      else if (r.name.endsWith('keyframes')) {
        // Keyframe selectors (from, 50%) are not selectors: only their declarations are read.
        const inner: Stylesheet = { rules: [], atRules: [], comments: [] };
        readBlock(css, j + 1, end, line, inner);
        for (const k of inner.rules) sheet.rules.push({ selectors: [], declarations: k.declarations, line: k.line });
      } else sheet.rules.push({ selectors: [], declarations: parseDeclarations(css.slice(j + 1, end), lineAt(css, j + 1, 0, line)), line: at });
    } else {
      const body = css.slice(j + 1, end);
      // Nested rules (CSS nesting) are read as rules of their own; the declarations are what is left.
      if (body.includes('{')) {
        const nested: Stylesheet = { rules: [], atRules: [], comments: [] };
        readBlock(css, j + 1, end, line, nested);
        const own = body.replace(/[^;{}]*\{[^}]*\}/g, (m) => m.replace(/[^\n]/g, ' '));
        sheet.rules.push({
          selectors: splitTop(head, ',')
            .map((p) => p.part.trim())
            .filter(Boolean),
          declarations: parseDeclarations(own, lineAt(css, j + 1, 0, line)),
          line: at,
        });
        sheet.rules.push(...nested.rules);
        sheet.atRules.push(...nested.atRules);
      } else
        sheet.rules.push({
          selectors: splitTop(head, ',')
            .map((p) => p.part.trim())
            .filter(Boolean),
          declarations: parseDeclarations(body, lineAt(css, j + 1, 0, line)),
          line: at,
        });
    }
    i = end + 1;
  }
}

function atRule(head: string, line: number): CssAtRule {
  const m = /^@([-\w]+)\s*([\s\S]*)$/.exec(head);
  return { name: (m?.[1] ?? '').toLowerCase(), prelude: (m?.[2] ?? '').trim(), line };
}

/** Reads a stylesheet (the content of a `<style>` element). Lines are 0-based offsets into `css`. */
export function parseStylesheet(css: string): Stylesheet {
  const sheet: Stylesheet = { rules: [], atRules: [], comments: [] };
  const src = stripComments(css, sheet.comments);
  readBlock(src, 0, src.length, 0, sheet);
  return sheet;
}
