/**
 * Bytes → text for imported files. Spreadsheet tools write UTF-8 with or without BOM, UTF-16 with
 * BOM ("Unicode text" in Excel) and, on Windows, Windows-1252; ids must survive all of them.
 */
import type { Diagnostic } from '../diagnostics';

/** The encodings `decodeText` recognises. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded text, the encoding it was read as, and anything the user should know about that. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  diagnostics: Diagnostic[];
}

/**
 * Windows-1252 by table: Node's TextDecoder (up to at least v20) decodes 'windows-1252' as Latin-1,
 * turning € (0x80) and the other 0x80–0x9F characters into C1 control codes.
 */
const CP1252_HIGH = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];

/** Decodes Windows-1252 bytes (never fails: every byte maps to a character). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const parts: string[] = [];
  const buf = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      buf[i - start] = b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] as number) : b;
    }
    parts.push(String.fromCharCode(...buf.subarray(0, end - start)));
  }
  return parts.join('');
}

function decoder(label: string, fatal = false): InstanceType<typeof TextDecoder> {
  // ignoreBOM: false (the default) makes the decoder drop the BOM for us.
  return new TextDecoder(label, { fatal });
}

/**
 * UTF-16 without a BOM is rare but Excel-adjacent tools produce it; ASCII-heavy text then has a
 * zero in every other byte. Returns the byte order when the first 4 KB look like that.
 */
function sniffBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Decodes file bytes: UTF-8 BOM stripped, UTF-16 LE/BE read by their BOM (or by byte pattern without
 * one, with a warning), valid UTF-8 as UTF-8, anything else as Windows-1252 (with an info note, since
 * that guess is what Excel on Windows writes). Never throws.
 */
export function decodeText(bytes: Uint8Array, opts: { file?: string } = {}): DecodedText {
  const diagnostics: Diagnostic[] = [];
  const file = opts.file;
  const note = (severity: Diagnostic['severity'], code: string, message: string) => diagnostics.push({ code, severity, message, ...(file ? { file } : {}) });
  const b0 = bytes[0];
  const b1 = bytes[1];

  if (b0 === 0x50 && b1 === 0x4b && bytes[2] === 3 && bytes[3] === 4) {
    note('error', 'binary-file', 'This is a zip archive (probably an Excel .xlsx workbook), not text: save it as CSV (UTF-8) and import that.');
    return { text: '', encoding: 'utf-8', diagnostics };
  }
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return finish(decodeUtf8(bytes, 'utf-8-bom', note), diagnostics, note);
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    if (bytes.length % 2 === 1) note('warning', 'truncated-text', 'The file has an odd number of bytes for UTF-16 text: its last byte is cut off and was ignored.');
    return finish({ text: decoder(encoding).decode(bytes), encoding }, diagnostics, note);
  }
  const bomless = sniffBomlessUtf16(bytes);
  if (bomless) {
    note('warning', 'encoding-guess', `The file has no byte-order mark but looks like ${bomless === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} text; it was read that way.`);
    return finish({ text: decoder(bomless).decode(bytes), encoding: bomless }, diagnostics, note);
  }
  return finish(decodeUtf8(bytes, 'utf-8', note), diagnostics, note);
}

function decodeUtf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom', note: (s: Diagnostic['severity'], code: string, m: string) => void): { text: string; encoding: TextEncodingName } {
  try {
    return { text: decoder('utf-8', true).decode(bytes), encoding };
  } catch {
    // Invalid UTF-8. With a UTF-8 BOM the writer meant UTF-8, so keep it and mark the damage;
    // without one, the usual cause is Windows-1252 from Excel on Windows.
    if (encoding === 'utf-8-bom') {
      note('warning', 'invalid-utf8', 'The file starts with a UTF-8 marker but contains bytes that are not valid UTF-8; they were replaced with �.');
      return { text: decoder('utf-8').decode(bytes), encoding };
    }
    note('info', 'encoding-guess', 'The file is not valid UTF-8; it was read as Windows-1252 (what Excel on Windows writes). Check accented letters and symbols such as é and €.');
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function finish(r: { text: string; encoding: TextEncodingName }, diagnostics: Diagnostic[], note: (s: Diagnostic['severity'], code: string, m: string) => void): DecodedText {
  // A NUL in decoded text means a binary file or a wrong guess; every cell after it would be garbage.
  if (r.text.indexOf('\u0000') !== -1) note('error', 'binary-file', 'The file contains NUL characters: it is binary or in an encoding Preflight cannot read. Save it as CSV (UTF-8).');
  return { text: r.text, encoding: r.encoding, diagnostics };
}
