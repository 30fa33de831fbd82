/**
 * AST -> closure tree. Each expression becomes `(ctx) => value` and each statement `(ctx) => void`
 * appending to `ctx.out`; the tree is built once per template, so rendering does no parsing, no
 * lookups by tag name and no `eval`. Alongside, the compiler:
 *  - runs Twig's escaper analysis statically (which printed expressions are "safe" for the current
 *    autoescape strategy: literals, `raw`, `escape`, `nl2br`...), and
 *  - collects the free variables the template reads from its context (`references`), following
 *    Twig's scoping: `set` at top level persists, `for` bodies keep only writes to variables that
 *    existed before the loop, `with` restores everything, blocks and macros get scopes of their own.
 * Blocks and macros are compiled once each, like the rest, into the template's block and macro tables.
 * Each piece of static template text gets a number (`texts`), and appends it with its offset to
 * `ctx.trace` when the caller asked for one (the email checks' trace, see runtime.ts).
 * Over 400 lines: one compiler class over Twig's statement and expression kinds; the calls, filters
 * and tests are already out in compile-calls.ts.
 */
import type { Expr, MacroDef, Stmt, Template } from './ast';
import { ArrayBuilder, arrayKey, entriesOf, valuesOf } from './arrays';
import { displayBlock } from './blocks';
import { BLOCK_FROM_TEMPLATE, compileCall, compileFilter, compileMacroCall, compileTest, isSafeFor, type CallCompiler } from './compile-calls';
import { TwigCompileError, TwigRuntimeError } from './errors';
import type { CompiledMacro } from './macros';
import { add, compare, div, neg, floorDiv, getAttr, hasAttr, isArray, keysOf, looseEquals, Markup, mod, mul, pow, sub, toNumber, toStr, truthy } from './php';
import { inOp, matchesOp, phpRange, sliceValue } from './values';
import { escapeValue, type Ctx } from './runtime';

export type E = (c: Ctx) => unknown;
export type S = (c: Ctx) => void;
export interface CExpr {
  fn: E;
  /** Escaping strategies this expression's result is already safe for ('all' = any). */
  safe: readonly string[];
  /** For conditional expressions (`?:`, `a ? b`, `??`): the parts, so a print can escape each branch on its own like Twig. */
  cond?: { test: (c: Ctx) => boolean; then: CExpr; else: CExpr };
}

const hasOwn = Object.prototype.hasOwnProperty;
const ALL = ['all'] as const;
const NONE: readonly string[] = [];

/** Static scope used to tell free variables from locals. */
interface Scope {
  names: Set<string>;
  parent: Scope | null;
  /** `with ... only`: names not defined here cannot come from the caller's context. */
  isolated: boolean;
}

export interface CompileOutput {
  root: S;
  references: string[];
  errors: TwigCompileError[];
  /** Located notes that do not stop rendering (random picks happen on the platform at send time). */
  infos: { message: string; pos: number }[];
  /** The template's blocks by name, for block('name'). */
  blocks: Map<string, S>;
  /** The static text pieces, by the number a trace records them with. */
  texts: string[];
}

/**
 * Compiles a parsed template. Compile errors for unknown or unsupported filters/tests/functions are
 * collected, not thrown. `globals` are visible everywhere, also in macros and under `with ... only`.
 */
export function compileAst(template: Template, autoescape: boolean, globals: Record<string, unknown> = {}): CompileOutput {
  const strategy = autoescape ? 'html' : false;
  const c = new Compiler(template, globals);
  const root = c.block(template.body, strategy);
  // Macros use the template's default strategy wherever they are defined (Twig compiles them as methods).
  for (const def of template.macros.values()) c.macro(def, strategy);
  return { root, references: c.references, errors: c.errors, infos: c.infos, blocks: c.blocks, texts: c.texts };
}

function collectAssigned(stmts: Stmt[], out: Set<string>, flags: { dynamicWith: boolean }): void {
  for (const s of stmts) {
    switch (s.kind) {
      case 'set':
        s.names.forEach((n) => out.add(n));
        break;
      case 'setcapture':
        out.add(s.name);
        collectAssigned(s.body, out, flags);
        break;
      case 'for':
        out.add(s.valueVar);
        out.add('loop');
        if (s.keyVar) out.add(s.keyVar);
        collectAssigned(s.body, out, flags);
        if (s.else) collectAssigned(s.else, out, flags);
        break;
      case 'if':
        s.branches.forEach((b) => collectAssigned(b.body, out, flags));
        if (s.else) collectAssigned(s.else, out, flags);
        break;
      case 'with':
        flags.dynamicWith = true;
        collectAssigned(s.body, out, flags);
        break;
      case 'apply':
      case 'autoescape':
      case 'block':
        collectAssigned(s.body, out, flags);
        break;
      default:
        break;
    }
  }
}

