/**
 * The Twig syntax tree. Every node carries `pos`, its offset in the normalised source, so that
 * compile-time diagnostics (unknown filter, unsupported construct) point at the right line and column.
 */

export interface Arg {
  /** Named argument (`date(timezone='UTC')`), or undefined for a positional one. */
  name?: string;
  value: Expr;
  /** `...value`: the items of a list become positional arguments. */
  spread?: boolean;
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
  /**
   * A macro of this template: `m.name(args)` after `{% import _self as m %}`, `_self.name(args)`, or
   * `name(args)` after `{% from _self import name %}`. `name` is an expression for `m.(expr)(args)`;
   * `args` is null when the parentheses are left out (a call without arguments, or an `is defined` test).
   */
  | { kind: 'macro'; pos: number; name: string | Expr; args: Arg[] | null }
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
  | { kind: 'do'; pos: number; expr: Expr }
  /** `{% block name %}`: rendered in place with a copy of the variables, and by block('name'). */
  | { kind: 'block'; pos: number; name: string; body: Stmt[] };

export interface MacroParam {
  name: string;
  pos: number;
  /** A constant expression, or null (the argument is then null when not passed). */
  default: Expr | null;
}

/** `{% macro name(a, b = 1, ...rest) %}`. */
export interface MacroDef {
  name: string;
  pos: number;
  params: MacroParam[];
  /** The `...rest` parameter collecting further arguments, if any (otherwise they go to `varargs`). */
  variadic: string | null;
  body: Stmt[];
}

/** A parsed template: its body and the macros it defines (a later definition of a name wins, as in Twig 3). */
export interface Template {
  body: Stmt[];
  macros: Map<string, MacroDef>;
}
