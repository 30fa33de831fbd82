/**
 * The tags that define and import things inside one template: `block`, `macro`, `import` and `from`
 * (Twig's BlockTokenParser, MacroTokenParser, ImportTokenParser, FromTokenParser), and the import
 * scopes that decide, while parsing, which `m.name(...)` and `name(...)` are macro calls.
 *
 * Only `_self` can be imported from: the platform renders one template per field, so there is no
 * other template to take macros from.
 */
import type { Expr, MacroDef, MacroParam, Stmt } from './ast';
import { TwigCompileError } from './errors';
import type { Parser } from './parser';

const RESERVED = new Set(['true', 'false', 'null', 'none']);

/**
 * Imported names, by scope. Like Twig's parser, a name is looked up in the current scope (a block or
 * macro body) and then in the template's root scope.
 */
export class ImportScopes {
  private readonly scopes: { templates: Set<string>; functions: Map<string, string> }[] = [{ templates: new Set(), functions: new Map() }];
  push(): void {
    this.scopes.push({ templates: new Set(), functions: new Map() });
  }
  pop(): void {
    this.scopes.pop();
  }
  private get current() {
    return this.scopes[this.scopes.length - 1]!;
  }
  private get root() {
    return this.scopes[0]!;
  }
  /** `alias.name(...)` calls a macro: `_self`, or an `{% import _self as alias %}` in scope. */
  isTemplate(alias: string): boolean {
    return alias === '_self' || this.current.templates.has(alias) || this.root.templates.has(alias);
  }
  /** The macro that `alias(...)` calls after `{% from _self import name as alias %}`, if any. */
  macroOf(alias: string): string | undefined {
    return this.current.functions.get(alias) ?? this.root.functions.get(alias);
  }
  addTemplate(alias: string): void {
    this.current.templates.add(alias);
  }
  addFunction(alias: string, macro: string): void {
    this.current.functions.set(alias, macro);
  }
}

function assignable(p: Parser, what: string): { value: string; pos: number } {
  const t = p.expectName(what);
  if (RESERVED.has(t.value.toLowerCase())) throw new TwigCompileError('syntax', `You cannot assign a value to "${t.value}".`, t.pos);
  return t;
}

/** `{% import _self as alias %}` (the "import" name is already consumed). */
export function parseImport(p: Parser, pos: number): void {
  requireSelf(p, 'import', pos);
  p.expect('name', 'as');
  p.imports.addTemplate(assignable(p, 'alias').value);
  p.expect('block_end');
}

/** `{% from _self import a, b as c %}`. */
export function parseFrom(p: Parser, pos: number): void {
  requireSelf(p, 'from', pos);
  p.expect('name', 'import');
  for (;;) {
    const name = p.expectName('macro name').value;
    let alias = name;
    if (p.test('name', 'as')) {
      p.next();
      alias = assignable(p, 'alias').value;
    } else if (RESERVED.has(name.toLowerCase())) throw new TwigCompileError('syntax', `You cannot assign a value to "${name}".`, pos);
    p.imports.addFunction(alias, name);
    if (!p.test('punct', ',')) break;
    p.next();
  }
  p.expect('block_end');
}

/** The template to import from: `_self` only (the error points at the tag). */
function requireSelf(p: Parser, tag: string, pos: number): void {
  const t = p.cur;
  if (t.type === 'name' && t.value === '_self' && p.peek().type === 'name') {
    p.next();
    return;
  }
  throw new TwigCompileError('unsupported-twig', `The "${tag}" tag can only take macros from _self: the platform renders one template per field, so there is no other template to import from.`, pos);
}

