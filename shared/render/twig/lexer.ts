/**
 * Twig tokenizer. Mirrors Twig 3's Lexer (src/Lexer.php): the same states (data, block, var, string,
 * interpolation), the same whitespace-control rules (`-` trims all whitespace, `~` trims spaces and
 * tabs only, a block or comment end eats one following newline) and the same operator table, so that
 * text and expressions split exactly where Twig splits them.
 */
import { TwigCompileError } from './errors';

export type TokenType = 'text' | 'var_start' | 'var_end' | 'block_start' | 'block_end' | 'name' | 'number' | 'string' | 'operator' | 'punct' | 'arrow' | 'interp_start' | 'interp_end' | 'eof';

export interface Token {
  type: TokenType;
  /** Text for text/name/string/operator/punct tokens; the numeric value for numbers. */
  value: string;
  num?: number;
  /** Offset in the normalised source where the token starts (for diagnostics). */
  pos: number;
}

/** Unary and binary operators of Twig 3 (CoreExtension::getOperators), used to build the lexer's operator regex. */
export const UNARY_OPERATORS: Record<string, number> = { not: 50, '-': 500, '+': 500 };
export const BINARY_OPERATORS: Record<string, { precedence: number; right?: boolean }> = {
  or: { precedence: 10 },
  and: { precedence: 15 },
  'b-or': { precedence: 16 },
  'b-xor': { precedence: 17 },
  'b-and': { precedence: 18 },
  '==': { precedence: 20 },
  '!=': { precedence: 20 },
  '<=>': { precedence: 20 },
  '<': { precedence: 20 },
  '>': { precedence: 20 },
  '>=': { precedence: 20 },
  '<=': { precedence: 20 },
  'not in': { precedence: 20 },
  in: { precedence: 20 },
  matches: { precedence: 20 },
  'starts with': { precedence: 20 },
  'ends with': { precedence: 20 },
  'has some': { precedence: 20 },
  'has every': { precedence: 20 },
  '..': { precedence: 25 },
  '+': { precedence: 30 },
  '-': { precedence: 30 },
  '~': { precedence: 40 },
  '*': { precedence: 60 },
  '/': { precedence: 60 },
  '//': { precedence: 60 },
  '%': { precedence: 60 },
  is: { precedence: 100 },
  'is not': { precedence: 100 },
  '**': { precedence: 200, right: true },
  '??': { precedence: 300, right: true },
  xor: { precedence: 12 },
};

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Builds Twig's operator regex: longest first; word operators need a following space or bracket and no preceding `.`/`|`. */
function operatorRegex(): RegExp {
  const ops = ['=', ...Object.keys(UNARY_OPERATORS), ...Object.keys(BINARY_OPERATORS)];
  const uniq = [...new Set(ops)].sort((a, b) => b.length - a.length);
  const parts = uniq.map((op) => {
    let r = escapeRe(op);
    if (/[a-zA-Z]$/.test(op)) r += '(?=[\\s()\\[{])';
    if (/^[a-zA-Z]/.test(op)) r = '(?<![.|])' + r;
    return r.replace(/ +/g, '\\s+');
  });
  return new RegExp(parts.join('|'), 'y');
}