/** Names Twig gives a meaning of its own. */
const SPECIAL_NAMES = new Set(['_self', '_context', '_charset']);

class Compiler implements CallCompiler {
  readonly references: string[] = [];
  private readonly refSet = new Set<string>();
  readonly errors: TwigCompileError[] = [];
  readonly infos: { message: string; pos: number }[] = [];
  readonly blocks = new Map<string, S>();
  readonly macros = new Map<string, CompiledMacro>();
  readonly texts: string[] = [];
  private scope: Scope = { names: new Set(), parent: null, isolated: false };
  /** Names that may be locals somewhere; the others are read straight from the caller's variables. */
  private readonly assigned = new Set<string>();
  private readonly dynamicWith: boolean;

  constructor(
    template: Template,
    private readonly globals: Record<string, unknown>,
  ) {
    const flags = { dynamicWith: false };
    collectAssigned(template.body, this.assigned, flags);
    for (const m of template.macros.values()) {
      for (const p of m.params) this.assigned.add(p.name);
      this.assigned.add(m.variadic ?? 'varargs');
      collectAssigned(m.body, this.assigned, flags);
    }
    this.dynamicWith = flags.dynamicWith;
  }

  /** Compiles a macro definition into the macro table: its body sees only its parameters (and globals). */
  macro(def: MacroDef, strategy: string | false): void {
    const defaults = def.params.map((p) => (p.default ? this.expr(p.default, strategy).fn : null));
    this.push(true);
    for (const p of def.params) this.define(p.name);
    this.define(def.variadic ?? 'varargs');
    const body = this.block(def.body, strategy);
    this.pop();
    this.macros.set(def.name, { name: def.name, params: def.params.map((p) => p.name), defaults, variadic: def.variadic, body });
  }

  fail(code: 'syntax' | 'unsupported-twig', message: string, pos: number): CExpr {
    this.errors.push(new TwigCompileError(code, message, pos));
    return { fn: () => undefined, safe: NONE };
  }

  private push(isolated = false): void {
    this.scope = { names: new Set(), parent: this.scope, isolated };
  }
  private pop(): void {
    this.scope = this.scope.parent!;
  }
  private define(name: string): void {
    this.scope.names.add(name);
  }
  /** Records `name` as a free variable unless a local of an enclosing scope defines it. */
  private reference(name: string): void {
    for (let s: Scope | null = this.scope; s; s = s.parent) {
      if (s.names.has(name)) return;
      if (s.isolated) return;
    }
    if (!this.refSet.has(name)) {
      this.refSet.add(name);
      this.references.push(name);
    }
  }

  // ---------------------------------------------------------------- statements

  block(stmts: Stmt[], strategy: string | false): S {
    const fns: S[] = [];
    let text = '';
    const flush = () => {
      if (text) {
        fns.push(this.text(text));
        text = '';
      }
    };
    for (const s of stmts) {
      if (s.kind === 'text') {
        text += s.text;
        continue;
      }
      flush();
      fns.push(this.stmt(s, strategy));
    }
    flush();
    if (fns.length === 0) return () => {};
    if (fns.length === 1) return fns[0]!;
    if (fns.length === 2) {
      const [a, b] = fns as [S, S];
      return (c) => {
        a(c);
        b(c);
      };
    }
    return (c) => {
      for (let i = 0; i < fns.length; i++) fns[i]!(c);
    };
  }

  /** Appends a static text (numbered for the trace: its number, then the offset it starts at). */
  private text(t: string): S {
    const id = this.texts.push(t) - 1;
    return (c) => {
      const tr = c.trace;
      if (tr !== null) {
        tr.entries.push(id, c.out.length);
        tr.gaps.push(tr.gap);
        tr.gap = '';
      }
      c.out += t;
    };
  }

