import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import UnicodeToGsmModule from 'sms-segments-calculator/dist/libs/UnicodeToGSM';
import { checkFromName, smsLength, smsMetrics, smsParts } from '../../shared/channels/sms';
import { GSM7_BASIC, GSM7_EXTENSION, SIMPLE_RANGES } from '../../shared/channels/sms-alphabet';

// Twilio's calculator is the oracle: its GSM-7 table, its 153/67 part sizes and its rule that a part
// never ends inside a character (an escape pair, a surrogate pair, a grapheme). Its grapheme rules are
// Unicode 10's (grapheme-splitter, 2017); where they differ from today's Unicode, which handsets and
// Intl.Segmenter follow, the property only compares text both split alike, and the cases themselves
// are tests of their own below.
const moduleValue = UnicodeToGsmModule as unknown as Record<string, number[]> & { default?: Record<string, number[]> };
const LIBRARY_TABLE: Record<string, number[]> = moduleValue.default ?? moduleValue;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Graphemes as Unicode defines them today, with CR LF as two (as the calculator counts them). */
const graphemes = (text: string) => [...segmenter.segment(text)].flatMap((s) => (s.segment === '\r\n' ? ['\r', '\n'] : [s.segment]));

function oracle(text: string) {
  const m = new SegmentedMessage(text);
  return {
    graphemes: m.graphemes,
    encoding: m.encodingName,
    characters: m.graphemes.length,
    units: m.encodingName === 'GSM-7' ? m.numberOfCharacters : text.length,
    segments: m.segmentsCount,
    parts: m.segments.map((segment) => {
      // A Segment is an Array subclass whose constructor adds headers: read it with a plain loop.
      let part = '';
      for (let i = 0; i < segment.length; i++) part += (segment[i] as { raw?: string }).raw ?? '';
      return part;
    }),
  };
}

/** True when the calculator's grapheme rules and today's agree on `text` and no grapheme outgrows a part. */
function comparable(text: string, lib: ReturnType<typeof oracle>): boolean {
  const ours = graphemes(text);
  return ours.length === lib.graphemes.length && ours.every((g, i) => g === lib.graphemes[i]) && ours.every((g) => g.length <= 67);
}

function expectSameAsCalculator(text: string) {
  const lib = oracle(text);
  fc.pre(comparable(text, lib));
  const m = smsMetrics(text);
  expect({ encoding: m.encoding, characters: m.characters, units: m.units, segments: m.segments, parts: smsParts(text) }).toEqual({
    encoding: lib.encoding,
    characters: lib.characters,
    units: lib.units,
    segments: lib.segments,
    parts: lib.parts,
  });
  const notGsm = [...new Set([...text].filter((ch) => ch.length > 1 || !LIBRARY_TABLE[ch.charCodeAt(0)]))];
  expect(m.nonGsm).toEqual(m.encoding === 'UCS-2' ? notGsm : []);
}

const GSM_CHARS = [...'abcXYZ 019@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞ¤§¿¡ÄÖÑÜäöñüàÆæßÉ\n\r'];
const EXTENSION_CHARS = [...'^{}\\[~]|€\f'];
/** Whole characters that stress the rules: other scripts, combining marks, emoji sequences, flags, jamo. */
const ADVERSARIAL = ['ł', 'ç', '`', 'Ж', 'ω', '中', 'あ', 'ا', 'ก', 'क', '가', 'ᄀ', 'ᅡ', 'ᆨ', '\u00a0', '\u00ad', '𝄞', '\u0301', '\u0308', '\u20e3', '\ufe0f', '😀', '👍', '👍🏽', '🇫', '🇷', '🇫🇷', '1️⃣', '❤️', '👨‍👩‍👧', '🏳️‍🌈', '👩‍❤️‍💋‍👨', '🧑‍🚀', '🫠'];
const text = (atoms: fc.Arbitrary<string>, maxLength: number) => fc.array(atoms, { minLength: 1, maxLength }).map((a) => a.join(''));
const anyAtom = fc.oneof(fc.constantFrom(...GSM_CHARS), fc.constantFrom(...EXTENSION_CHARS), fc.constantFrom(...ADVERSARIAL));
/** `n` filler characters, then a character that may straddle the boundary, then more text. */
const atBoundary = (filler: string, sizes: number[]) => fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(...sizes), fc.integer({ min: -3, max: 2 }), anyAtom, text(anyAtom, 8)).map(([k, size, d, ch, rest]) => filler.repeat(Math.max(0, size * k + d)) + ch + rest);

