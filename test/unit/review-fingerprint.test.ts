import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dataFingerprint, fingerprint, outputFingerprint } from '../../shared/review/fingerprint';
import { decide, emptyReview, reviewMark } from '../../shared/review/model';

/** 64-bit FNV-1a over UTF-16 code units, the slow and obvious way. */
function reference(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('render fingerprints', () => {
  it('is 64-bit FNV-1a of the canonical JSON: the standard value for a plain ASCII string', () => {
    // FNV-1a 64 of the three bytes `"a"` (the JSON of the string a).
    expect(fingerprint('a')).toBe(reference('"a"'));
    expect(reference('a')).toBe('af63dc4c8601ec8c');
  });

  it('agrees with the reference for any text, including characters beyond one byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => fingerprint(s) === reference(JSON.stringify(s))),
      { numRuns: 500 },
    );
  });

  it('does not depend on key order, and differs when one character of the output differs', () => {
    expect(outputFingerprint({ fields: { from: 'Promo', text: 'Hi Aoife' } })).toBe(outputFingerprint({ fields: { text: 'Hi Aoife', from: 'Promo' } }));
    expect(outputFingerprint({ fields: { text: 'Hi Aoife' } })).not.toBe(outputFingerprint({ fields: { text: 'Hi Aoifé' } }));
  });

  it('the data fingerprint covers each used value and where it came from', () => {
    const a = dataFingerprint({ sources: { first_name: 'profile' }, values: { first_name: 'Aoife' } });
    expect(dataFingerprint({ sources: { first_name: 'params' }, values: { first_name: 'Aoife' } })).not.toBe(a);
    expect(dataFingerprint({ sources: { first_name: 'profile' }, values: { first_name: 'Liam' } })).not.toBe(a);
  });
});

describe('the mark of a reviewed cell', () => {
  const at = '2025-01-01T00:00:00.000Z';
  const approved = { fields: { text: 'Hi Aoife, your Play-X-Get-Y offer' } };
  const d = { status: 'approved' as const, at, output: outputFingerprint(approved) };

  it('an approval stands while the render is the one approved, and is "changed" once it differs', () => {
    expect(reviewMark(d, { fields: { text: 'Hi Aoife, your Play-X-Get-Y offer' } })).toBe('approved');
    expect(reviewMark(d, { fields: { text: 'Hi Aoife, your Bet-5-Get-20 offer' } })).toBe('changed');
  });

  it('without a current render, or for a mark from before fingerprints, the decision stands; a flag stays a flag', () => {
    expect(reviewMark(d, undefined)).toBe('approved');
    expect(reviewMark({ status: 'approved', at }, { fields: { text: 'anything' } })).toBe('approved');
    expect(reviewMark({ status: 'flagged', at, output: 'x' }, { fields: { text: 'other' } })).toBe('flagged');
    expect(reviewMark(undefined, approved)).toBeUndefined();
    expect(decide(emptyReview('c'), 'u1', 'sms', d).decisions.u1!.sms).toEqual(d);
  });
});
