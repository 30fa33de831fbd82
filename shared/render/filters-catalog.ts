/**
 * The Twig filters, tests and functions the preview engine supports, for editor completion and hover.
 * Derived from the engine's own table (twig/filters.ts, twig/functions.ts): names, parameters and
 * defaults come from where the compiler binds arguments, so the editor cannot advertise a signature
 * the engine rejects. test/unit/render-catalog.test.ts renders every entry's example.
 */
import { signatureOf, type Callable } from './twig/callable';
import { FILTERS } from './twig/filters';
import { FUNCTIONS, TESTS } from './twig/functions';

export interface TwigCallableDoc {
  name: string;
  /** `name(param = default, ...)`, as Twig names the parameters for named arguments. */
  signature: string;
  doc: string;
  /** A call using every parameter by name. */
  example: string;
  /** Its result is picked at random by the platform when it sends. */
  random: boolean;
}

function catalogue(table: Record<string, Callable>): readonly TwigCallableDoc[] {
  return Object.keys(table)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const def = table[name]!;
      return { name, signature: signatureOf(name, def), doc: def.doc, example: def.example, random: !!def.random };
    });
}

/** Supported filters (`{{ value|name(args) }}`), alphabetically. */
export const TWIG_FILTERS: readonly TwigCallableDoc[] = catalogue(FILTERS);

/** Supported tests (`{% if value is name %}`), alphabetically. */
export const TWIG_TESTS: readonly TwigCallableDoc[] = catalogue(TESTS);

/** Supported functions (`{{ name(args) }}`), alphabetically. */
export const TWIG_FUNCTIONS: readonly TwigCallableDoc[] = catalogue(FUNCTIONS);
