/**
 * SMS channel rules: encoding and segment count, and the from-name rule (alphanumeric, 3 to 11
 * characters).
 *
 * Encoding and segments come from Twilio's well-kept calculator (`sms-segments-calculator`), which
 * counts the GSM-7 extension table as two septets and never splits an escape pair or a surrogate pair
 * across segments. It costs about half a millisecond per message, too slow for a scan of 100,000 users,
 * so single-segment messages — the common case — take a fast path over the calculator's own GSM-7 table;
 * anything longer goes to the calculator itself. A property test checks both paths agree.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import UnicodeToGsmModule from 'sms-segments-calculator/dist/libs/UnicodeToGSM';

export interface SmsMetrics {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the carrier counts them: GSM-7 septets (extension chars count 2) or UCS-2 code units. */
  characters: number;
  segments: number;
  /** Characters that force UCS-2, in order of first appearance (empty for GSM-7). */
  nonGsm: string[];
}

// A CommonJS module with `exports.default`: bundlers in Node mode hand over the whole exports object.
const moduleValue = UnicodeToGsmModule as unknown as Record<string, number[]> & { default?: Record<string, number[]> };
const UNICODE_TO_GSM: Record<string, number[]> = moduleValue.default ?? moduleValue;
const GSM_SEPTETS = new Map<number, number>(Object.entries(UNICODE_TO_GSM).map(([k, v]) => [Number(k), v.length]));
if (GSM_SEPTETS.size < 128) throw new Error('sms-segments-calculator: GSM-7 table not found');

function nonGsmChars(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) if (!GSM_SEPTETS.has(ch.codePointAt(0)!)) seen.add(ch);
  return [...seen];
}

/** Encoding, character count and segment count of an SMS text (160/153 GSM-7, 70/67 UCS-2). */
export function smsMetrics(text: string): SmsMetrics {
  if (text === '') return { encoding: 'GSM-7', characters: 0, segments: 0, nonGsm: [] };
  let septets = 0;
  let gsm = true;
  for (let i = 0; i < text.length; i++) {
    const n = GSM_SEPTETS.get(text.charCodeAt(i));
    if (n === undefined) {
      gsm = false;
      break;
    }
    septets += n;
  }
  if (gsm && septets <= 160) return { encoding: 'GSM-7', characters: septets, segments: 1, nonGsm: [] };
  if (!gsm && text.length <= 70) return { encoding: 'UCS-2', characters: text.length, segments: 1, nonGsm: nonGsmChars(text) };
  return calculatorMetrics(text);
}

/** The calculator's own answer (the slow, exact path; exported for tests). */
export function calculatorMetrics(text: string): SmsMetrics {
  if (text === '') return { encoding: 'GSM-7', characters: 0, segments: 0, nonGsm: [] };
  const m = new SegmentedMessage(text);
  const encoding = m.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  return {
    encoding,
    characters: encoding === 'UCS-2' ? text.length : m.numberOfCharacters,
    segments: m.segmentsCount,
    nonGsm: encoding === 'UCS-2' ? nonGsmChars(text) : [],
  };
}

/** Checks a rendered SMS from name: 3 to 11 characters, letters and digits only (no spaces). */
export function checkFromName(from: string): { length: boolean; chars: boolean } {
  const n = [...from].length;
  return { length: n >= 3 && n <= 11, chars: /^[A-Za-z0-9]*$/.test(from) };
}