  private stmt(s: Stmt, strategy: string | false): S {
    switch (s.kind) {
      case 'text':
        return this.text(s.text);
      case 'print':
        return this.print(this.expr(s.expr, strategy), strategy, s.pos);
      case 'do': {
        const e = this.expr(s.expr, strategy).fn;
        const pos = s.pos;
        return (c) => {
          c.pos = pos;
          e(c);
        };
      }
      case 'if': {
        const branches = s.branches.map((b) => {
          const test = this.expr(b.test, strategy).fn;
          this.push();
          const body = this.block(b.body, strategy);
          this.pop();
          return { test, body };
        });
        this.push();
        const els = s.else ? this.block(s.else, strategy) : null;
        this.pop();
        const pos = s.pos;
        if (branches.length === 1) {
          const { test, body } = branches[0]!;
          return (c) => {
            c.pos = pos;
            if (truthy(test(c))) body(c);
            else if (els) els(c);
          };
        }
        return (c) => {
          c.pos = pos;
          for (let i = 0; i < branches.length; i++) {
            const b = branches[i]!;
            if (truthy(b.test(c))) {
              b.body(c);
              return;
            }
          }
          if (els) els(c);
        };
      }
      case 'set': {
        const values = s.values.map((v) => this.expr(v, strategy).fn);
        s.names.forEach((n) => this.define(n));
        const pos = s.pos;
        if (values.length === 1) {
          const name = s.names[0]!;
          const v = values[0]!;
          return (c) => {
            c.pos = pos;
            c.locals[name] = v(c);
          };
        }
        const names = s.names;
        return (c) => {
          c.pos = pos;
          const vals = values.map((v) => v(c));
          names.forEach((n, i) => {
            c.locals[n] = vals[i];
          });
        };
      }
      case 'setcapture': {
        const body = this.block(s.body, strategy);
        this.define(s.name);
        const name = s.name;
        return (c) => {
          const saved = c.out;
          const trace = c.trace;
          c.out = '';
          c.trace = null;
          body(c);
          const captured = c.out;
          c.out = saved;
          c.trace = trace;
          c.locals[name] = captured === '' ? '' : new Markup(captured);
        };
      }
      case 'for':
        return this.forLoop(s, strategy);
      case 'with': {
        const expr: E | null = s.expr ? this.expr(s.expr, strategy).fn : null;
        this.push(s.only);
        if (s.expr) {
          // Keys of a literal hash are locals inside; with any other expression, names read inside stay references.
          if (s.expr.kind === 'hash') for (const p of s.expr.pairs) if (p.key.kind === 'const') this.define(String(arrayKey(p.key.value)));
        }
        const body = this.block(s.body, strategy);
        this.pop();
        const only = s.only;
        const pos = s.pos;
        return (c) => {
          c.pos = pos;
          const savedLocals = c.locals;
          const savedVars = c.vars;
          const v = expr ? expr(c) : undefined;
          if (v !== undefined && v !== null && !isArray(v)) throw new TwigRuntimeError('Variables passed to the "with" tag must be a mapping.');
          let inner: Record<string, unknown>;
          if (only) {
            inner = Object.create(null) as Record<string, unknown>;
            c.vars = {};
          } else inner = Object.create(savedLocals) as Record<string, unknown>;
          if (v) for (const [k, x] of entriesOf(v as unknown[])) inner[String(k)] = x;
          c.locals = inner;
          try {
            body(c);
          } finally {
            c.locals = savedLocals;
            c.vars = savedVars;
          }
        };
      }
      case 'apply': {
        const body = this.block(s.body, strategy);
        let e: Expr = { kind: 'tmp', pos: s.pos };
        for (const f of s.filters) e = { kind: 'filter', pos: f.pos, name: f.name, expr: e, args: f.args };
        const filtered = this.print(this.expr(e, strategy), strategy, s.pos);
        return (c) => {
          const saved = c.out;
          const savedTmp = c.tmp;
          const trace = c.trace;
          c.out = '';
          c.trace = null;
          body(c);
          c.tmp = c.out === '' ? '' : new Markup(c.out);
          c.out = saved;
          c.trace = trace;
          filtered(c);
          c.tmp = savedTmp;
        };
      }
      case 'autoescape':
        return this.block(s.body, s.strategy);
      case 'block': {
        // Compiled where it is defined, so it escapes with the strategy in force there (as Twig's escaper does).
        this.push();
        const body = this.block(s.body, strategy);
        this.pop();
        this.blocks.set(s.name, body);
        const { name, pos } = s;
        return (c) => {
          c.pos = pos;
          displayBlock(c, body, name);
        };
      }
    }
  }