const OPERATOR_RE = operatorRegex();
const NAME_RE = /[a-zA-Z_\x7f-\uffff][a-zA-Z0-9_\x7f-\uffff]*/y;
const NUMBER_RE = /[0-9]+(?:\.[0-9]+)?([Ee][+-][0-9]+)?/y;
const STRING_RE = /"([^#"\\]*(?:\\.[^#"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'/y;
const DQ_PART_RE = /[^#"\\]*(?:(?:\\.|#(?!\{))[^#"\\]*)*/y;
const WS_RE = /\s+/y;
const TOKEN_START_RE = /(\{\{|\{%|\{#)(-|~)?/g;
const VAR_END_RE = /\s*(?:-\}\}\s*|~\}\}[ \t\0\x0B]*|\}\})/y;
const BLOCK_END_RE = /\s*(?:-%\}\s*\n?|~%\}[ \t\0\x0B]*|%\}\n?)/y;
const COMMENT_END_RE = /(?:-#\}\s*\n?|~#\}[ \t\0\x0B]*|#\}\n?)/g;
const BLOCK_RAW_RE = /\s*verbatim\s*(?:-%\}\s*|~%\}[ \t\0\x0B]*|%\})/y;
const RAW_DATA_END_RE = /\{%(-|~)?\s*endverbatim\s*(?:-%\}\s*|~%\}[ \t\0\x0B]*|%\})/g;
const INTERP_START_RE = /#\{\s*/y;
const INTERP_END_RE = /\s*\}/y;
const PUNCTUATION = '()[]{}?:.,|';

/** PHP's stripcslashes, which Twig applies to string literals. */
export function stripcslashes(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  return s.replace(/\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)/gs, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'v':
        return '\v';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'x':
        return e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : 'x';
      default:
        if (e[0]! >= '0' && e[0]! <= '7') return String.fromCharCode(parseInt(e, 8) & 255);
        return e;
    }
  });
}

const rtrimAll = (s: string) => s.replace(/[ \n\r\t\0\x0B]+$/, '');
const rtrimLine = (s: string) => s.replace(/[ \t\0\x0B]+$/, '');

/** Normalises line endings the way Twig's lexer does before tokenizing. */
export function normaliseSource(src: string): string {
  return src.indexOf('\r') < 0 ? src : src.replace(/\r\n?/g, '\n');
}

