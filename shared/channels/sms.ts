/**
 * SMS channel rules: the encoding, characters and parts (segments) of a text, and the from-name rule.
 *
 * - Encoding: GSM-7 when every character is in the GSM-7 alphabet (sms-alphabet.ts), else UCS-2.
 * - Parts: a single message holds 160 septets or 70 UCS-2 code units; a longer one goes as
 *   concatenated parts of 153 septets or 67 code units (each part gives 6 of its 140 bytes to the
 *   concatenation header).
 * - A part never ends inside a character: the two septets of an extension character (€ [ ] { } …),
 *   a surrogate pair (most emoji) and a grapheme (an emoji sequence, a flag, a letter with its
 *   combining marks) go whole to the next part. Twilio's calculator (`sms-segments-calculator`,
 *   the oracle of test/unit/sms.test.ts) documents this, and Android's SmsMessage splits the same way.
 *   Two deliberate differences from the calculator, both where it is out of date or wrong: graphemes
 *   follow today's Unicode rules (Intl.Segmenter; the calculator's splitter dates from 2017 and, say,
 *   parts a skin-tone modifier from the letter before it), and a grapheme longer than a whole part
 *   (contrived text only) is cut between code points as Android cuts it, where the calculator lets it
 *   overfill one part.
 *
 * Everything is linear in the text: one pass over the code units with a table lookup each; only text
 * with characters that may join (emoji, combining marks) takes a second pass over its graphemes
 * (graphemes.ts). The calculator is super-linear (4.4 s for 20 KB, 41 s for 40 KB), so it stays in
 * the tests as the oracle and nothing runs it at run time.
 */
import { codePointLength, forEachGrapheme } from './graphemes';
import { COMPLEX, NOT_GSM, SMS_UNIT } from './sms-alphabet';

export interface SmsMetrics {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as a person counts them: graphemes (CR LF counts two, as the calculator counts it). */
  characters: number;
  /** What the carrier counts: GSM-7 septets (extension characters count two) or UCS-2 code units (most emoji two). */
  units: number;
  segments: number;
  /** Characters that force UCS-2, in order of first appearance (empty for GSM-7). */
  nonGsm: string[];
}

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS_SINGLE = 70;
const UCS_PART = 67;

/** Encoding, characters, carrier units and parts of an SMS text. */
export function smsMetrics(text: string): SmsMetrics {
  return measure(text, undefined);
}

/** The parts a long SMS is sent as, in order (one part for a single message, none for the empty text). */
export function smsParts(text: string): string[] {
  const cuts: number[] = [];
  if (measure(text, cuts).segments === 0) return [];
  const parts: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(text.slice(from, cut));
    from = cut;
  }
  parts.push(text.slice(from));
  return parts;
}

/** The length as a person reads it: "160 characters (163 septets)" when the carrier counts more units than characters. */
export function smsLength(m: SmsMetrics): string {
  const chars = `${m.characters} character${m.characters === 1 ? '' : 's'}`;
  return m.units === m.characters ? chars : `${chars} (${m.units} ${smsUnitName(m)})`;
}

/** What the carrier counts for this encoding: "septets" (GSM-7) or "UCS-2 code units". */
export function smsUnitName(m: Pick<SmsMetrics, 'encoding'>): string {
  return m.encoding === 'GSM-7' ? 'septets' : 'UCS-2 code units';
}

/** Measures `text`; when `cuts` is given, pushes the offset where each part after the first begins. */
function measure(text: string, cuts: number[] | undefined): SmsMetrics {
  const n = text.length;
  if (n === 0) return { encoding: 'GSM-7', characters: 0, units: 0, segments: 0, nonGsm: [] };
  // GSM-7 up to the first character outside it: septets are counted only there.
  let septets = 0;
  let first = 0;
  for (; first < n; first++) {
    const f = SMS_UNIT[text.charCodeAt(first)]!;
    if (f & NOT_GSM) break;
    septets += f & 3;
  }
  if (first === n) {
    // Every GSM-7 character is simple: one character per code unit.
    const segments = septets <= GSM_SINGLE ? 1 : packSeptets(text, cuts);
    return { encoding: 'GSM-7', characters: n, units: septets, segments, nonGsm: [] };
  }
  // UCS-2 from here: the rest of the pass collects the characters outside GSM-7 and finds the first that may join.
  const { nonGsm, firstComplex, lastComplex } = nonGsmChars(text, first);
  const cap = n <= UCS_SINGLE ? Infinity : UCS_PART;
  let characters = n;
  let segments: number;
  if (firstComplex >= 0) ({ characters, segments } = packGraphemes(text, cap, cuts, firstComplex, lastComplex));
  else {
    segments = cap === Infinity ? 1 : Math.ceil(n / cap);
    if (cuts) for (let at = cap; at < n; at += cap) cuts.push(at);
  }
  return { encoding: 'UCS-2', characters, units: n, segments, nonGsm };
}

