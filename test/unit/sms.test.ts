import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculatorMetrics, checkFromName, smsMetrics } from '../../shared/channels/sms';

describe('SMS encoding and segments', () => {
  it.each([
    ['160 GSM-7 characters fit one segment', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 GSM-7 characters take two segments of 153', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 GSM-7 characters fill two segments exactly', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 GSM-7 characters take three', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['the euro sign counts two septets (extension table)', '€'.repeat(80), 'GSM-7', 160, 1],
    ['81 euro signs overflow into two segments', '€'.repeat(81), 'GSM-7', 162, 2],
    ['é and other GSM-7 accents stay GSM-7', 'é'.repeat(70), 'GSM-7', 70, 1],
    ['one non-GSM character forces UCS-2: 70 per segment', 'ł'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 characters take two segments of 67', 'ł'.repeat(71), 'UCS-2', 71, 2],
    ['an emoji counts two UCS-2 code units', '😀'.repeat(35), 'UCS-2', 70, 1],
  ])('%s', (_n, text, encoding, characters, segments) => {
    const m = smsMetrics(text);
    expect([m.encoding, m.characters, m.segments]).toEqual([encoding, characters, segments]);
  });

  it('lists the characters that force UCS-2', () => {
    expect(smsMetrics('Café ☕ and naïve łódź').nonGsm).toEqual(['☕', 'ï', 'ł', 'ó', 'ź']);
  });

  it('the fast path always agrees with the calculator', () => {
    const alphabet = fc.constantFrom(...'abcXYZ 019@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞ^{}\\[~]|€\n\r'.split(''), 'ł', '😀', '☕', 'ï', '中');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), (text) => {
        expect(smsMetrics(text)).toEqual(calculatorMetrics(text));
      }),
      { numRuns: 2000 },
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
