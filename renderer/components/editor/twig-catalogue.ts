/**
 * Twig filters offered by completion, with signatures. The render engine (shared/render/) exports
 * no `TWIG_FILTERS` catalogue yet; its `FILTERS` table names every implemented filter with its
 * parameter names, so signatures are derived from it (completion never offers a filter the engine
 * cannot render) and one-line descriptions are kept here.
 */
import { FILTERS } from '../../../shared/render/twig/filters';

const DESCRIPTIONS: Record<string, string> = {
  abs: 'Absolute value.',
  batch: 'Splits a list into lists of `size` items, filling the last with `fill`.',
  capitalize: 'First character upper case, the rest lower case.',
  column: 'Values of one column of a list of rows.',
  date: 'Formats a date (PHP date format), optionally in a time zone.',
  date_modify: 'Moves a date by a relative amount ("+1 day").',
  default: 'The value, or `default` when it is undefined or empty.',
  escape: 'Escapes for html, js, css, url or html_attr.',
  e: 'Alias of escape.',
  first: 'First item of a list or first character of a string.',
  format: 'sprintf-style formatting.',
  join: 'Joins a list with a glue string (and a different last glue).',
  json_encode: 'JSON text of the value.',
  keys: 'Keys of a mapping.',
  last: 'Last item of a list or last character of a string.',
  length: 'Number of items or characters.',
  lower: 'Lower case.',
  merge: 'Merges lists or mappings.',
  nl2br: 'Inserts <br> before new lines.',
  number_format: 'Formats a number with decimals and separators.',
  raw: 'Marks the value as safe (no escaping).',
  replace: 'Replaces placeholders from a mapping.',
  reverse: 'Reverses a list or string.',
  round: 'Rounds a number (common, ceil or floor).',
  slice: 'Part of a list or string.',
  sort: 'Sorts a list.',
  split: 'Splits a string into a list.',
  striptags: 'Removes HTML tags.',
  title: 'Title Case Every Word.',
  trim: 'Strips whitespace (or given characters) from the ends.',
  upper: 'Upper case.',
  url_encode: 'Percent-encodes a string or a mapping as a query string.',
};

export interface FilterInfo {
  name: string;
  signature: string;
  description: string;
}

/** Every filter the engine implements, alphabetically, with its signature. */
export const TWIG_FILTER_CATALOGUE: readonly FilterInfo[] = Object.entries(FILTERS)
  .map(([name, f]) => {
    const params = (f as { params?: readonly string[] }).params ?? [];
    return { name, signature: params.length ? `${name}(${params.join(', ')})` : name, description: DESCRIPTIONS[name] ?? 'Twig core filter.' };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
