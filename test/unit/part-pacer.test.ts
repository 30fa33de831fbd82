// The import worker hands the UI a big set's parts as it asks for them (renderer/workers/part-pacer.ts).
import { describe, expect, it } from 'vitest';
import { createPartPacer } from '../../renderer/workers/part-pacer';
import type { ImportReply } from '../../renderer/workers/import-protocol';

const part = (i: number) => ({ type: 'built-part', seq: 1, part: { target: [`u${i}`], values: {} } }) as ImportReply;
const label = (m: ImportReply) => (m.type === 'built-part' ? `part ${m.part.target[0]}` : m.type);

describe('the part pacer', () => {
  it('keeps at most two parts unasked, and what follows them waits in order', () => {
    const sent: ImportReply[] = [];
    const p = createPartPacer((m) => sent.push(m));
    p.post({ type: 'progress', seq: 1, phase: 'build' });
    p.post({ type: 'built-head', seq: 1, head: { target_by: 'user_id', params: {}, values: { kind: 'keyed' }, parts: 4 } });
    for (let i = 0; i < 4; i++) p.post(part(i));
    p.post({ type: 'parsed', seq: 1, result: {} as never });
    expect(sent.map(label)).toEqual(['progress', 'built-head', 'part u0', 'part u1']);
    p.asked();
    expect(sent.map(label).slice(4)).toEqual(['part u2']);
    p.asked();
    // The reply comes only after the last part, never before it.
    expect(sent.map(label).slice(5)).toEqual(['part u3']);
    p.asked();
    expect(sent.map(label).slice(6)).toEqual(['parsed']);
    // Asking with nothing held (an answer that arrives late) sends nothing and lets the next reply through at once.
    p.asked();
    p.asked();
    p.post({ type: 'csv', seq: 2, text: 'a' });
    expect(sent.map(label).slice(7)).toEqual(['csv']);
  });

  it('a set in one part or none goes at once', () => {
    const sent: ImportReply[] = [];
    const p = createPartPacer((m) => sent.push(m));
    p.post(part(0));
    p.post({ type: 'parsed', seq: 1, result: {} as never });
    expect(sent.map(label)).toEqual(['part u0', 'parsed']);
  });
});
