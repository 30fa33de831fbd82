/** Errors raised while compiling or rendering a Twig template. */

/** A compile-time problem located at an offset of the (newline-normalised) template source. */
export class TwigCompileError extends Error {
  constructor(
    readonly code: 'syntax' | 'unsupported-twig',
    message: string,
    /** Offset in the normalised source (\r\n and \r turned into \n, as Twig's lexer does). */
    readonly pos: number,
  ) {
    super(message);
  }
}

/** A run-time error: Twig would throw here (e.g. PHP TypeError, division by zero, bad date). */
export class TwigRuntimeError extends Error {}

/** Maps offsets of a source text to 1-based line and column (column counted in UTF-16 units). */
export function locate(source: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
