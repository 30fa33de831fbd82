/**
 * Twig parser: tokens -> AST. Follows Twig 3's ExpressionParser (precedence climbing with Twig's
 * operator table, postfix `.attr`, `[key]`, `[a:b]` slices, `|filter(args)`, `is [not] test`,
 * conditional `?:`, `??`, string interpolation) and the token parsers of the tags personalisation
 * templates use. Tags Twig has but this engine does not implement raise `unsupported-twig`.
 */
import type { Arg, Expr, MacroDef, Stmt, Template } from './ast';
import { TwigCompileError } from './errors';
import { BINARY_OPERATORS, UNARY_OPERATORS, type Token } from './lexer';
import { ImportScopes, parseBlock, parseFrom, parseImport, parseMacro } from './parser-tags';

/** Twig core tags that need another template: the platform renders one template per field. */
const OTHER_TEMPLATE_TAGS = new Set(['extends', 'include', 'embed', 'use']);

/** Other Twig core tags this engine does not implement. */
const UNSUPPORTED_TAGS = new Set(['sandbox', 'deprecated', 'flush', 'cache', 'guard', 'types', 'line', 'filter', 'spaceless']);

/** Tests that take one argument without parentheses (`divisible by 3`, `same as x`). */
const TWO_WORD_TESTS: Record<string, string[]> = { same: ['as'], divisible: ['by'] };

const NAME_RE = /^[a-zA-Z_\x7f-\uffff][a-zA-Z0-9_\x7f-\uffff]*$/;

export class Parser {
  private i = 0;
  /** Which names are imported macros, by scope (see parser-tags.ts). */
  readonly imports = new ImportScopes();
  /** Block names defined so far: a name may be defined once. */
  readonly blockNames = new Set<string>();
  private readonly macros = new Map<string, MacroDef>();
  constructor(private readonly tokens: Token[]) {}