  private print(e: CExpr, strategy: string | false, pos: number): S {
    const fn = e.fn;
    if (strategy && e.cond && isSafeFor(e.cond.then, strategy) !== isSafeFor(e.cond.else, strategy)) {
      // Twig's EscaperNodeVisitor turns `echo a ? b : c` into `a ? echo b : echo c` when only one branch is safe.
      const { test } = e.cond;
      const a = this.print(e.cond.then, strategy, pos);
      const b = this.print(e.cond.else, strategy, pos);
      return (c) => {
        c.pos = pos;
        if (test(c)) a(c);
        else b(c);
      };
    }
    // A printed value is dynamic output: a trace keeps it as a string of its own too (RenderTrace.gaps).
    if (!strategy || isSafeFor(e, strategy)) {
      return (c) => {
        c.pos = pos;
        const v = toStr(fn(c));
        if (c.trace !== null) c.trace.gap += v;
        c.out += v;
      };
    }
    if (strategy === 'html') {
      return (c) => {
        c.pos = pos;
        const v = escapeValue(fn(c), 'html', true);
        if (c.trace !== null) c.trace.gap += v;
        c.out += v;
      };
    }
    const st = strategy;
    return (c) => {
      c.pos = pos;
      const v = escapeValue(fn(c), st, true);
      if (c.trace !== null) c.trace.gap += v;
      c.out += v;
    };
  }

  private forLoop(s: Extract<Stmt, { kind: 'for' }>, strategy: string | false): S {
    const seq = this.expr(s.seq, strategy).fn;
    this.push();
    this.define(s.valueVar);
    this.define('loop');
    if (s.keyVar) this.define(s.keyVar);
    const body = this.block(s.body, strategy);
    const els = s.else ? this.block(s.else, strategy) : null;
    this.pop();
    const { valueVar, keyVar, pos } = s;
    return (c) => {
      c.pos = pos;
      const items = seq(c);
      const parent = c.locals;
      // The loop's scope is a copy of the enclosing locals, not Object.create(parent): V8 turns an
      // object into a prototype at a cost larger than a short loop itself, and a render does it anew
      // every time (it was half the time of rendering the benchmark's email).
      const inner = Object.create(null) as Record<string, unknown>;
      for (const k in parent) inner[k] = parent[k];
      c.locals = inner;
      let iterated = false;
      if (isArray(items)) {
        const list = Array.isArray(items);
        const keys = list ? null : keysOf(items);
        const values = list ? items : valuesOf(items);
        const n = values.length;
        if (n > 0) {
          iterated = true;
          const loop = { parent, index0: 0, index: 1, revindex0: n - 1, revindex: n, first: true, last: n === 1, length: n };
          inner.loop = loop;
          for (let i = 0; i < n; i++) {
            loop.index0 = i;
            loop.index = i + 1;
            loop.revindex0 = n - i - 1;
            loop.revindex = n - i;
            loop.first = i === 0;
            loop.last = i === n - 1;
            if (keyVar !== null) inner[keyVar] = keys ? keys[i] : i;
            inner[valueVar] = values[i];
            body(c);
          }
        }
      }
      if (!iterated && els) els(c);
      c.locals = parent;
      // Twig restores the context after a loop but keeps new values of variables that existed before it.
      for (const k in inner) {
        if (k === valueVar || k === keyVar || k === 'loop') continue;
        if (k in parent ? inner[k] !== parent[k] : hasOwn.call(c.vars, k)) parent[k] = inner[k];
      }
    };
  }

  // ---------------------------------------------------------------- expressions

