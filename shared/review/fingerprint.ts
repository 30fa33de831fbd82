/**
 * Fingerprints that tie a review mark to what was reviewed: one of a render's output (its fields)
 * and one of the data it used (each referenced attribute's value and source). Stored in the review
 * file, so they must be the same in every process and on every run: canonical JSON (keys sorted)
 * hashed with 64-bit FNV-1a over UTF-16 code units, as 16 hex digits. Not a security measure; a
 * 64-bit hash makes an accidental match between two different renders practically impossible.
 */

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** 64-bit FNV-1a of a string, one round per UTF-16 code unit, in four 16-bit limbs (no BigInt: it runs per visible cell). */
function fnv1a64(s: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < s.length; i++) {
    h0 ^= s.charCodeAt(i);
    // h *= 0x100000001b3 (mod 2^64): h * 0x1b3 plus h shifted left by 40 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + Math.floor(t2 / 65536);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/** The fingerprint of any JSON-like value (key order does not matter). */
export function fingerprint(value: unknown): string {
  return fnv1a64(canonical(value));
}

const outputs = new WeakMap<object, string>();

/** The fingerprint of a render's output (every field as rendered). Cached per render object. */
export function outputFingerprint(r: { fields: Record<string, string> }): string {
  let f = outputs.get(r);
  if (f === undefined) outputs.set(r, (f = fingerprint(r.fields)));
  return f;
}

/** The fingerprint of the data a render used: each referenced attribute's value (empty when none) and its source. */
export function dataFingerprint(r: { sources: Record<string, string>; values: Record<string, unknown> }): string {
  const used: Record<string, unknown> = {};
  for (const name of Object.keys(r.sources)) used[name] = [r.sources[name], r.values[name] ?? ''];
  return fingerprint(used);
}
