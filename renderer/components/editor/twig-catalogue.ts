/**
 * What completion and hover offer for Twig: the engine's own catalogue of filters, tests and functions
 * (shared/render/filters-catalog.ts, derived from the table the compiler binds arguments from), so
 * the editor never offers a filter or a parameter the engine cannot render.
 */
import { TWIG_FILTERS, TWIG_FUNCTIONS, TWIG_TESTS, type TwigCallableDoc } from '../../../shared/render/filters-catalog';

export interface FilterInfo {
  name: string;
  signature: string;
  description: string;
}

const info = (d: TwigCallableDoc): FilterInfo => ({ name: d.name, signature: d.signature, description: d.doc });

/** Every filter the engine implements, alphabetically, with its signature. */
export const TWIG_FILTER_CATALOGUE: readonly FilterInfo[] = TWIG_FILTERS.map(info);

/** Every test (`is …`), alphabetically. */
export const TWIG_TEST_CATALOGUE: readonly FilterInfo[] = TWIG_TESTS.map(info);

/** Every function, alphabetically. */
export const TWIG_FUNCTION_CATALOGUE: readonly FilterInfo[] = TWIG_FUNCTIONS.map(info);