  expr(e: Expr, strategy: string | false): CExpr {
    switch (e.kind) {
      case 'const': {
        const v = e.value;
        return { fn: () => v, safe: ALL };
      }
      case 'name':
        return this.name(e);
      case 'array': {
        const items = e.items.map((i) => ({ f: this.expr(i.value, strategy).fn, spread: !!i.spread }));
        if (!items.some((i) => i.spread)) {
          const fs = items.map((i) => i.f);
          return { fn: (c) => fs.map((f) => f(c)), safe: NONE };
        }
        return {
          fn: (c) => {
            // PHP 8.1 `[...$a]`: integer keys are renumbered, string keys kept.
            const out = new ArrayBuilder();
            for (const i of items) {
              const v = i.f(c);
              if (i.spread) out.spread(v);
              else out.push(v);
            }
            return out.finish();
          },
          safe: NONE,
        };
      }
      case 'hash': {
        const pairs = e.pairs.map((p) => ({ k: this.expr(p.key, strategy).fn, v: this.expr(p.value, strategy).fn, spread: !!p.spread }));
        const names = e.pairs.map((p) => (p.key.kind === 'const' && !p.spread ? arrayKey(p.key.value) : null));
        if (pairs.length && names.every((k) => typeof k === 'string') && new Set(names).size === names.length) {
          // Distinct string keys only: a plain object lists them in insertion order too, and is cheaper to build.
          const ks = names as string[];
          const vs = pairs.map((p) => p.v);
          return {
            fn: (c) => {
              const o: Record<string, unknown> = {};
              for (let i = 0; i < ks.length; i++) o[ks[i]!] = vs[i]!(c);
              return o;
            },
            safe: NONE,
          };
        }
        return {
          fn: (c) => {
            // A PHP array literal: keys keep their insertion order, integer and string alike.
            const out = new ArrayBuilder();
            for (const p of pairs) {
              if (p.spread) out.spread(p.v(c));
              else out.set(arrayKey(p.k(c)), p.v(c));
            }
            return out.finish();
          },
          safe: NONE,
        };
      }
      case 'getattr': {
        const obj = this.expr(e.obj, strategy).fn;
        if (e.attr.kind === 'const') {
          const key = e.attr.value;
          return { fn: (c) => getAttr(obj(c), key), safe: NONE };
        }
        const attr = this.expr(e.attr, strategy).fn;
        return { fn: (c) => getAttr(obj(c), attr(c)), safe: NONE };
      }
      case 'slice': {
        const obj = this.expr(e.obj, strategy).fn;
        const start = e.start ? this.expr(e.start, strategy).fn : () => 0;
        const length = e.length ? this.expr(e.length, strategy).fn : () => null;
        return { fn: (c) => sliceValue(obj(c), start(c), length(c), false), safe: NONE };
      }
      case 'unary': {
        const x = this.expr(e.expr, strategy).fn;
        if (e.op === 'not') return { fn: (c) => !truthy(x(c)), safe: NONE };
        if (e.op === '-') return { fn: (c) => neg(x(c)), safe: NONE };
        return { fn: (c) => toNumber(x(c), '*'), safe: NONE };
      }
      case 'binary':
        return this.binary(e, strategy);
      case 'cond': {
        const test = this.expr(e.test, strategy);
        const then = e.then ? this.expr(e.then, strategy) : test;
        const els = e.else ? this.expr(e.else, strategy) : { fn: () => '', safe: ALL };
        const t = test.fn,
          a = then.fn,
          b = els.fn;
        const safe = intersect(then.safe, els.safe);
        const cond = { test: (c: Ctx) => truthy(t(c)), then, else: els };
        if (!e.then)
          return {
            fn: (c) => {
              const v = t(c);
              return truthy(v) ? v : b(c);
            },
            safe,
            cond,
          };
        return { fn: (c) => (truthy(t(c)) ? a(c) : b(c)), safe, cond };
      }
      case 'interp': {
        const parts = e.parts.map((p) => this.expr(p, strategy).fn);
        return {
          fn: (c) => {
            let s = '';
            for (const p of parts) s += toStr(p(c));
            return s;
          },
          safe: NONE,
        };
      }
      case 'filter':
        return compileFilter(this, e, strategy);
      case 'test':
        return compileTest(this, e, strategy);
      case 'call':
        return compileCall(this, e, strategy);
      case 'arrow': {
        this.push();
        e.params.forEach((p) => this.define(p));
        const body = this.expr(e.body, strategy).fn;
        this.pop();
        const params = e.params;
        return {
          fn:
            (c) =>
            (...args: unknown[]) => {
              const saved = c.locals;
              // A copy rather than Object.create(saved), as for loops (see forLoop): called per element.
              const inner = Object.create(null) as Record<string, unknown>;
              for (const k in saved) inner[k] = saved[k];
              params.forEach((p, i) => {
                inner[p] = args[i];
              });
              c.locals = inner;
              try {
                return body(c);
              } finally {
                c.locals = saved;
              }
            },
          safe: NONE,
        };
      }
      case 'tmp':
        return { fn: (c) => c.tmp, safe: NONE };
      case 'macro':
        return compileMacroCall(this, e, strategy);
    }
  }

