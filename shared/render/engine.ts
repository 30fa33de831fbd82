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
 *   parser.ts   Twig's grammar -> AST (ast.ts): precedence climbing with Twig's precedences, filters,
 *               tests, `?:`/`??`, slices, hashes, arrow functions; tags if/for/set/apply/with/
 *               autoescape/do/verbatim. Twig tags we do not implement raise `unsupported-twig`.
 *   compile.ts  AST -> a tree of JS closures, built once. Rendering walks closures that append to a
 *               string: no re-parsing, no eval/new Function (CSP-safe in the renderer and workers).
 *               It also runs Twig's escaper analysis statically and computes `references`.
 *   php.ts      PHP 8 value semantics (printing, truthiness, loose comparison, arithmetic) used at run time.
 *   filters.ts, strings.ts, values.ts, date.ts   Twig's core filters/tests/functions with PHP semantics.
 *
 * Why not translate to nunjucks source: nunjucks differs from Twig at almost every operator (JS
 * truthiness, `==`, `+` on strings, printing of booleans/null/floats, loop scoping, autoescape rules),
 * so each operation would need a runtime helper anyway, and nunjucks' frames and callbacks would be
 * pure overhead. Compiling Twig's own AST to closures keeps Twig semantics exact; its throughput
 * against bare precompiled nunjucks is measured by scripts/bench-render.mjs.
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
  code: 'syntax' | 'unsupported-twig' | 'render';
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  column?: number;
}

export interface CompileOptions {
  /** Twig's html autoescape strategy (email html) when true; no escaping (text fields) when false. */
  autoescape: boolean;
  /** Default time zone of the date filter (PHP's date.timezone). Defaults to UTC, the platform's setting. */
  timezone?: string;
}

export interface RenderResult {
  output: string;
  /** Set when rendering failed at run time (the output is then the empty string). */
  error?: TemplateDiagnostic;
}

export interface CompiledTemplate {
  readonly source: string;
  /**
   * Free top-level variable names the template reads (attributes): not `set`/loop locals.
   * The campaign renderer resolves exactly these per user, in order of first appearance.
   */
  readonly references: readonly string[];
  /** Compile-time problems (syntax, unsupported Twig). When any is an error, render() returns ''. */
  readonly diagnostics: readonly TemplateDiagnostic[];
  /** Renders with the given variables. Values are data: never compiled as templates. */
  render(vars: Record<string, unknown>): RenderResult;
}

function diagnostic(code: TemplateDiagnostic['code'], message: string, source: string, pos: number | undefined): TemplateDiagnostic {
  if (pos === undefined) return { code, severity: 'error', message };
  const { line, column } = locate(source, pos);
  return { code, severity: 'error', message, line, column };
}

/** Compiles a Twig template once; `render` is then cheap and never throws. */
export function compileTemplate(source: string, options: CompileOptions): CompiledTemplate {
  const code = normaliseSource(source);
  const diagnostics: TemplateDiagnostic[] = [];
  let references: string[] = [];
  let root: ((c: Ctx) => void) | null = null;
  try {
    const ast = new Parser(tokenize(code)).parseTemplate();
    const out = compileAst(ast, options.autoescape);
    references = out.references;
    for (const e of out.errors) diagnostics.push(diagnostic(e.code, e.message, code, e.pos));
    if (!out.errors.length) root = out.root;
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
    render(vars) {
      if (!root) return { output: '' };
      const c: Ctx = { vars: vars ?? noVars, locals: Object.create(null) as Record<string, unknown>, out: '', tmp: undefined, pos: 0, env };
      try {
        root(c);
        return { output: c.out };
      } catch (e) {
        const message = e instanceof TwigRuntimeError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
        return { output: '', error: diagnostic('render', message, code, c.pos) };
      }
    },
  };
}
