/**
 * The Twig syntax tree. Every node carries `pos`, its offset in the normalised source, so that
 * compile-time diagnostics (unknown filter, unsupported construct) point at the right line and column.
 */

export interface Arg {
  /** Named argument (`date(timezone='UTC')`), or undefined for a positional one. */
  name?: string;
  value: Expr;
}

export type Expr =
  | { kind: 'const'; pos: number; value: string | number | boolean | null }
  | { kind: 'name'; pos: number; name: string }
  | { kind: 'array'; pos: number; items: { value: Expr; spread?: boolean }[] }
  | { kind: 'hash'; pos: number; pairs: { key: Expr; value: Expr; spread?: boolean }[] }
  | { kind: 'getattr'; pos: number; obj: Expr; attr: Expr; bracket: boolean }
  | { kind: 'slice'; pos: number; obj: Expr; start: Expr | null; length: Expr | null }
  | { kind: 'unary'; pos: number; op: string; expr: Expr }
  | { kind: 'binary'; pos: number; op: string; left: Expr; right: Expr }
  | { kind: 'cond'; pos: number; test: Expr; then: Expr | null; else: Expr | null }
  | { kind: 'filter'; pos: number; name: string; expr: Expr; args: Arg[] }
  | { kind: 'test'; pos: number; name: string; expr: Expr; args: Arg[]; negated: boolean }
  | { kind: 'call'; pos: number; name: string; args: Arg[] }
  | { kind: 'arrow'; pos: number; params: string[]; body: Expr }
  | { kind: 'interp'; pos: number; parts: Expr[] }
  /** The captured body an `{% apply %}` tag filters (internal). */
  | { kind: 'tmp'; pos: number };

export type Stmt =
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'print'; pos: number; expr: Expr }
  | { kind: 'if'; pos: number; branches: { test: Expr; body: Stmt[] }[]; else: Stmt[] | null }
  | { kind: 'for'; pos: number; keyVar: string | null; valueVar: string; seq: Expr; body: Stmt[]; else: Stmt[] | null }
  | { kind: 'set'; pos: number; names: string[]; values: Expr[] }
  | { kind: 'setcapture'; pos: number; name: string; body: Stmt[] }
  | { kind: 'apply'; pos: number; filters: { name: string; args: Arg[]; pos: number }[]; body: Stmt[] }
  | { kind: 'with'; pos: number; expr: Expr | null; only: boolean; body: Stmt[] }
  | { kind: 'autoescape'; pos: number; strategy: string | false; body: Stmt[] }
  | { kind: 'do'; pos: number; expr: Expr };