  private isLocal(name: string): boolean {
    for (let s: Scope | null = this.scope; s; s = s.parent) if (s.names.has(name)) return true;
    return false;
  }

  /** A variable, a global, or one of Twig's special names. */
  private name(e: Extract<Expr, { kind: 'name' }>): CExpr {
    const name = e.name;
    if (SPECIAL_NAMES.has(name) && !this.isLocal(name)) {
      if (name === '_charset') return { fn: () => 'UTF-8', safe: NONE };
      if (name === '_context') return { fn: this.contextArray(), safe: NONE };
      return this.fail('unsupported-twig', '"_self" is the name the platform gives the template, which the preview cannot know; it does work to call this template\'s macros (_self.name()).', e.pos);
    }
    return { fn: this.nameLookup(name), safe: NONE };
  }

  private nameLookup(name: string): E {
    if (hasOwn.call(this.globals, name)) {
      // Globals come after the variables, as Twig's mergeGlobals does, and stay visible in macros and `with ... only`.
      const g = this.globals[name];
      return (c) => {
        const l = c.locals;
        if (name in l) return l[name];
        const v = c.vars;
        return hasOwn.call(v, name) ? v[name] : g;
      };
    }
    this.reference(name);
    if (!this.dynamicWith && !this.assigned.has(name) && !this.isLocal(name)) {
      return (c) => {
        const v = c.vars;
        return hasOwn.call(v, name) ? v[name] : undefined;
      };
    }
    return (c) => {
      const l = c.locals;
      if (name in l) return l[name];
      const v = c.vars;
      return hasOwn.call(v, name) ? v[name] : undefined;
    };
  }

  /** `_context`: every variable in scope, then the globals. */
  private contextArray(): E {
    const globals = this.globals;
    return (c) => {
      const out = new ArrayBuilder();
      for (const k of Object.keys(c.vars)) out.set(arrayKey(k), c.vars[k]);
      for (const k in c.locals) out.set(arrayKey(k), c.locals[k]);
      for (const k of Object.keys(globals)) if (!(k in c.locals) && !hasOwn.call(c.vars, k)) out.set(arrayKey(k), globals[k]);
      return out.finish();
    };
  }