  get cur(): Token {
    return this.tokens[this.i]!;
  }
  peek(n = 1): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!;
  }
  next(): Token {
    return this.tokens[this.i++]!;
  }
  test(type: Token['type'], value?: string): boolean {
    const t = this.cur;
    return t.type === type && (value === undefined || t.value === value);
  }
  expect(type: Token['type'], value?: string, what?: string): Token {
    const t = this.cur;
    if (!this.test(type, value)) {
      const got = t.type === 'eof' ? 'end of template' : `"${t.value}"`;
      throw new TwigCompileError('syntax', `Unexpected ${got}${what ? ` (${what} expected)` : value ? ` ("${value}" expected)` : ''}.`, t.pos);
    }
    return this.next();
  }
  /** A name token, or an operator spelled like a name (`in`, `matches`...), which Twig accepts as a name here. */
  private isNameLike(t: Token = this.cur): boolean {
    return t.type === 'name' || (t.type === 'operator' && NAME_RE.test(t.value));
  }
  expectName(what: string): Token {
    if (this.isNameLike()) return this.next();
    return this.expect('name', undefined, what);
  }

  // ------------------------------------------------------------------ statements

  /** Parses the whole template. */
  parseTemplate(): Template {
    const body = this.subparse(null);
    this.expect('eof');
    return { body, macros: this.macros };
  }

  /** Parses statements until one of the `ends` tag names (left unconsumed, after the `{%`). */
  subparse(ends: string[] | null): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      const t = this.cur;
      switch (t.type) {
        case 'eof':
          if (ends) throw new TwigCompileError('syntax', `Unexpected end of template: "${ends.join('" or "')}" expected.`, t.pos);
          return out;
        case 'text':
          this.next();
          out.push({ kind: 'text', pos: t.pos, text: t.value });
          break;
        case 'var_start': {
          this.next();
          const expr = this.parseExpression();
          this.expect('var_end', undefined, 'end of print statement');
          out.push({ kind: 'print', pos: t.pos, expr });
          break;
        }
        case 'block_start': {
          const nameTok = this.peek();
          if (!this.isNameLike(nameTok)) throw new TwigCompileError('syntax', 'A block must start with a tag name.', nameTok.pos);
          if (ends && ends.includes(nameTok.value)) {
            this.next();
            return out;
          }
          this.next();
          const stmt = this.parseTag();
          if (stmt) out.push(stmt);
          break;
        }
        default:
          throw new TwigCompileError('syntax', `Unexpected "${t.value}".`, t.pos);
      }
    }
  }

  /** One tag; null for tags that only define or import things (macro, import, from). */
  private parseTag(): Stmt | null {
    const tag = this.next();
    const pos = tag.pos;
    switch (tag.value) {
      case 'block':
        return parseBlock(this, pos);
      case 'macro': {
        // Twig 3 accepts a macro anywhere (deprecated outside the root since 3.27) and a later definition wins.
        const m = parseMacro(this, pos);
        this.macros.set(m.name, m);
        return null;
      }
      case 'import':
        parseImport(this, pos);
        return null;
      case 'from':
        parseFrom(this, pos);
        return null;
      case 'if':
        return this.parseIf(pos);
      case 'for':
        return this.parseFor(pos);
      case 'set':
        return this.parseSet(pos);
      case 'apply':
        return this.parseApply(pos);
      case 'with':
        return this.parseWith(pos);
      case 'autoescape':
        return this.parseAutoescape(pos);
      case 'do': {
        const expr = this.parseExpression();
        this.expect('block_end');
        return { kind: 'do', pos, expr };
      }
      default:
        if (OTHER_TEMPLATE_TAGS.has(tag.value)) {
          throw new TwigCompileError('unsupported-twig', `The "${tag.value}" tag needs another template: the platform renders one template per field, so there is none to ${tag.value === 'extends' ? 'extend' : tag.value === 'use' ? 'take blocks from' : 'include'}.`, pos);
        }
        if (UNSUPPORTED_TAGS.has(tag.value)) {
          throw new TwigCompileError('unsupported-twig', `The "${tag.value}" tag is not supported by the preview engine.`, pos);
        }
        throw new TwigCompileError('syntax', `Unknown "${tag.value}" tag.`, pos);
    }
  }

  /** Parses the body of a tag up to one of `ends`, returning the body and the end tag name met. */
  private body(ends: string[]): { body: Stmt[]; end: string } {
    const body = this.subparse(ends);
    const end = this.next().value;
    return { body, end };
  }

  private parseIf(pos: number): Stmt {
    const branches: { test: Expr; body: Stmt[] }[] = [];
    let test = this.parseExpression();
    this.expect('block_end');
    let elseBody: Stmt[] | null = null;
    for (;;) {
      const { body, end } = this.body(['elseif', 'else', 'endif']);
      branches.push({ test, body });
      if (end === 'else') {
        this.expect('block_end');
        elseBody = this.body(['endif']).body;
        this.expect('block_end');
        break;
      }
      if (end === 'endif') {
        this.expect('block_end');
        break;
      }
      test = this.parseExpression();
      this.expect('block_end');
    }
    return { kind: 'if', pos, branches, else: elseBody };
  }

  private parseFor(pos: number): Stmt {
    const first = this.expectName('loop variable name').value;
    let keyVar: string | null = null;
    let valueVar = first;
    if (this.test('punct', ',')) {
      this.next();
      keyVar = first;
      valueVar = this.expectName('loop variable name').value;
    }
    this.expect('operator', 'in');
    const seq = this.parseExpression();
    if (this.test('name', 'if')) {
      throw new TwigCompileError('syntax', 'The "if" condition on "for" tag was removed in Twig 3; use the "filter" filter or an "if" inside the loop.', this.cur.pos);
    }
    this.expect('block_end');
    const { body, end } = this.body(['else', 'endfor']);
    let elseBody: Stmt[] | null = null;
    this.expect('block_end');
    if (end === 'else') {
      elseBody = this.body(['endfor']).body;
      this.expect('block_end');
    }
    return { kind: 'for', pos, keyVar, valueVar, seq, body, else: elseBody };
  }

  private parseSet(pos: number): Stmt {
    const names = [this.expectName('variable name').value];
    while (this.test('punct', ',')) {
      this.next();
      names.push(this.expectName('variable name').value);
    }
    if (this.test('operator', '=')) {
      this.next();
      const values = [this.parseExpression()];
      while (this.test('punct', ',')) {
        this.next();
        values.push(this.parseExpression());
      }
      this.expect('block_end');
      if (names.length !== values.length) {
        throw new TwigCompileError('syntax', 'When using set, you must have the same number of variables and assignments.', pos);
      }
      return { kind: 'set', pos, names, values };
    }
    if (names.length > 1) throw new TwigCompileError('syntax', 'When using set with a block, you cannot have a multi-target.', pos);
    this.expect('block_end');
    const { body } = this.body(['endset']);
    this.expect('block_end');
    return { kind: 'setcapture', pos, name: names[0]!, body };
  }

  private parseApply(pos: number): Stmt {
    const filters: { name: string; args: Arg[]; pos: number }[] = [];
    for (;;) {
      const t = this.expectName('filter name');
      const args = this.test('punct', '(') ? this.parseArguments(true) : [];
      filters.push({ name: t.value, args, pos: t.pos });
      if (!this.test('punct', '|')) break;
      this.next();
    }
    this.expect('block_end');
    const { body } = this.body(['endapply']);
    this.expect('block_end');
    return { kind: 'apply', pos, filters, body };
  }

  private parseWith(pos: number): Stmt {
    let expr: Expr | null = null;
    let only = false;
    if (!this.test('block_end')) {
      if (!this.test('name', 'only')) expr = this.parseExpression();
      if (this.test('name', 'only')) {
        this.next();
        only = true;
      }
    }
    this.expect('block_end');
    const { body } = this.body(['endwith']);
    this.expect('block_end');
    return { kind: 'with', pos, expr, only, body };
  }

  private parseAutoescape(pos: number): Stmt {
    let strategy: string | false = 'html';
    if (!this.test('block_end')) {
      const e = this.parsePrimary();
      if (e.kind !== 'const' || (typeof e.value !== 'string' && typeof e.value !== 'boolean')) {
        throw new TwigCompileError('syntax', 'An escaping strategy must be a string or false.', e.pos);
      }
      strategy = e.value === true ? 'html' : e.value === false ? false : (e.value as string);
    }
    this.expect('block_end');
    const { body } = this.body(['endautoescape']);
    this.expect('block_end');
    return { kind: 'autoescape', pos, strategy, body };
  }

  // ------------------------------------------------------------------ expressions

  /** Precedence climbing over Twig's binary operator table, then the conditional operator. */
  parseExpression(precedence = 0): Expr {
    if (this.isArrowAhead()) return this.parseArrow();
    let expr = this.parseUnaryOrPrimary();
    for (;;) {
      const t = this.cur;
      if (t.type !== 'operator') break;
      const op = BINARY_OPERATORS[t.value];
      if (!op || op.precedence < precedence) break;
      this.next();
      if (t.value === 'is' || t.value === 'is not') {
        expr = this.parseTest(expr, t.value === 'is not', t.pos);
        continue;
      }
      const right = this.parseExpression(op.right ? op.precedence : op.precedence + 1);
      expr = { kind: 'binary', pos: t.pos, op: t.value, left: expr, right };
    }
    if (precedence === 0) expr = this.parseConditional(expr);
    return expr;
  }

  private parseConditional(expr: Expr): Expr {
    while (this.test('punct', '?')) {
      const pos = this.next().pos;
      let then: Expr | null = null;
      let els: Expr | null = null;
      if (this.test('punct', ':')) {
        this.next();
        els = this.parseExpression();
      } else {
        then = this.parseExpression();
        if (this.test('punct', ':')) {
          this.next();
          els = this.parseExpression();
        }
      }
      expr = { kind: 'cond', pos, test: expr, then, else: els };
    }
    return expr;
  }

  parseUnaryOrPrimary(): Expr {
    const t = this.cur;
    if (t.type === 'operator' && UNARY_OPERATORS[t.value] !== undefined && !this.isNameUse(t)) {
      this.next();
      let operand = this.parseExpression(UNARY_OPERATORS[t.value]!);
      // Twig >= 3.15 (and PHP) bind `**` tighter than unary minus/plus: `-1 ** 0` is -(1 ** 0).
      if (t.value !== 'not') {
        while (this.test('operator', '**')) {
          const p = this.next().pos;
          operand = { kind: 'binary', pos: p, op: '**', left: operand, right: this.parseExpression(200) };
        }
      }
      return { kind: 'unary', pos: t.pos, op: t.value, expr: operand };
    }
    if (t.type === 'punct' && t.value === '(') {
      this.next();
      const e = this.parseExpression();
      this.expect('punct', ')', 'closing parenthesis');
      return this.parsePostfix(e);
    }
    return this.parsePrimary();
  }

  /** `...` lexes as the `..` operator followed by `.`. */
  isSpread(): boolean {
    return this.test('operator', '..') && this.peek().type === 'punct' && this.peek().value === '.';
  }

  /** `not` used as a variable name (`{{ not }}`) is not a unary operator. */
  private isNameUse(t: Token): boolean {
    if (t.value !== 'not') return false;
    const n = this.peek();
    return n.type === 'var_end' || n.type === 'block_end';
  }

  private isArrowAhead(): boolean {
    const t = this.cur;
    if (t.type === 'name' && this.peek().type === 'arrow') return true;
    if (t.type === 'punct' && t.value === '(') {
      let j = this.i + 1;
      if (this.tokens[j]?.type === 'punct' && this.tokens[j]!.value === ')') return this.tokens[j + 1]?.type === 'arrow';
      for (;;) {
        if (this.tokens[j]?.type !== 'name') return false;
        j++;
        const p = this.tokens[j];
        if (p?.type === 'punct' && p.value === ',') {
          j++;
          continue;
        }
        if (p?.type === 'punct' && p.value === ')') return this.tokens[j + 1]?.type === 'arrow';
        return false;
      }
    }
    return false;
  }

  private parseArrow(): Expr {
    const pos = this.cur.pos;
    const params: string[] = [];
    if (this.test('name')) params.push(this.next().value);
    else {
      this.expect('punct', '(');
      while (!this.test('punct', ')')) {
        params.push(this.expect('name').value);
        if (this.test('punct', ',')) this.next();
      }
      this.next();
    }
    this.expect('arrow');
    const body = this.parseExpression();
    return { kind: 'arrow', pos, params, body };
  }

  private parsePrimary(): Expr {
    const t = this.cur;
    let e: Expr;
    switch (t.type) {
      case 'name': {
        this.next();
        const lower = t.value.toLowerCase();
        if (lower === 'true') e = { kind: 'const', pos: t.pos, value: true };
        else if (lower === 'false') e = { kind: 'const', pos: t.pos, value: false };
        else if (lower === 'null' || lower === 'none') e = { kind: 'const', pos: t.pos, value: null };
        else if (this.test('punct', '(')) {
          // A macro imported with `from` wins over a function of the same name, as in Twig.
          const macro = this.imports.macroOf(t.value);
          const args = this.parseArguments(true);
          e = macro !== undefined ? { kind: 'macro', pos: t.pos, name: macro, args } : { kind: 'call', pos: t.pos, name: t.value, args };
        } else e = { kind: 'name', pos: t.pos, name: t.value };
        break;
      }
      case 'number':
        this.next();
        e = { kind: 'const', pos: t.pos, value: t.num! };
        break;
      case 'string':
      case 'interp_start':
        e = this.parseString();
        break;
      case 'operator':
        if (t.value === '..' && this.peek().type === 'punct' && this.peek().value === '.') {
          throw new TwigCompileError('syntax', 'The spread operator ("...") can only be used in a list, a hash or the arguments of a call.', t.pos);
        }
        if (NAME_RE.test(t.value)) {
          this.next();
          e = { kind: 'name', pos: t.pos, name: t.value };
          break;
        }
        throw new TwigCompileError('syntax', `Unexpected operator "${t.value}".`, t.pos);
      case 'punct':
        if (t.value === '[') {
          e = this.parseArray();
          break;
        }
        if (t.value === '{') {
          e = this.parseHash();
          break;
        }
        if (t.value === '(') return this.parseUnaryOrPrimary();
        throw new TwigCompileError('syntax', `Unexpected "${t.value}".`, t.pos);
      default: {
        const what = t.type === 'eof' ? 'end of template' : t.type === 'var_end' || t.type === 'block_end' ? `end of tag "${t.value}"` : `"${t.value}"`;
        throw new TwigCompileError('syntax', `Unexpected ${what}: an expression was expected.`, t.pos);
      }
    }
    return this.parsePostfix(e);
  }

  /** Adjacent string tokens and `"...#{expr}..."` parts, joined with `~` semantics. */
  private parseString(): Expr {
    const pos = this.cur.pos;
    const parts: Expr[] = [];
    for (;;) {
      if (this.test('string')) {
        const t = this.next();
        parts.push({ kind: 'const', pos: t.pos, value: t.value });
      } else if (this.test('interp_start')) {
        this.next();
        while (!this.test('interp_end')) {
          if (this.test('string')) {
            const t = this.next();
            parts.push({ kind: 'const', pos: t.pos, value: t.value });
          } else {
            this.expect('punct', '#{');
            parts.push(this.parseExpression());
            this.expect('punct', '}#', 'end of string interpolation');
          }
        }
        this.next();
      } else break;
    }
    if (parts.length === 0) return { kind: 'const', pos, value: '' };
    if (parts.length === 1 && parts[0]!.kind === 'const') return parts[0]!;
    if (parts.every((p) => p.kind === 'const')) return { kind: 'const', pos, value: parts.map((p) => (p as { value: string }).value).join('') };
    return { kind: 'interp', pos, parts };
  }

  private parseArray(): Expr {
    const pos = this.expect('punct', '[').pos;
    const items: { value: Expr; spread?: boolean }[] = [];
    while (!this.test('punct', ']')) {
      if (items.length) {
        this.expect('punct', ',', 'a comma between array items');
        if (this.test('punct', ']')) break;
      }
      if (this.isSpread()) {
        this.next();
        this.next();
        items.push({ value: this.parseExpression(), spread: true });
        continue;
      }
      items.push({ value: this.parseExpression() });
    }
    this.next();
    return { kind: 'array', pos, items };
  }

  private parseHash(): Expr {
    const pos = this.expect('punct', '{').pos;
    const pairs: { key: Expr; value: Expr; spread?: boolean }[] = [];
    while (!this.test('punct', '}')) {
      if (pairs.length) {
        this.expect('punct', ',', 'a comma between hash items');
        if (this.test('punct', '}')) break;
      }
      const t = this.cur;
      let key: Expr;
      if (this.isSpread()) {
        this.next();
        this.next();
        pairs.push({ key: { kind: 'const', pos: t.pos, value: null }, value: this.parseExpression(), spread: true });
        continue;
      }
      if (t.type === 'string' || t.type === 'number') {
        this.next();
        key = { kind: 'const', pos: t.pos, value: t.type === 'number' ? t.num! : t.value };
      } else if (this.isNameLike(t)) {
        this.next();
        key = { kind: 'const', pos: t.pos, value: t.value };
        if (!this.test('punct', ':')) {
          // `{ foo }` shorthand for `{ foo: foo }` (Twig >= 3.11)
          pairs.push({ key, value: { kind: 'name', pos: t.pos, name: t.value } });
          continue;
        }
      } else if (t.type === 'punct' && t.value === '(') {
        key = this.parseExpression();
      } else {
        throw new TwigCompileError('syntax', 'A hash key must be a quoted string, a number, a name, or an expression enclosed in parentheses.', t.pos);
      }
      this.expect('punct', ':', 'colon after a hash key');
      pairs.push({ key, value: this.parseExpression() });
    }
    this.next();
    return { kind: 'hash', pos, pairs };
  }

  private parsePostfix(e: Expr): Expr {
    for (;;) {
      const t = this.cur;
      if (t.type !== 'punct') return e;
      if (t.value === '.') {
        if (e.kind === 'name' && this.imports.isTemplate(e.name)) {
          e = this.parseMacroCall(e);
          continue;
        }
        this.next();
        const a = this.cur;
        if (a.type === 'name' || (a.type === 'operator' && NAME_RE.test(a.value))) {
          this.next();
          if (this.test('punct', '(')) {
            throw new TwigCompileError('unsupported-twig', 'Method calls are not supported by the preview engine (data is plain JSON).', a.pos);
          }
          e = { kind: 'getattr', pos: a.pos, obj: e, attr: { kind: 'const', pos: a.pos, value: a.value }, bracket: false };
        } else if (a.type === 'number') {
          this.next();
          e = { kind: 'getattr', pos: a.pos, obj: e, attr: { kind: 'const', pos: a.pos, value: a.num! }, bracket: false };
        } else if (a.type === 'punct' && a.value === '(') {
          this.next();
          const attr = this.parseExpression();
          this.expect('punct', ')');
          e = { kind: 'getattr', pos: a.pos, obj: e, attr, bracket: false };
        } else {
          throw new TwigCompileError('syntax', 'Expected name or number after ".".', a.pos);
        }
      } else if (t.value === '[') {
        this.next();
        let start: Expr | null = null;
        if (!this.test('punct', ':')) start = this.parseExpression();
        if (this.test('punct', ':')) {
          this.next();
          const length = this.test('punct', ']') ? null : this.parseExpression();
          this.expect('punct', ']');
          e = { kind: 'slice', pos: t.pos, obj: e, start, length };
        } else {
          this.expect('punct', ']');
          e = { kind: 'getattr', pos: t.pos, obj: e, attr: start!, bracket: true };
        }
      } else if (t.value === '|') {
        this.next();
        const n = this.expectName('filter name');
        const args = this.test('punct', '(') ? this.parseArguments(true) : [];
        e = { kind: 'filter', pos: n.pos, name: n.value, expr: e, args };
      } else {
        return e;
      }
    }
  }

  /** `alias.name(args)`, `alias.(expr)(args)`, or either without parentheses, on an imported template (`_self`). */
  private parseMacroCall(alias: Extract<Expr, { kind: 'name' }>): Expr {
    this.next();
    const a = this.cur;
    let name: string | Expr;
    if (this.isNameLike(a)) name = this.next().value;
    else if (a.type === 'punct' && a.value === '(') {
      this.next();
      name = this.parseExpression();
      this.expect('punct', ')');
    } else throw new TwigCompileError('syntax', `Expected a macro name after "${alias.name}.".`, a.pos);
    const args = this.test('punct', '(') ? this.parseArguments(true) : null;
    return { kind: 'macro', pos: a.pos, name, args };
  }

  /** `is [not] name [args]`: two-word tests (`same as`, `divisible by`) and one bare argument as Twig allows. */
  private parseTest(expr: Expr, negated: boolean, pos: number): Expr {
    const t = this.expectName('test name');
    let name = t.value;
    const second = TWO_WORD_TESTS[name];
    if (second && this.isNameLike() && second.includes(this.cur.value)) name += ' ' + this.next().value;
    let args: Arg[] = [];
    if (this.test('punct', '(')) args = this.parseArguments(true);
    else if (name === 'same as' || name === 'divisible by') args = [{ value: this.parseUnaryOrPrimary() }];
    // `alias is defined` after `{% from _self import name as alias %}` asks whether the macro exists.
    if (name === 'defined' && expr.kind === 'name') {
      const macro = this.imports.macroOf(expr.name);
      if (macro !== undefined) expr = { kind: 'macro', pos: expr.pos, name: macro, args: null };
    }
    return { kind: 'test', pos: t.pos ?? pos, name, expr, args, negated };
  }

  /** `(a, b, ...list, name=c, name: d)`, trailing comma allowed. */
  private parseArguments(allowNamed: boolean): Arg[] {
    this.expect('punct', '(');
    const args: Arg[] = [];
    let unpacked = false;
    while (!this.test('punct', ')')) {
      if (args.length) {
        this.expect('punct', ',', 'a comma between arguments');
        if (this.test('punct', ')')) break;
      }
      if (this.isSpread()) {
        this.next();
        this.next();
        unpacked = true;
        args.push({ value: this.parseExpression(), spread: true });
        continue;
      }
      if (unpacked && !(allowNamed && this.test('name') && (this.peek().value === '=' || this.peek().value === ':'))) {
        throw new TwigCompileError('syntax', 'Normal arguments must be placed before argument unpacking.', this.cur.pos);
      }
      if (allowNamed && this.test('name') && ((this.peek().type === 'operator' && this.peek().value === '=') || (this.peek().type === 'punct' && this.peek().value === ':'))) {
        const name = this.next().value;
        this.next();
        args.push({ name, value: this.parseExpression() });
      } else {
        args.push({ value: this.parseExpression() });
      }
    }
    this.next();
    return args;
  }
}
