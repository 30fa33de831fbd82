/**
 * The template engine contract: compile a Twig template once, render it many times.
 *
 * This is the single entry point the rest of the app uses (campaign renderer, diagnostics, CLI, send
 * preview). Templates are Xtremepush personalisation templates in Twig syntax, and the preview must
 * print exactly what PHP Twig will send.
 *
 * Design (shared/render/twig/):
 *   lexer.ts    Twig's tokenizer, state for state (text / {{ }} / {% %} / {# #}, `-` and `~` whitespace
 *               control, verbatim, "#{}" interpolation, Twig's operator table).
 *   parser.ts   Twig's grammar -> AST (ast.ts). Expressions (parser-expressions.ts, on the token
 *               cursor of parser-cursor.ts): precedence climbing with Twig's precedences, filters,
 *               tests, `?:`/`??`, slices, hashes, arrow functions, `...` unpacking; tags if/for/set/
 *               apply/with/autoescape/do/verbatim, and block/macro/import/from (parser-tags.ts).
 *               Twig tags we do not implement raise `unsupported-twig`.
 *   compile.ts  AST -> a tree of JS closures, built once, blocks and macros included (blocks.ts,
 *               macros.ts). Rendering walks closures that append to a string: no re-parsing, no
 *               eval/new Function (CSP-safe in the renderer and workers). It also runs Twig's
 *               escaper analysis statically and computes `references`.
 *   php.ts, arrays.ts   PHP 8 value semantics (printing, truthiness, loose comparison, arithmetic) and
 *               PHP arrays as ordered maps, used at run time.
 *   filters.ts (lists and maps in filters-lists.ts, argument coercion in filter-args.ts),
 *               functions.ts (described by callable.ts), strings.ts, values.ts, date.ts, encode.ts,
 *               random.ts   Twig's core filters/tests/functions with PHP semantics.
 *
 * Why not translate to nunjucks source: nunjucks differs from Twig at almost every operator (JS
 * truthiness, `==`, `+` on strings, printing of booleans/null/floats, loop scoping, autoescape rules),
 * so each operation would need a runtime helper anyway, and nunjucks' frames and callbacks would be
 * pure overhead. Compiling Twig's own AST to closures keeps Twig semantics exact and renders faster
 * than nunjucks does (`npm run bench`, scripts/bench-render.mjs).
 *
 * Semantics fixed by the contract: strict_variables off (missing variables and attributes are null,
 * printed as ''), values are data (never compiled), default time zone UTC.
 */
import { compileAst } from './twig/compile';
import { locate, TwigCompileError, TwigRuntimeError } from './twig/errors';
import { normaliseSource, tokenize } from './twig/lexer';
import { Parser } from './twig/parser';
import type { Ctx, RenderEnv } from './twig/runtime';

/** A problem found in a template, located in the template's own text (1-based line and column). */
export interface TemplateDiagnostic {
  /** `random-at-send` (info): the template picks at random, which the platform does when it sends. */
  code: 'syntax' | 'unsupported-twig' | 'render' | 'random-at-send';
  severity: 'error' | 'warning' | 'info';
  message: string;
  line?: number;
  column?: number;
}

export interface CompileOptions {
  /** Twig's html autoescape strategy (email html) when true; no escaping (text fields) when false. */
  autoescape: boolean;
  /** Default time zone of the date filter (PHP's date.timezone). Defaults to UTC, the platform's setting. */
  timezone?: string;
  /** Twig globals: visible everywhere, also inside macros and `with ... only`. The platform sets none. */
  globals?: Record<string, unknown>;
}

export interface RenderOptions {
  /** Seeds `random` and `shuffle`, so one preview (a user) always shows the same pick. */
  seed?: string;
  /** Records which parts of the output are static template text (RenderResult.trace). */
  trace?: boolean;
}

