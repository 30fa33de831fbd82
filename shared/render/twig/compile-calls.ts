/**
 * Calls in compiled templates: filters, tests and functions bound to the engine's table
 * (callable.ts: names, defaults, required parameters, `...` unpacking) and macro calls. Split from
 * compile.ts, which calls these with itself as the CallCompiler.
 */
import type { Arg, Expr } from './ast';
import type { Callable } from './callable';
import type { CExpr, E } from './compile';
import { entriesOf } from './arrays';
import { TwigRuntimeError } from './errors';
import { FILTERS, TWIG_CORE_FILTERS } from './filters';
import { CORE_FUNCTIONS, FUNCTIONS, OTHER_TEMPLATE_FUNCTIONS, TESTS, TWIG_CORE_TESTS } from './functions';
import { invokeMacro, type CompiledMacro } from './macros';
import { isArray, Markup, toStr } from './php';
import { escapeValue, type Ctx } from './runtime';

/** What the call compilers need of the compiler. */
export interface CallCompiler {
  expr(e: Expr, strategy: string | false): CExpr;
  fail(code: 'syntax' | 'unsupported-twig', message: string, pos: number): CExpr;
  defined(e: Expr, strategy: string | false): E;
  readonly infos: { message: string; pos: number }[];
  readonly macros: Map<string, CompiledMacro>;
}

const ALL = ['all'] as const;
const NONE: readonly string[] = [];

/** `m.name(args)`, `_self.name(args)` or an imported `name(args)`: the result is safe markup. */
export function compileMacroCall(cc: CallCompiler, e: Extract<Expr, { kind: 'macro' }>, strategy: string | false): CExpr {
  const macros = cc.macros;
  const nameFn: E | null = typeof e.name === 'string' ? null : cc.expr(e.name, strategy).fn;
  const staticName = typeof e.name === 'string' ? e.name : '';
  const parts = (e.args ?? []).map((a) => ({ f: cc.expr(a.value, strategy).fn, name: a.name, spread: !!a.spread }));
  const simple = parts.every((a) => a.name === undefined && !a.spread);
  const pos = e.pos;
  return {
    fn: (c) => {
      const name = nameFn ? toStr(nameFn(c)) : staticName;
      let positional: unknown[];
      let named: Map<string, unknown> | null = null;
      if (simple) positional = parts.map((a) => a.f(c));
      else {
        positional = [];
        named = new Map();
        for (const a of parts) {
          const v = a.f(c);
          if (a.spread) {
            if (!isArray(v)) throw new TwigRuntimeError('Argument unpacking ("...") only works on sequences and mappings.');
            for (const [k, x] of entriesOf(v))
              if (typeof k === 'number') positional.push(x);
              else named.set(k, x);
          } else if (a.name !== undefined) named.set(a.name, v);
          else positional.push(v);
        }
      }
      const m = macros.get(name);
      c.pos = pos;
      if (!m) throw new TwigRuntimeError(`Macro "${name}" is not defined in this template.`);
      return invokeMacro(c, m, positional, named);
    },
    safe: ALL,
  };
}

/**
 * Binds a call's arguments to the callable's parameters: positional, then named (snake_case, as
 * Twig names them), then the declared defaults. A required parameter left out is a syntax error,
 * as in Twig. With `...` unpacking the binding happens at render time. Null after a reported error.
 */
function bind(cc: CallCompiler, def: Callable, args: Arg[], strategy: string | false, what: string, pos: number): Bound | null {
  const params = def.params;
  const fixed = def.variadic ? params.length - 1 : params.length;
  if (args.some((a) => a.spread)) return { dynamic: bindAtRuntime(cc, def, args, strategy, what, pos) };
  const slots: (E | undefined)[] = [];
  const rest: E[] = [];
  let named = false;
  for (const a of args) {
    const fn = cc.expr(a.value, strategy).fn;
    if (a.name === undefined) {
      if (named) {
        cc.fail('syntax', `Positional arguments cannot be used after named arguments for ${what}.`, a.value.pos);
        return null;
      }
      if (slots.length < fixed) slots.push(fn);
      else if (def.variadic) rest.push(fn);
      else {
        cc.fail('syntax', `Too many arguments for ${what}.`, a.value.pos);
        return null;
      }
    } else {
      named = true;
      const idx = params.findIndex((p) => p.name === snake(a.name!));
      if (idx < 0 || idx >= fixed) {
        cc.fail('syntax', `Unknown argument "${a.name}" for ${what}.`, a.value.pos);
        return null;
      }
      if (slots[idx]) {
        cc.fail('syntax', `Argument "${a.name}" is defined twice for ${what}.`, a.value.pos);
        return null;
      }
      while (slots.length < idx) slots.push(undefined);
      slots[idx] = fn;
    }
  }
  const fns: E[] = [];
  for (let i = 0; i < fixed; i++) {
    const given = slots[i];
    if (given) {
      fns.push(given);
      continue;
    }
    const p = params[i]!;
    if (!('default' in p)) {
      cc.fail('syntax', `Value for argument "${p.name}" is required for ${what}.`, pos);
      return null;
    }
    const d = p.default;
    fns.push(() => d);
  }
  return { fixed: fns.concat(rest) };
}