/** `{% block name %}…{% endblock [name] %}` or the short form `{% block name expr %}`. */
export function parseBlock(p: Parser, pos: number): Stmt {
  const t = p.expectName('block name');
  const name = t.value;
  if (p.blockNames.has(name)) throw new TwigCompileError('syntax', `The block "${name}" has already been defined.`, t.pos);
  p.blockNames.add(name);
  p.imports.push();
  let body: Stmt[];
  if (p.test('block_end')) {
    p.next();
    body = p.subparse(['endblock']);
    p.next();
    if (!p.test('block_end')) {
      const end = p.expectName('block name');
      if (end.value !== name) throw new TwigCompileError('syntax', `Expected endblock for block "${name}" (but "${end.value}" given).`, end.pos);
    }
  } else {
    const expr = p.parseExpression();
    body = [{ kind: 'print', pos: expr.pos, expr }];
  }
  p.expect('block_end');
  p.imports.pop();
  return { kind: 'block', pos, name, body };
}

/** `{% macro name(a, b = 'default', ...rest) %}…{% endmacro [name] %}`: recorded in the parser, no statement. */
export function parseMacro(p: Parser, pos: number): MacroDef {
  const t = p.expectName('macro name');
  const name = t.value;
  if (name === 'parent') throw new TwigCompileError('syntax', '"parent" cannot be used as a macro name as it is a reserved keyword.', t.pos);
  const params: MacroParam[] = [];
  let variadic: string | null = null;
  p.expect('punct', '(');
  while (!p.test('punct', ')')) {
    if (params.length || variadic) {
      p.expect('punct', ',', 'a comma between arguments');
      if (p.test('punct', ')')) break;
    }
    if (p.isSpread()) {
      p.next();
      p.next();
      const v = assignable(p, 'argument name');
      if (params.some((x) => x.name === v.value)) throw new TwigCompileError('syntax', `The variadic argument "${v.value}" in macro "${name}" cannot have the same name as another argument.`, v.pos);
      if (p.test('operator', '=')) throw new TwigCompileError('syntax', `The variadic argument "${v.value}" in macro "${name}" cannot have a default value.`, v.pos);
      if (!p.test('punct', ')') && !(p.test('punct', ',') && p.peek().type === 'punct' && p.peek().value === ')')) {
        throw new TwigCompileError('syntax', `The variadic argument "${v.value}" in macro "${name}" must be the last one.`, v.pos);
      }
      variadic = v.value;
      continue;
    }
    const a = assignable(p, 'argument name');
    if (a.value === 'varargs') {
      throw new TwigCompileError('syntax', `The argument "varargs" in macro "${name}" cannot be defined because the variable "varargs" is reserved for arbitrary arguments.`, a.pos);
    }
    if (params.some((x) => x.name === a.value)) throw new TwigCompileError('syntax', `Argument "${a.value}" is defined twice for macro "${name}".`, a.pos);
    let def: Expr | null = null;
    if (p.test('operator', '=')) {
      p.next();
      def = p.parseUnaryOrPrimary();
      if (!isConstant(def)) throw new TwigCompileError('syntax', 'A default value for an argument must be a constant (a boolean, a string, a number, or an array).', def.pos);
    }
    params.push({ name: a.value, pos: a.pos, default: def });
  }
  p.next();
  p.expect('block_end');
  p.imports.push();
  const body = p.subparse(['endmacro']);
  p.next();
  if (!p.test('block_end')) {
    const end = p.expectName('macro name');
    if (end.value !== name) throw new TwigCompileError('syntax', `Expected endmacro for macro "${name}" (but "${end.value}" given).`, end.pos);
  }
  p.expect('block_end');
  p.imports.pop();
  return { name, pos, params, variadic, body };
}

/** Twig's checkConstantExpression: literals, and lists/hashes of them, possibly negated. */
function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'const':
      return true;
    case 'unary':
      return e.op !== 'not' && isConstant(e.expr);
    case 'array':
      return e.items.every((i) => !i.spread && isConstant(i.value));
    case 'hash':
      return e.pairs.every((x) => !x.spread && isConstant(x.key) && isConstant(x.value));
    default:
      return false;
  }
}