describe('SMS encoding and segments', () => {
  it.each([
    ['160 GSM-7 characters fit one segment', 'a'.repeat(160), 'GSM-7', 160, 160, 1],
    ['161 GSM-7 characters take two segments of 153', 'a'.repeat(161), 'GSM-7', 161, 161, 2],
    ['306 GSM-7 characters fill two segments exactly', 'a'.repeat(306), 'GSM-7', 306, 306, 2],
    ['307 GSM-7 characters take three', 'a'.repeat(307), 'GSM-7', 307, 307, 3],
    ['the euro sign counts two septets (extension table)', '€'.repeat(80), 'GSM-7', 80, 160, 1],
    ['81 euro signs overflow into two segments', '€'.repeat(81), 'GSM-7', 81, 162, 2],
    ['é and other GSM-7 accents stay GSM-7', 'é'.repeat(70), 'GSM-7', 70, 70, 1],
    ['one non-GSM character forces UCS-2: 70 per segment', 'ł'.repeat(70), 'UCS-2', 70, 70, 1],
    ['71 UCS-2 characters take two segments of 67', 'ł'.repeat(71), 'UCS-2', 71, 71, 2],
    ['an emoji is one character of two UCS-2 code units', '😀'.repeat(35), 'UCS-2', 35, 70, 1],
    ['a backtick is not in GSM-7', 'a`b', 'UCS-2', 3, 3, 1],
    ['an empty text is no message at all', '', 'GSM-7', 0, 0, 0],
  ])('%s', (_n, text, encoding, characters, units, segments) => {
    const m = smsMetrics(text);
    expect([m.encoding, m.characters, m.units, m.segments]).toEqual([encoding, characters, units, segments]);
  });

  it('a 160-character text with € [ ] is 160 characters and 163 septets: two segments', () => {
    const text = 'Your total is €12 [incl. VAT] '.padEnd(160, 'x');
    expect(text.length).toBe(160);
    expect(smsMetrics(text)).toMatchObject({ characters: 160, units: 163, segments: 2 });
    expect(smsLength(smsMetrics(text))).toBe('160 characters (163 septets)');
    expect(smsLength(smsMetrics('plain'))).toBe('5 characters');
    expect(smsLength(smsMetrics('Zoë 😀'))).toBe('5 characters (6 UCS-2 code units)');
  });

  it('lists the characters that force UCS-2', () => {
    expect(smsMetrics('Café ☕ and naïve łódź').nonGsm).toEqual(['☕', 'ï', 'ł', 'ó', 'ź']);
  });

  it('an extension character that would straddle the 153rd septet moves whole to the next part', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    expect(smsParts(text)).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
    expect(smsMetrics(text)).toMatchObject({ units: 164, segments: 2 });
  });

  it('a surrogate pair that would straddle the 67th code unit moves whole to the next part', () => {
    const text = 'ł'.repeat(66) + '😀' + 'ł'.repeat(10);
    expect(smsParts(text)).toEqual(['ł'.repeat(66), '😀' + 'ł'.repeat(10)]);
  });

  it('a flag or a family emoji is never split between parts', () => {
    expect(smsParts('ł'.repeat(65) + '🇫🇷' + 'x'.repeat(10))).toEqual(['ł'.repeat(65), '🇫🇷' + 'x'.repeat(10)]);
    expect(smsParts('ł'.repeat(60) + '👨‍👩‍👧' + 'x'.repeat(10))).toEqual(['ł'.repeat(60), '👨‍👩‍👧' + 'x'.repeat(10)]);
  });

  it('a skin-tone emoji after a letter is one character, as current handsets show it', () => {
    // The calculator's 2017 grapheme rules split it in two; Unicode 11 and later keep it whole.
    expect(smsMetrics('a🏽')).toMatchObject({ characters: 1, units: 3, segments: 1 });
    expect(oracle('a🏽').characters).toBe(2);
  });

  it('a flag followed by two combining marks is one character (the calculator splits after the first)', () => {
    expect(smsMetrics('🇫🇷\u0301\u0308').characters).toBe(1);
    expect(oracle('🇫🇷\u0301\u0308').characters).toBe(2);
  });

  it('a character longer than a part is cut between code points, never inside a surrogate pair, as Android does', () => {
    // One grapheme of 201 code units after an "a": Android ends the first part before it, then cuts
    // it every 67 units (4 parts). The calculator lets it overfill one part and says 2.
    const long = 'e' + '\u0301'.repeat(200);
    expect(smsMetrics('a' + long).segments).toBe(4);
    expect(smsParts('a' + long).map((p) => p.length)).toEqual([1, 67, 67, 67]);
    expect(oracle('a' + long).segments).toBe(2);
    const emoji = '🏳' + '\ufe0f\u200d🌈'.repeat(40); // one grapheme, surrogate pairs throughout
    for (const p of smsParts(emoji)) {
      expect(p.length).toBeLessThanOrEqual(67);
      expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p)).toBe(false);
    }
    expect(smsParts(emoji).join('')).toBe(emoji);
  });

  it('a lone surrogate forces UCS-2 and counts one code unit', () => {
    expect(smsMetrics('ab\ud83d')).toMatchObject({ encoding: 'UCS-2', characters: 3, units: 3, segments: 1, nonGsm: ['\ud83d'] });
  });

  it('a 20 KB message of each kind is measured whole', () => {
    expect(smsMetrics('a'.repeat(20_000))).toMatchObject({ encoding: 'GSM-7', characters: 20_000, units: 20_000, segments: Math.ceil(20_000 / 153) });
    expect(smsMetrics('{}'.repeat(10_000))).toMatchObject({ encoding: 'GSM-7', units: 40_000, segments: Math.ceil(20_000 / 76) });
    expect(smsMetrics('😀'.repeat(10_000))).toMatchObject({ encoding: 'UCS-2', characters: 10_000, units: 20_000, segments: Math.ceil(10_000 / 33) });
    expect(smsMetrics('Zoë 👍🏽 '.repeat(2_000))).toMatchObject({ encoding: 'UCS-2', characters: 12_000, units: 18_000 });
  });

  it('agrees with the calculator on random GSM-7 text, extension characters included', () => {
    fc.assert(fc.property(text(fc.oneof(fc.constantFrom(...GSM_CHARS), fc.constantFrom(...EXTENSION_CHARS)), 500), expectSameAsCalculator), { numRuns: 1500 });
  });

  it('agrees with the calculator on mixed scripts, emoji, surrogate pairs and combining marks', () => {
    fc.assert(fc.property(text(anyAtom, 300), expectSameAsCalculator), { numRuns: 1500 });
  });

  it('agrees with the calculator where a part boundary falls on an extension character, an emoji or a grapheme', () => {
    fc.assert(fc.property(fc.oneof(atBoundary('a', [153, 160]), atBoundary('ł', [67, 70]), atBoundary('€', [76, 80])), expectSameAsCalculator), { numRuns: 600 });
  });

  it("the GSM-7 table is 3GPP TS 23.038 (basic table and extension), the same as the calculator's", () => {
    const ours: Record<string, number[]> = {};
    [...GSM7_BASIC].forEach((ch, code) => {
      if (code !== 0x1b) ours[ch.charCodeAt(0)] = [code];
    });
    for (const [code, ch] of GSM7_EXTENSION) ours[ch.charCodeAt(0)] = [0x1b, code];
    expect(ours).toEqual(Object.fromEntries(Object.entries(LIBRARY_TABLE).map(([k, v]) => [Number(k), v])));
    // The GSM-7 path counts one character per code unit: every GSM-7 character must be simple.
    for (const k of Object.keys(ours)) expect(SIMPLE_RANGES.some(([from, to]) => Number(k) >= from && Number(k) <= to)).toBe(true);
  });

  it("two adjacent simple code units never form one grapheme under Unicode's rules (so the fast path may count them one by one)", () => {
    // A code unit joins a neighbour when it extends what is before it (a + c), prepends itself to
    // what follows (c + a) or pairs with its own kind or the next (c + c + next c: Hangul jamo).
    // Checked for every code unit of the ranges, a thousand at a time (segment objects are costly).
    const units: string[] = [];
    for (const [from, to] of SIMPLE_RANGES) for (let c = from; c <= to; c++) units.push(String.fromCharCode(c));
    const joined: string[] = [];
    for (let i = 0; i < units.length; i += 1000) {
      const chunk = units.slice(i, i + 1000);
      for (const s of [chunk.map((c) => c + c).join(''), chunk.map((c) => 'a' + c).join('') + 'a']) {
        let at = 0;
        for (const g of segmenter.segment(s)) {
          if (g.segment.length > 1 && g.segment !== '\r\n') joined.push(JSON.stringify(g.segment));
          at += g.segment.length;
        }
        expect(at).toBe(s.length);
      }
    }
    expect(joined).toEqual([]);
  });

  it('long runs of emoji are segmented exactly as one segment() call would', () => {
    fc.assert(
      fc.property(text(fc.constantFrom(...ADVERSARIAL.filter((a) => a.length > 1 || a.charCodeAt(0) > 0x2ff), '\u200d'), 400), (t) => {
        const parts = smsParts(t);
        expect(parts.join('')).toBe(t);
        let expected = 0;
        for (const s of segmenter.segment(t)) expected += s.segment === '\r\n' ? 2 : 1;
        expect(smsMetrics(t).characters).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SMS from name', () => {
  it.each([
    ['Airline', true, true],
    ['AB', false, true],
    ['TwelveChars1', false, true],
    ['My Air', true, false],
    ['Air-Line', true, false],
  ])('"%s": length ok %s, characters ok %s', (from, length, chars) => {
    expect(checkFromName(from)).toEqual({ length, chars });
  });
});
