/**
 * The character facts SMS segmentation needs, as one lookup table over UTF-16 code units:
 *
 * - the GSM-7 default alphabet of 3GPP TS 23.038 (one septet) and its extension table (two septets:
 *   the escape 0x1B, then the code), without national shift tables, as carriers and Twilio's
 *   calculator count them;
 * - which code units are "simple": Unicode's grapheme rules (UAX #29) never join them to a
 *   neighbour, so text made only of them has one character per code unit and no grapheme
 *   segmentation is needed. The ranges are conservative (letters and symbols of common scripts,
 *   without their combining marks); a unit test checks every code unit in them against
 *   Intl.Segmenter.
 */

/** The GSM-7 default alphabet in code order: the character at index `i` has code `i` (0x1B is the escape, not a character). */
export const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The GSM-7 extension table: `[code after the escape, character]`. */
export const GSM7_EXTENSION: readonly (readonly [number, string])[] = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

/** Inclusive BMP code unit ranges whose characters never form a grapheme with a neighbour. */
export const SIMPLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x02ff], // C0/C1 controls, Latin-1, Latin Extended-A/B, IPA, spacing modifier letters
  [0x0370, 0x0482], // Greek and Coptic, Cyrillic letters (0x0483–0x0489 combine)
  [0x048a, 0x052f], // the rest of Cyrillic and Cyrillic Supplement
  [0x05d0, 0x05ea], // Hebrew letters (points and cantillation combine)
  [0x0621, 0x064a], // Arabic letters (harakat combine; 0x0600–0x0605 prepend)
  [0x0660, 0x066f], // Arabic-Indic digits and punctuation
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, more punctuation
  [0x20a0, 0x20c0], // currency signs (€ among them)
  [0x2100, 0x218b], // letterlike symbols, number forms
  [0x2190, 0x23ff], // arrows, mathematical operators, technical symbols
  [0x2500, 0x25ff], // box drawing, blocks, geometric shapes
  [0x3001, 0x3029], // CJK punctuation (0x302A–0x302F combine)
  [0x3041, 0x3096], // Hiragana (0x3099–0x309A combine)
  [0x30a1, 0x30fa], // Katakana
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xac00, 0xd7a3], // Hangul syllables (jamo, which do join, are outside)
  [0xff01, 0xff9d], // fullwidth forms, halfwidth Katakana (0xFF9E–0xFF9F combine)
];

/** Bit of `SMS_UNIT`: the code unit is not in GSM-7. */
export const NOT_GSM = 8;
/** Bit of `SMS_UNIT`: the code unit may join a neighbour (outside `SIMPLE_RANGES`). */
export const COMPLEX = 4;

/**
 * Per UTF-16 code unit: bits 0–1 its GSM-7 septets (0 when not GSM-7), plus `NOT_GSM` and `COMPLEX`,
 * so one pass that sums `& 3` and ORs the rest answers both questions (64 KB, built once).
 */
export const SMS_UNIT = new Uint8Array(0x10000).fill(NOT_GSM | COMPLEX);
for (const [from, to] of SIMPLE_RANGES) SMS_UNIT.fill(NOT_GSM, from, to + 1);
for (let code = 0; code < GSM7_BASIC.length; code++) if (code !== 0x1b) SMS_UNIT[GSM7_BASIC.charCodeAt(code)] = 1;
for (const [, ch] of GSM7_EXTENSION) SMS_UNIT[ch.charCodeAt(0)] = 2;