/**
 * Which parts of one render's output are the template's static text: `entries` holds, for each
 * static text appended to the output, its number in `texts` and the offset it starts at. Everything
 * between them is dynamic (printed values, output captured by `set`, macros, `apply`, block()), and
 * `gaps` holds it: `gaps[i]` is the dynamic output just before entry `i` (often ''), the last one
 * what follows the last entry. So the output is `gaps[0] + texts[entries[0]] + gaps[1] + …`, and a
 * check can read its dynamic parts without reading the whole output: V8 builds the output as a
 * rope, and the first read of it copies all of it into one flat string (in bench-render, reading
 * each output of bare nunjucks once costs it ~0.2 s per pass of 100,000 users, most of it the emails).
 */
export interface RenderTrace {
  texts: readonly string[];
  entries: number[];
  gaps: string[];
}

export interface RenderResult {
  output: string;
  /** Set when rendering failed at run time (the output is then the empty string). */
  error?: TemplateDiagnostic;
  /** With `trace` asked for and the render successful. */
  trace?: RenderTrace;
}

export interface CompiledTemplate {
  readonly source: string;
  /**
   * Free top-level variable names the template reads (attributes): not `set`/loop locals.
   * The campaign renderer resolves exactly these per user, in order of first appearance.
   */
  readonly references: readonly string[];
  /** Compile-time problems (syntax, unsupported Twig) and notes (random picks). When any is an error, render() returns ''. */
  readonly diagnostics: readonly TemplateDiagnostic[];
  /** Renders with the given variables. Values are data: never compiled as templates. */
  render(vars: Record<string, unknown>, options?: RenderOptions): RenderResult;
}

function diagnostic(code: TemplateDiagnostic['code'], message: string, source: string, pos: number | undefined, severity: TemplateDiagnostic['severity'] = 'error'): TemplateDiagnostic {
  if (pos === undefined) return { code, severity, message };
  const { line, column } = locate(source, pos);
  return { code, severity, message, line, column };
}

/** Compiles a Twig template once; `render` is then cheap and never throws. */
export function compileTemplate(source: string, options: CompileOptions): CompiledTemplate {
  const code = normaliseSource(source);
  const diagnostics: TemplateDiagnostic[] = [];
  let references: string[] = [];
  let root: ((c: Ctx) => void) | null = null;
  let blocks: ReadonlyMap<string, (c: Ctx) => void> = new Map();
  let texts: readonly string[] = [];
  try {
    const ast = new Parser(tokenize(code)).parseTemplate();
    const out = compileAst(ast, options.autoescape, options.globals);
    references = out.references;
    for (const e of out.errors) diagnostics.push(diagnostic(e.code, e.message, code, e.pos));
    for (const i of out.infos) diagnostics.push(diagnostic('random-at-send', i.message, code, i.pos, 'info'));
    if (!out.errors.length) {
      root = out.root;
      blocks = out.blocks;
      texts = out.texts;
    }
  } catch (e) {
    if (e instanceof TwigCompileError) diagnostics.push(diagnostic(e.code, e.message, code, e.pos));
    else diagnostics.push(diagnostic('syntax', `Internal compiler error: ${(e as Error).message}`, code, undefined));
  }
  const env: RenderEnv = { timezone: options.timezone ?? 'UTC' };
  const noVars: Record<string, unknown> = {};
  return {
    source,
    references,
    diagnostics,
    render(vars, opts) {
      if (!root) return { output: '' };
      const c: Ctx = {
        vars: vars ?? noVars,
        locals: Object.create(null) as Record<string, unknown>,
        out: '',
        trace: opts?.trace ? { entries: [], gaps: [], gap: '' } : null,
        tmp: undefined,
        pos: 0,
        env,
        seed: opts?.seed ?? '',
        rng: null,
        depth: 0,
        blocks,
      };
      try {
        root(c);
        const tr = c.trace;
        if (tr === null) return { output: c.out };
        tr.gaps.push(tr.gap);
        return { output: c.out, trace: { texts, entries: tr.entries, gaps: tr.gaps } };
      } catch (e) {
        const message = e instanceof TwigRuntimeError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
        return { output: '', error: diagnostic('render', message, code, c.pos) };
      }
    },
  };
}