/** Tokenizes a (normalised) Twig source. Throws TwigCompileError('syntax') with the offset of the problem. */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  const end = code.length;
  const brackets: { ch: string; pos: number }[] = [];
  /** Start of the tag being lexed, where "Unclosed" errors point. */
  let tagStart = 0;

  const push = (type: TokenType, value: string, pos: number, num?: number) => {
    if (type === 'text' && value === '') return;
    tokens.push(num === undefined ? { type, value, pos } : { type, value, pos, num });
  };
  const match = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = cursor;
    return re.exec(code);
  };

  /** Lexes one expression token (shared by var, block and interpolation states). */
  const lexExpression = (closing: string) => {
    const ws = match(WS_RE);
    if (ws) {
      cursor += ws[0].length;
      if (cursor >= end) throw new TwigCompileError('syntax', `Unclosed "${closing}".`, tagStart);
    }
    const c = code[cursor]!;
    let m: RegExpExecArray | null;
    if (c === '=' && code[cursor + 1] === '>') {
      push('arrow', '=>', cursor);
      cursor += 2;
    } else if ((m = match(OPERATOR_RE))) {
      push('operator', m[0].replace(/\s+/g, ' '), cursor);
      cursor += m[0].length;
    } else if ((m = match(NAME_RE))) {
      push('name', m[0], cursor);
      cursor += m[0].length;
    } else if ((m = match(NUMBER_RE))) {
      push('number', m[0], cursor, Number(m[0]));
      cursor += m[0].length;
    } else if (PUNCTUATION.includes(c)) {
      if ('([{'.includes(c)) brackets.push({ ch: c, pos: cursor });
      else if (')]}'.includes(c)) {
        const open = brackets.pop();
        if (!open) throw new TwigCompileError('syntax', `Unexpected "${c}".`, cursor);
        if (')]}'['([{'.indexOf(open.ch)] !== c) throw new TwigCompileError('syntax', `Unclosed "${open.ch}".`, open.pos);
      }
      push('punct', c, cursor);
      cursor++;
    } else if ((m = match(STRING_RE))) {
      push('string', stripcslashes(m[0].slice(1, -1)), cursor);
      cursor += m[0].length;
    } else if (c === '"') {
      brackets.push({ ch: '"', pos: cursor });
      cursor++;
      lexString();
    } else {
      throw new TwigCompileError('syntax', `Unexpected character "${c}".`, cursor);
    }
  };

  /** Double-quoted string with #{...} interpolation. */
  const lexString = () => {
    const start = cursor - 1;
    push('interp_start', '"', start); // marks a composite string
    for (;;) {
      if (cursor >= end) throw new TwigCompileError('syntax', 'Unclosed """.', start);
      let m: RegExpExecArray | null;
      if ((m = match(INTERP_START_RE))) {
        const ipos = cursor;
        brackets.push({ ch: '#{', pos: ipos });
        cursor += m[0].length;
        push('punct', '#{', ipos);
        for (;;) {
          if (cursor >= end) throw new TwigCompileError('syntax', 'Unclosed "#{".', ipos);
          const top = brackets[brackets.length - 1];
          if (top && top.ch === '#{' && (m = match(INTERP_END_RE))) {
            brackets.pop();
            push('punct', '}#', cursor);
            cursor += m[0].length;
            break;
          }
          lexExpression('#{');
        }
      } else if ((m = match(DQ_PART_RE)) && m[0].length > 0) {
        push('string', stripcslashes(m[0]), cursor);
        cursor += m[0].length;
      } else if (code[cursor] === '"') {
        brackets.pop();
        push('interp_end', '"', cursor);
        cursor++;
        return;
      } else {
        throw new TwigCompileError('syntax', `Unexpected character "${code[cursor]}".`, cursor);
      }
    }
  };

  while (cursor < end) {
    TOKEN_START_RE.lastIndex = cursor;
    const start = TOKEN_START_RE.exec(code);
    if (!start) {
      push('text', code.slice(cursor), cursor);
      break;
    }
    let text = code.slice(cursor, start.index);
    if (start[2] === '-') text = rtrimAll(text);
    else if (start[2] === '~') text = rtrimLine(text);
    push('text', text, cursor);
    const tagPos = start.index;
    tagStart = tagPos;
    cursor = start.index + start[0].length;

    if (start[1] === '{#') {
      COMMENT_END_RE.lastIndex = cursor;
      const m = COMMENT_END_RE.exec(code);
      if (!m) throw new TwigCompileError('syntax', 'Unclosed comment.', tagPos);
      cursor = m.index + m[0].length;
      continue;
    }
    if (start[1] === '{%') {
      const raw = match(BLOCK_RAW_RE);
      if (raw) {
        cursor += raw[0].length;
        RAW_DATA_END_RE.lastIndex = cursor;
        const m = RAW_DATA_END_RE.exec(code);
        if (!m) throw new TwigCompileError('syntax', 'Unexpected end of file: Unclosed "verbatim" block.', tagPos);
        let body = code.slice(cursor, m.index);
        if (m[1] === '-') body = rtrimAll(body);
        else if (m[1] === '~') body = rtrimLine(body);
        push('text', body, cursor);
        cursor = m.index + m[0].length;
        continue;
      }
      push('block_start', '{%', tagPos);
      for (;;) {
        if (cursor >= end) throw new TwigCompileError('syntax', 'Unclosed "block".', tagPos);
        const m = brackets.length === 0 ? match(BLOCK_END_RE) : null;
        if (m) {
          push('block_end', '%}', cursor);
          cursor += m[0].length;
          break;
        }
        lexExpression('block');
      }
    } else {
      push('var_start', '{{', tagPos);
      for (;;) {
        if (cursor >= end) throw new TwigCompileError('syntax', 'Unclosed "variable".', tagPos);
        const m = brackets.length === 0 ? match(VAR_END_RE) : null;
        if (m) {
          push('var_end', '}}', cursor);
          cursor += m[0].length;
          break;
        }
        lexExpression('variable');
      }
    }
  }
  if (brackets.length) {
    const b = brackets[brackets.length - 1]!;
    throw new TwigCompileError('syntax', `Unclosed "${b.ch}".`, b.pos);
  }
  push('eof', '', end);
  return tokens;
}
