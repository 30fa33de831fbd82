/**
 * SMS channel rules: encoding and segment count (Twilio's well-kept calculator, which counts the
 * GSM-7 extension table as two septets) and the from-name rule (alphanumeric, 3 to 11 characters).
 */
import { SegmentedMessage } from 'sms-segments-calculator';

export interface SmsMetrics {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the carrier counts them: GSM-7 septets (extension chars count 2) or UCS-2 code units. */
  characters: number;
  segments: number;
  /** Characters that force UCS-2, in order of first appearance (empty for GSM-7). */
  nonGsm: string[];
}

/** Encoding, character count and segment count of an SMS text (160/153 GSM-7, 70/67 UCS-2). */
export function smsMetrics(text: string): SmsMetrics {
  if (text === '') return { encoding: 'GSM-7', characters: 0, segments: 0, nonGsm: [] };
  const m = new SegmentedMessage(text);
  const encoding = m.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7';
  const nonGsm = encoding === 'UCS-2' ? [...new Set(m.getNonGsmCharacters() as string[])] : [];
  const characters = encoding === 'UCS-2' ? text.length : m.numberOfCharacters;
  return { encoding, characters, segments: m.segmentsCount, nonGsm };
}

export type FromNameProblem = 'length' | 'chars' | null;

/** Checks a rendered SMS from name: 3 to 11 characters, letters and digits only (no spaces). */
export function checkFromName(from: string): { length: boolean; chars: boolean } {
  const n = [...from].length;
  return { length: n >= 3 && n <= 11, chars: /^[A-Za-z0-9]*$/.test(from) };
}