  /** Compiles `x is defined` for names, attribute chains, macros, blocks and attribute() (missing, not null, is "not defined"). */
  defined(e: Expr, strategy: string | false): E {
    if (e.kind === 'name') {
      const name = e.name;
      if (hasOwn.call(this.globals, name) || (SPECIAL_NAMES.has(name) && name !== '_self')) return () => true;
      this.reference(name);
      return (c) => name in c.locals || hasOwn.call(c.vars, name);
    }
    if (e.kind === 'getattr') {
      const objDefined = this.defined(e.obj, strategy);
      const obj = this.expr(e.obj, strategy).fn;
      const attr = this.expr(e.attr, strategy).fn;
      return (c) => objDefined(c) && hasAttr(obj(c), attr(c));
    }
    if (e.kind === 'macro') {
      // Asks whether the macro exists; it is not called.
      const macros = this.macros;
      if (typeof e.name === 'string') {
        const n = e.name;
        return () => macros.has(n);
      }
      const name = this.expr(e.name, strategy).fn;
      return (c) => macros.has(toStr(name(c)));
    }
    if (e.kind === 'call' && (e.name === 'attribute' || e.name === 'block') && e.args.length >= 1 && !e.args.some((a) => a.spread)) {
      const arg = (n: string, i: number) => e.args.find((a) => a.name === n) ?? e.args.filter((a) => a.name === undefined)[i];
      if (e.name === 'block') {
        if (arg('template', 1)) {
          this.fail('unsupported-twig', BLOCK_FROM_TEMPLATE, e.pos);
          return () => false;
        }
        const name = this.expr(arg('name', 0)!.value, strategy).fn;
        return (c) => c.blocks.has(toStr(name(c)));
      }
      const variable = arg('variable', 0);
      const attribute = arg('attribute', 1);
      if (variable && attribute) return this.defined({ kind: 'getattr', pos: e.pos, obj: variable.value, attr: attribute.value, bracket: false }, strategy);
    }
    if (e.kind === 'const' || e.kind === 'array' || e.kind === 'hash') return () => true;
    this.fail('syntax', 'The "defined" test only works with simple variables.', e.pos);
    return () => false;
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>, strategy: string | false): CExpr {
    const l = this.expr(e.left, strategy);
    const r = this.expr(e.right, strategy);
    const a = l.fn,
      b = r.fn;
    let fn: E;
    switch (e.op) {
      case 'or':
        fn = (c) => truthy(a(c)) || truthy(b(c));
        break;
      case 'and':
        fn = (c) => truthy(a(c)) && truthy(b(c));
        break;
      case 'xor':
        fn = (c) => truthy(a(c)) !== truthy(b(c));
        break;
      case 'b-or':
        fn = (c) => toNumber(a(c), '|') | toNumber(b(c), '|');
        break;
      case 'b-xor':
        fn = (c) => toNumber(a(c), '^') ^ toNumber(b(c), '^');
        break;
      case 'b-and':
        fn = (c) => toNumber(a(c), '&') & toNumber(b(c), '&');
        break;
      case '==':
        fn = (c) => looseEquals(a(c), b(c));
        break;
      case '!=':
        fn = (c) => !looseEquals(a(c), b(c));
        break;
      case '<=>':
        fn = (c) => compare(a(c), b(c));
        break;
      case '<':
        fn = (c) => compare(a(c), b(c)) < 0;
        break;
      case '>':
        fn = (c) => compare(a(c), b(c)) > 0;
        break;
      case '<=':
        fn = (c) => compare(a(c), b(c)) <= 0;
        break;
      case '>=':
        fn = (c) => compare(a(c), b(c)) >= 0;
        break;
      case 'in':
        fn = (c) => inOp(a(c), b(c));
        break;
      case 'not in':
        fn = (c) => !inOp(a(c), b(c));
        break;
      case 'matches':
        fn = (c) => matchesOp(a(c), b(c));
        break;
      // PHP: is_string($a = left) && is_string($b = right) && ...: the right side is not evaluated when the left is no string.
      case 'starts with':
        fn = (c) => {
          const x = a(c);
          if (typeof x !== 'string') return false;
          const y = b(c);
          return typeof y === 'string' && x.startsWith(y);
        };
        break;
      case 'ends with':
        fn = (c) => {
          const x = a(c);
          if (typeof x !== 'string') return false;
          const y = b(c);
          return typeof y === 'string' && x.endsWith(y);
        };
        break;
      case '..':
        fn = (c) => phpRange(a(c), b(c), 1);
        break;
      case '+':
        fn = (c) => add(a(c), b(c));
        break;
      case '-':
        fn = (c) => sub(a(c), b(c));
        break;
      case '~':
        fn = (c) => toStr(a(c)) + toStr(b(c));
        break;
      case '*':
        fn = (c) => mul(a(c), b(c));
        break;
      case '/':
        fn = (c) => div(a(c), b(c));
        break;
      case '//':
        fn = (c) => floorDiv(a(c), b(c));
        break;
      case '%':
        fn = (c) => mod(a(c), b(c));
        break;
      case '**':
        fn = (c) => pow(a(c), b(c));
        break;
      case '??': {
        return {
          fn: (c) => {
            const v = a(c);
            return v === undefined || v === null ? b(c) : v;
          },
          safe: intersect(l.safe, r.safe),
          cond: {
            test: (c) => {
              const v = a(c);
              return v !== undefined && v !== null;
            },
            then: l,
            else: r,
          },
        };
      }
      case 'has some':
      case 'has every': {
        const every = e.op === 'has every';
        fn = (c) => {
          const seq = a(c);
          const f = b(c);
          if (typeof f !== 'function') throw new TwigRuntimeError(`The "has ${every ? 'every' : 'some'}" operator expects an arrow function.`);
          if (!isArray(seq)) return every;
          const ks = keysOf(seq);
          const vs = valuesOf(seq);
          for (let i = 0; i < vs.length; i++) {
            const r = truthy((f as (...x: unknown[]) => unknown)(vs[i], ks[i]));
            if (every && !r) return false;
            if (!every && r) return true;
          }
          return every;
        };
        break;
      }
      default:
        return this.fail('unsupported-twig', `The "${e.op}" operator is not supported by the preview engine.`, e.pos);
    }
    return { fn, safe: NONE };
  }
}

function intersect(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a.includes('all')) return b;
  if (b.includes('all')) return a;
  return a.filter((x) => b.includes(x));
}
