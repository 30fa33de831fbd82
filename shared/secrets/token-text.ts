/**
 * What counts as a secret read from a file the person chose: the file's one line, trimmed (a BOM
 * and the final newline editors add are not part of it). Messages name no path and never the
 * content: the caller knows which file the person chose.
 */
import { MIN_SECRET_LENGTH } from './scrub';

/** Shorter values are refused: they could not be told apart from ordinary text when scrubbing. */
export const MIN_TOKEN_LENGTH = Math.max(8, MIN_SECRET_LENGTH);
/** Longest secret accepted (the contract's limit for a typed one). */
export const MAX_TOKEN_LENGTH = 4096;

/** The secret in a token file's text, or why the text is not one. */
export function secretFromFileText(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = text.replace(/^\uFEFF/, '').trim();
  if (!value) return { ok: false, message: 'the chosen file is empty' };
  if (/[\r\n]/.test(value)) return { ok: false, message: 'the chosen file holds more than one line; a token file holds the token alone' };
  if (value.length > MAX_TOKEN_LENGTH) return { ok: false, message: `the chosen file holds more than ${MAX_TOKEN_LENGTH} characters; a token file holds the token alone` };
  if (value.length < MIN_TOKEN_LENGTH) return { ok: false, message: `the chosen file holds fewer than ${MIN_TOKEN_LENGTH} characters, too short for a token` };
  return { ok: true, value };
}