/** `fn(1, ...list, name: x)`: positional values come from the lists at render time. */
function bindAtRuntime(cc: CallCompiler, def: Callable, args: Arg[], strategy: string | false, what: string, pos: number): (c: Ctx) => unknown[] {
  const params = def.params;
  const fixed = def.variadic ? params.length - 1 : params.length;
  const parts = args.map((a) => ({ f: cc.expr(a.value, strategy).fn, name: a.name, spread: !!a.spread }));
  return (c) => {
    const positional: unknown[] = [];
    const named = new Map<string, unknown>();
    for (const a of parts) {
      const v = a.f(c);
      if (a.spread) {
        if (!isArray(v)) throw new TwigRuntimeError('Argument unpacking ("...") only works on sequences and mappings.');
        for (const [k, x] of entriesOf(v))
          if (typeof k === 'number') positional.push(x);
          else named.set(snake(k), x);
      } else if (a.name !== undefined) named.set(snake(a.name), v);
      else positional.push(v);
    }
    const out: unknown[] = [];
    for (let i = 0; i < fixed; i++) {
      const p = params[i]!;
      if (i < positional.length) out.push(positional[i]);
      else if (named.has(p.name)) out.push(named.get(p.name));
      else if ('default' in p) out.push(p.default);
      else {
        c.pos = pos;
        throw new TwigRuntimeError(`Value for argument "${p.name}" is required for ${what}.`);
      }
    }
    for (const k of named.keys())
      if (!params.some((p, i) => p.name === k && i < fixed)) {
        c.pos = pos;
        throw new TwigRuntimeError(`Unknown argument "${k}" for ${what}.`);
      }
    // Extra positional values: the variadic parameter takes them; other callables ignore them, as PHP functions do.
    if (def.variadic) out.push(...positional.slice(fixed));
    return out;
  };
}

export function compileFilter(cc: CallCompiler, e: Extract<Expr, { kind: 'filter' }>, strategy: string | false): CExpr {
  const def = FILTERS[e.name];
  if (!def) {
    cc.expr(e.expr, strategy);
    if (TWIG_CORE_FILTERS.has(e.name)) return cc.fail('unsupported-twig', `The "${e.name}" filter is not supported by the preview engine.`, e.pos);
    return cc.fail('syntax', `Unknown "${e.name}" filter.`, e.pos);
  }
  const input = cc.expr(e.expr, strategy);
  const args = bind(cc, def, e.args, strategy, `filter "${e.name}"`, e.pos);
  if (!args) return { fn: () => undefined, safe: NONE };
  if (def.random) random(cc, `The "${e.name}" filter`, e.pos);
  let inFn = input.fn;
  // Twig pre-escapes the input of nl2br/spaceless even when autoescape is off (EscaperNodeVisitor::preEscapeFilterNode).
  if (def.preEscape && !isSafeFor(input, 'html')) {
    const raw = inFn;
    // twig_escape_filter leaves non-strings (numbers, arrays...) unchanged.
    inFn = (c) => {
      const v = raw(c);
      return typeof v === 'string' ? new Markup(escapeValue(v, 'html', true)) : v;
    };
  }
  let safe: readonly string[] = def.safe ?? NONE;
  if (e.name === 'escape' || e.name === 'e') {
    const st = e.args.find((a) => a.name === 'strategy') ?? e.args.find((a) => a.name === undefined && !a.spread);
    safe = !st ? ['html'] : st.value.kind === 'const' ? [String(st.value.value)] : NONE;
  }
  if (e.name === 'raw') return { fn: inFn, safe: ALL };
  const f = def.fn;
  // Fixed arities get closures of their own: the render loop allocates no argument arrays.
  if ('dynamic' in args) {
    const d = args.dynamic;
    return { fn: (c) => f(c, inFn(c), ...d(c)), safe };
  }
  const a = args.fixed;
  switch (a.length) {
    case 0:
      return { fn: (c) => f(c, inFn(c)), safe };
    case 1: {
      const a0 = a[0]!;
      return { fn: (c) => f(c, inFn(c), a0(c)), safe };
    }
    case 2: {
      const a0 = a[0]!,
        a1 = a[1]!;
      return { fn: (c) => f(c, inFn(c), a0(c), a1(c)), safe };
    }
    case 3: {
      const a0 = a[0]!,
        a1 = a[1]!,
        a2 = a[2]!;
      return { fn: (c) => f(c, inFn(c), a0(c), a1(c), a2(c)), safe };
    }
    default:
      return { fn: (c) => f(c, inFn(c), ...a.map((x) => x(c))), safe };
  }
}

