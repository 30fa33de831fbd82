/**
 * Twig filters offered by completion, with signatures: the engine's own catalogue
 * (shared/render/filters-catalog.ts, kept in sync with the implemented filters by a unit test), so
 * completion never offers a filter the engine cannot render.
 */
import { TWIG_FILTERS } from '../../../shared/render/filters-catalog';

export interface FilterInfo {
  name: string;
  signature: string;
  description: string;
}

/** Every filter the engine implements, alphabetically, with its signature. */
export const TWIG_FILTER_CATALOGUE: readonly FilterInfo[] = TWIG_FILTERS.map((f) => ({ name: f.name, signature: f.signature, description: f.doc })).sort((a, b) =>
  a.name.localeCompare(b.name),
);
