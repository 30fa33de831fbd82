/**
 * The shape of the engine's filter, test and function table (filters.ts, functions.ts). It is the
 * one description of each callable: the compiler binds arguments from it (names, defaults, required
 * parameters) and the editor's completion catalogue (shared/render/filters-catalog.ts) is derived
 * from it, so what the editor advertises is what the engine accepts.
 */
import type { Ctx } from './runtime';

/** One parameter after the filtered value (filters, tests) or of the call (functions). */
export interface Param {
  /** Twig's name for it, used by named arguments (`number_format(decimal: 2)`). */
  name: string;
  /** The value used when the argument is left out. No `default` means the argument is required. */
  default?: unknown;
}

/** A filter, test or function. Filters and tests get the ctx, then the input value, then the arguments. */
export interface Callable {
  /** One sentence for completion and hover. */
  doc: string;
  params: readonly Param[];
  /** The last parameter collects every further positional argument. */
  variadic?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (c: Ctx, ...args: any[]) => unknown;
  /** Escaping strategies its result is safe for (Twig's is_safe). */
  safe?: readonly string[];
  /** Its input is html-escaped first under autoescape (Twig's pre_escape). */
  preEscape?: boolean;
  /** The platform picks the result when it sends: the preview shows one possible pick. */
  random?: boolean;
  /** A call using every parameter by name, as the catalogue test renders it (and PHP Twig 3.5.1 accepts). */
  example: string;
}

/** A required parameter. */
export const req = (name: string): Param => ({ name });
/** An optional parameter and the value Twig uses when it is left out. */
export const opt = (name: string, value: unknown): Param => ({ name, default: value });

/** Twig's literal for a default value, as a signature shows it. */
export function twigLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(v)) return `[${v.map(twigLiteral).join(', ')}]`;
  return String(v);
}

/** `name(a, b = 1, ...rest)`: the signature a catalogue entry shows. */
export function signatureOf(name: string, def: Callable): string {
  if (!def.params.length) return name;
  const ps = def.params.map((p, i) => {
    if (def.variadic && i === def.params.length - 1) return `...${p.name}`;
    return 'default' in p ? `${p.name} = ${twigLiteral(p.default)}` : p.name;
  });
  return `${name}(${ps.join(', ')})`;
}
