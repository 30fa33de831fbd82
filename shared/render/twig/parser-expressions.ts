/**
 * Twig expressions: tokens -> expression AST. Follows Twig 3's ExpressionParser (precedence climbing
 * with Twig's operator table, postfix `.attr`, `[key]`, `[a:b]` slices, `|filter(args)`,
 * `is [not] test`, conditional `?:`, `??`, string interpolation, arrow functions, `...` unpacking).
 * The statements on top of it are in parser.ts.
 */
import type { Arg, Expr } from './ast';
import { TwigCompileError } from './errors';
import { BINARY_OPERATORS, UNARY_OPERATORS, type Token } from './lexer';
import { NAME_RE, TokenCursor } from './parser-cursor';
import { ImportScopes } from './parser-tags';

/** Tests that take one argument without parentheses (`divisible by 3`, `same as x`). */
const TWO_WORD_TESTS: Record<string, string[]> = { same: ['as'], divisible: ['by'] };

export class ExpressionParser extends TokenCursor {
  /** Which names are imported macros, by scope (see parser-tags.ts): `m.name(...)` and `name(...)` may be macro calls. */
  readonly imports = new ImportScopes();

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

  protected parsePrimary(): Expr {
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
  protected parseArguments(allowNamed: boolean): Arg[] {
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
