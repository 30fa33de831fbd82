/**
 * How the filters take their input and arguments: PHP's coercions of a value to a string, and the
 * TypeError PHP 8 raises when an internal string function is given an array.
 */
import { TwigRuntimeError } from './errors';
import { isArray } from './arrays';
import { toStr } from './php';

/** A value as PHP prints it; null and undefined are the empty string. */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : toStr(v));

/** A string argument of a PHP internal function: arrays are a TypeError in PHP 8 (scalars are coerced). */
export function sarg(v: unknown, fn: string): string {
  if (isArray(v)) throw new TwigRuntimeError(`${fn}(): Argument #1 ($string) must be of type string, array given`);
  return str(v);
}

/** The characters (code points) of a string, as mb_* functions count them. */
export const chars = (s: string): string[] => Array.from(s);

/** Twig's null: an undefined variable or argument is null too. */
export const nul = (v: unknown) => v === null || v === undefined;