export function compileTest(cc: CallCompiler, e: Extract<Expr, { kind: 'test' }>, strategy: string | false): CExpr {
  const neg = e.negated;
  if (e.name === 'defined') {
    const d = cc.defined(e.expr, strategy);
    return { fn: neg ? (c) => !d(c) : d, safe: NONE };
  }
  const def = TESTS[e.name];
  if (!def) {
    cc.expr(e.expr, strategy);
    if (TWIG_CORE_TESTS.has(e.name)) return cc.fail('unsupported-twig', `The "${e.name}" test is not supported by the preview engine.`, e.pos);
    return cc.fail('syntax', `Unknown "${e.name}" test.`, e.pos);
  }
  const v = cc.expr(e.expr, strategy).fn;
  const args = bind(cc, def, e.args, strategy, `test "${e.name}"`, e.pos);
  if (!args) return { fn: () => false, safe: NONE };
  const f = def.fn;
  let t: E;
  if ('fixed' in args && args.fixed.length <= 1) {
    const a0 = args.fixed[0];
    t = a0 ? (c) => f(c, v(c), a0(c)) : (c) => f(c, v(c));
  } else {
    const all = argsOf(args);
    t = (c) => f(c, v(c), ...all(c));
  }
  return { fn: neg ? (c) => !t(c) : (c) => !!t(c), safe: NONE };
}

export function compileCall(cc: CallCompiler, e: Extract<Expr, { kind: 'call' }>, strategy: string | false): CExpr {
  const def = FUNCTIONS[e.name];
  if (!def) {
    e.args.forEach((a) => cc.expr(a.value, strategy));
    if (OTHER_TEMPLATE_FUNCTIONS.has(e.name)) return cc.fail('unsupported-twig', `The "${e.name}" function needs another template: the platform renders one template per field, so there is none to ${e.name === 'parent' ? 'take the parent block from' : 'read'}.`, e.pos);
    if (e.name === 'constant') return cc.fail('unsupported-twig', 'The "constant" function reads PHP constants of the platform, which the preview engine cannot know.', e.pos);
    if (CORE_FUNCTIONS.has(e.name)) return cc.fail('unsupported-twig', `The "${e.name}" function is not supported by the preview engine.`, e.pos);
    return cc.fail('syntax', `Unknown "${e.name}" function.`, e.pos);
  }
  if (e.name === 'block' && (e.args.length > 1 || e.args.some((a) => a.name === 'template' || a.spread))) return cc.fail('unsupported-twig', BLOCK_FROM_TEMPLATE, e.pos);
  const args = bind(cc, def, e.args, strategy, `function "${e.name}"`, e.pos);
  if (!args) return { fn: () => undefined, safe: NONE };
  if (def.random) random(cc, `The "${e.name}" function`, e.pos);
  const f = def.fn;
  const pos = e.pos;
  const all = argsOf(args);
  // Functions take no piped input. block() sets the position so that an unknown block is located at the call.
  if (e.name === 'block')
    return {
      fn: (c) => {
        c.pos = pos;
        return f(c, ...all(c));
      },
      safe: def.safe ?? NONE,
    };
  return { fn: (c) => f(c, ...all(c)), safe: def.safe ?? NONE };
}

function random(cc: CallCompiler, what: string, pos: number): void {
  cc.infos.push({ message: `${what} picks at random when the platform sends: the preview shows one possible result (the same one for a user every time), not necessarily the one that will be sent.`, pos });
}

/** Bound arguments: closures per parameter, or (with `...` unpacking) a list made at render time. */
type Bound = { fixed: E[] } | { dynamic: (c: Ctx) => unknown[] };

function argsOf(b: Bound): (c: Ctx) => unknown[] {
  if ('dynamic' in b) return b.dynamic;
  const fs = b.fixed;
  return fs.length === 0 ? () => [] : (c) => fs.map((f) => f(c));
}

export const BLOCK_FROM_TEMPLATE = 'block() with a template name needs another template: the platform renders one template per field, so there is none to read a block from.';

/** Twig matches named arguments in snake_case (`preserveKeys` is `preserve_keys`). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (m) => '_' + m.toLowerCase());
}

/** Whether an expression's result is already safe for an escaping strategy. */
export function isSafeFor(e: CExpr, strategy: string): boolean {
  const s = e.safe;
  return s.includes('all') || s.includes(strategy) || (strategy === 'html' && s.includes('html_attr'));
}
