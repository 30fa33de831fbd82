/**
 * The template engine contract: compile a Twig template once, render it many times.
 *
 * This is the single entry point the rest of the app uses (campaign renderer, diagnostics, CLI, send
 * preview). The Twig-compatibility layer behind it lives in this folder.
 */
import nunjucks from 'nunjucks';

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

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
const envEscape = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false });

/** Compiles a template (placeholder implementation on plain nunjucks, replaced by the Twig layer). */
export function compileTemplate(source: string, options: CompileOptions): CompiledTemplate {
  const diagnostics: TemplateDiagnostic[] = [];
  let tpl: nunjucks.Template | null = null;
  try {
    tpl = new nunjucks.Template(source, options.autoescape ? envEscape : env, undefined, true);
  } catch (e) {
    diagnostics.push({ code: 'syntax', severity: 'error', message: String((e as Error).message) });
  }
  const references = [...new Set([...source.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
  return {
    source,
    references,
    diagnostics,
    render(vars) {
      if (!tpl) return { output: '' };
      try {
        return { output: tpl.render(vars) };
      } catch (e) {
        return { output: '', error: { code: 'render', severity: 'error', message: String((e as Error).message) } };
      }
    },
  };
}
