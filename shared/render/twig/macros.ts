/**
 * Macros of one template (Twig's MacroNode and twig_call_macro). A macro sees only its arguments
 * (and globals), never the caller's variables; the extra positional arguments are in `varargs`, or
 * in the explicit `...name` parameter together with unknown named ones; its output is returned as
 * safe markup (the empty string when it prints nothing), so printing a macro never escapes it twice.
 */
import { TwigRuntimeError } from './errors';
import { ArrayBuilder } from './arrays';
import { Markup } from './objects';
import { MAX_DEPTH, type Ctx } from './runtime';

/** A macro compiled once: parameter names, their default closures, and the body. */
export interface CompiledMacro {
  name: string;
  params: readonly string[];
  defaults: readonly (((c: Ctx) => unknown) | null)[];
  variadic: string | null;
  body: (c: Ctx) => void;
}

/** What a macro body sees of the caller: nothing. */
const NO_VARS: Record<string, unknown> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** Calls a macro with the arguments of one call site. */
export function invokeMacro(c: Ctx, m: CompiledMacro, positional: readonly unknown[], named: ReadonlyMap<string, unknown> | null): unknown {
  if (c.depth >= MAX_DEPTH) throw new TwigRuntimeError(`Blocks and macros call each other more than ${MAX_DEPTH} levels deep: does macro "${m.name}" call itself without end?`);
  const locals = Object.create(null) as Record<string, unknown>;
  const { params } = m;
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (i < positional.length) {
      if (named?.has(p)) throw new TwigRuntimeError(`Argument "${p}" is defined twice for macro "${m.name}".`);
      locals[p] = positional[i];
    } else if (named?.has(p)) locals[p] = named.get(p);
    else {
      const d = m.defaults[i];
      locals[p] = d ? d(c) : null;
    }
  }
  const extra = positional.length > params.length ? positional.slice(params.length) : [];
  const unknown: [string, unknown][] = [];
  if (named) for (const [k, v] of named) if (!params.includes(k)) unknown.push([k, v]);
  if (m.variadic !== null) {
    const rest = new ArrayBuilder();
    for (const x of extra) rest.push(x);
    for (const [k, v] of unknown) rest.set(k, v);
    locals[m.variadic] = rest.finish();
  } else {
    if (unknown.length) throw new TwigRuntimeError(`Unknown argument "${unknown[0]![0]}" for macro "${m.name}".`);
    locals.varargs = extra;
  }
  const { vars, locals: savedLocals, out, trace } = c;
  c.vars = NO_VARS;
  c.locals = locals;
  c.out = '';
  c.trace = null;
  c.depth++;
  try {
    m.body(c);
    return c.out === '' ? '' : new Markup(c.out);
  } finally {
    c.vars = vars;
    c.locals = savedLocals;
    c.out = out;
    c.trace = trace;
    c.depth--;
  }
}
