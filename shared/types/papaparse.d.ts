// The slice of papaparse's API that shared/ uses, for shared/'s own type check only
// (tsconfig.shared.json maps `papaparse` here). The package's own types start with
// `/// <reference types="node" />` (for its stream API), which would put Node's globals into the
// check that proves shared/ runs without Node. Every other project checks the same calls against
// the package's real types, so a call this shape allows but papaparse does not still fails there.
export interface ParseError {
  type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
  code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
  message: string;
  row?: number | undefined;
  index?: number | undefined;
}

export interface ParseMeta {
  delimiter: string;
  linebreak: string;
  aborted: boolean;
  fields?: string[] | undefined;
  truncated: boolean;
  cursor: number;
}

export interface ParseResult<T> {
  data: T[];
  errors: ParseError[];
  meta: ParseMeta;
}

export interface ParseConfig<T> {
  delimiter?: string;
  newline?: string;
  quoteChar?: string;
  escapeChar?: string;
  header?: boolean;
  dynamicTyping?: boolean;
  skipEmptyLines?: boolean | 'greedy';
  chunkSize?: number;
  chunk?(results: ParseResult<T>): void;
  complete?(): void;
}

export function parse<T>(input: string, config: ParseConfig<T>): ParseResult<T>;
