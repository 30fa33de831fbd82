import { describe, expect, it } from 'vitest';
import { compileCampaign, renderNode } from '../../shared/campaign/render';
import type { Campaign } from '../../shared/campaign/model';
import { provenanceOf, searchSegments, splitSentinels } from '../../renderer/workers/provenance';

const campaign = (text: string, channel: 'sms' | 'email' = 'sms'): Campaign =>
  ({ name: 'c', id: 'c', type: 'single-stage', target_by: 'user_id', nodes: [channel === 'sms' ? { key: 'n', channel, content: { text } } : { key: 'n', channel, content: { subject: 's', html: text } }] }) as Campaign;

const data = { target_by: 'user_id', target: ['u1'], params: { promo: 'Play-X', n: 3 }, target_with_params: { u1: { code: 'ABC' } } };
const profiles = { u1: { first_name: 'Aoife' } };

function cell(text: string, channel: 'sms' | 'email' = 'sms') {
  const cn = compileCampaign(campaign(text, channel)).nodes[0]!;
  const real = renderNode(cn, 'u1', data, profiles).fields;
  return { ...provenanceOf(cn, 'u1', data, profiles, real), real };
}

describe('provenance of rendered values (sentinel render)', () => {
  it('splits the output by the source of each value; the segments join back to the real output', () => {
    const { fields, exact, real } = cell('Hi {{ first_name }}, use {{ code }} for {{ promo }}{{ missing }}.');
    expect(exact).toBe(true);
    expect(fields.text!.map((s) => s.text).join('')).toBe(real.text);
    expect(fields.text!.filter((s) => s.attr).map((s) => [s.attr, s.text, s.source])).toEqual([
      ['first_name', 'Aoife', 'profile'],
      ['code', 'ABC', 'target_with_params'],
      ['promo', 'Play-X', 'params'],
      ['missing', '', 'empty'],
    ]);
  });

  it('values through filters keep their source (upper)', () => {
    const { fields } = cell('{{ promo|upper }}!');
    expect(fields.text).toEqual([{ text: 'PLAY-X', attr: 'promo', source: 'params' }, { text: '!' }]);
  });

  it('falls back to searching the real output when wrapping changes the result (length, comparisons)', () => {
    const { fields, exact, real } = cell('{{ code|length }} {% if promo == "Play-X" %}yes {{ code }}{% endif %}');
    expect(real.text).toBe('3 yes ABC');
    expect(exact).toBe(false);
    expect(fields.text!.map((s) => s.text).join('')).toBe('3 yes ABC');
    expect(fields.text!.find((s) => s.attr === 'code')?.text).toBe('ABC');
  });

  it('escaped email HTML keeps values markable', () => {
    const { fields, exact } = cell('<p>{{ first_name }}</p>', 'email');
    expect(exact).toBe(true);
    expect(fields.html!.find((s) => s.attr)?.text).toBe('Aoife');
  });

  it('splitSentinels and searchSegments handle plain text', () => {
    expect(splitSentinels('abc', [], {})).toEqual([{ text: 'abc' }]);
    expect(searchSegments('a-b-a', [{ attr: 'x', text: 'a', source: 'params' }])).toEqual([{ text: 'a', attr: 'x', source: 'params' }, { text: '-b-' }, { text: 'a', attr: 'x', source: 'params' }]);
  });
});
