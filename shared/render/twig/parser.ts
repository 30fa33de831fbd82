/**
 * Twig parser: tokens -> AST. The statements (the token parsers of the tags personalisation templates
 * use) are here; expressions are in parser-expressions.ts, the tags that define and import things in
 * parser-tags.ts. Tags Twig has but this engine does not implement raise `unsupported-twig`.
 */
import type { Arg, Expr, MacroDef, Stmt, Template } from './ast';
import { TwigCompileError } from './errors';
import { ExpressionParser } from './parser-expressions';
import { parseBlock, parseFrom, parseImport, parseMacro } from './parser-tags';

/** Twig core tags that need another template: the platform renders one template per field. */
const OTHER_TEMPLATE_TAGS = new Set(['extends', 'include', 'embed', 'use']);

/** Other Twig core tags this engine does not implement. */
const UNSUPPORTED_TAGS = new Set(['sandbox', 'deprecated', 'flush', 'cache', 'guard', 'types', 'line', 'filter', 'spaceless']);

export class Parser extends ExpressionParser {
  /** Block names defined so far: a name may be defined once. */
  readonly blockNames = new Set<string>();
  private readonly macros = new Map<string, MacroDef>();

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
}