/** Parts of 153 septets for a GSM-7 text; an extension character's two septets stay together. */
function packSeptets(text: string, cuts: number[] | undefined): number {
  let parts = 1;
  let fill = 0;
  for (let i = 0; i < text.length; i++) {
    const s = SMS_UNIT[text.charCodeAt(i)]! & 3;
    if (fill + s > GSM_PART) {
      parts++;
      fill = s;
      cuts?.push(i);
    } else fill += s;
  }
  return parts;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Characters and parts of `cap` code units for a UCS-2 text, whole graphemes per part (units outside `firstComplex`…`lastComplex` never join). */
function packGraphemes(text: string, cap: number, cuts: number[] | undefined, firstComplex: number, lastComplex: number): { characters: number; segments: number } {
  let characters = 0;
  let parts = 1;
  let fill = 0;
  const cut = (at: number) => {
    parts++;
    cuts?.push(at);
  };
  forEachGrapheme(
    text,
    (pos, len, count) => {
      characters += count;
      if (fill + len <= cap) {
        fill += len;
        return;
      }
      if (count > 1) {
        // A run of one-unit characters: fill this part, then whole parts, then the rest.
        let at = pos + cap - fill;
        cut(at);
        while (pos + len - at > cap) cut((at += cap));
        fill = pos + len - at;
        return;
      }
      if (fill > 0) cut(pos);
      // One character longer than a part: cut every `cap` units, one earlier where that would split a pair.
      let at = pos;
      const end = pos + len;
      while (end - at > cap) {
        let next = at + cap;
        if (isHigh(text.charCodeAt(next - 1)) && isLow(text.charCodeAt(next))) next--;
        cut(next);
        at = next;
      }
      fill = end - at;
    },
    firstComplex,
    lastComplex,
  );
  return { characters, segments: parts };
}

/** Past this many distinct characters, a Set finds the ones seen (below it, the list itself is quicker). */
const FEW = 8;

/**
 * The distinct characters (code points) of `text` outside GSM-7, in order of first appearance, from
 * the first at `from`; and where the first and last units that may join a neighbour are (-1 for none).
 */
function nonGsmChars(text: string, from: number): { nonGsm: string[]; firstComplex: number; lastComplex: number } {
  const nonGsm: string[] = [];
  let seen: Set<string> | undefined;
  let firstComplex = -1;
  let lastComplex = -1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = SMS_UNIT[c]!;
    if (!(f & NOT_GSM)) continue;
    if (f & COMPLEX) {
      if (firstComplex < 0) firstComplex = i;
      lastComplex = i;
    }
    let ch: string;
    if (isHigh(c) && isLow(text.charCodeAt(i + 1))) {
      ch = text.slice(i, i + 2);
      i++;
      if (SMS_UNIT[text.charCodeAt(i)]! & COMPLEX) lastComplex = i;
    } else ch = text[i]!;
    if (seen) {
      if (seen.has(ch)) continue;
      seen.add(ch);
    } else if (nonGsm.includes(ch)) continue;
    nonGsm.push(ch);
    if (!seen && nonGsm.length > FEW) seen = new Set(nonGsm);
  }
  return { nonGsm, firstComplex, lastComplex };
}

/** The last from name checked (a scan checks the same one for every user). */
let lastFrom: string | undefined;
let lastLength = false;
let lastChars = false;

/** Checks a rendered SMS from name: 3 to 11 characters, letters and digits only (no spaces). */
export function checkFromName(from: string): { length: boolean; chars: boolean } {
  if (from !== lastFrom) {
    const n = codePointLength(from);
    lastLength = n >= 3 && n <= 11;
    lastChars = /^[A-Za-z0-9]*$/.test(from);
    lastFrom = from;
  }
  return { length: lastLength, chars: lastChars };
}
