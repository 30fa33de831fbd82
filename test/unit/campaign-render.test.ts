import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileCampaign, fieldFailure, renderNode, type NodeRender } from '../../shared/campaign/render';
import { createEvaluation, evaluate } from '../../shared/pipeline';
import type { Campaign } from '../../shared/campaign/model';
import type { SendData } from '../../shared/campaign/send-data';

const journey: Campaign = {
  name: 'Promo journey',
  id: 'Campaign_ID',
  type: 'multistage',
  target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{first_name}}, your {{promo_name}} offer for {{match_name}} is now live.' } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{match_name}}', body: 'Place your bet on {{match_name}}. Use code {{promo_code}} to claim your {{promo_name}} offer.' } },
  ],
};
const data: SendData = {
  target_by: 'user_id',
  target: ['user_1', 'user_2', 'user_3'],
  params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' },
  target_with_params: { user_1: { promo_code: 'PLAY50X' }, user_2: { promo_code: 'PLAY75Y' }, user_3: { promo_code: 'PLAY100Z' } },
};
const profiles = { user_1: { first_name: 'Aoife', promo_name: 'from profile' }, user_2: { first_name: 'Liam' } };
/** Every render of the evaluation pipeline, in target then node order. */
const renderAll = (d: SendData, p = profiles) => {
  const out: NodeRender[] = [];
  evaluate({ campaign: journey, data: d, profiles: p }, { onCell: (r) => out.push(r) });
  return out;
};

describe('a template that does not compile', () => {
  const broken: Campaign = { ...journey, nodes: [{ ...journey.nodes[0]!, content: { from: 'Promo', text: 'Hi {{first_name}}. {% if first_name %}' } } as Campaign['nodes'][number], journey.nodes[1]!] };

  it('every render of its node carries the compile error for that user and names the field as failed; other nodes render', () => {
    const renders: NodeRender[] = [];
    evaluate({ campaign: broken, data, profiles }, { onCell: (r) => renders.push(r) });
    const sms = renders.filter((r) => r.node === 'sms');
    expect(sms).toHaveLength(3);
    for (const r of sms) {
      expect(r.failed).toEqual(['text']);
      expect(fieldFailure(r, 'text')).toMatchObject({ code: 'syntax', severity: 'error', target: r.target, node: 'sms', field: 'text' });
    }
    for (const r of renders.filter((x) => x.node === 'webpush')) {
      expect(r.failed).toBeUndefined();
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it("a run-time failure marks only that user's field as failed", () => {
    const c: Campaign = { ...journey, nodes: [{ key: 'sms', channel: 'sms', content: { text: '{{ 10 / n }}' } }] };
    const cc = compileCampaign(c);
    const bad = renderNode(cc.nodes[0]!, 'user_1', { ...data, params: { n: 0 } }, {});
    expect(bad.failed).toEqual(['text']);
    expect(fieldFailure(bad, 'text')?.code).toBe('render');
    expect(renderNode(cc.nodes[0]!, 'user_1', { ...data, params: { n: 2 } }, {}).failed).toBeUndefined();
  });

  it('a render records the values it used, by attribute', () => {
    const r = renderNode(compileCampaign(journey).nodes[1]!, 'user_2', data, profiles);
    expect(r.values).toEqual({ match_name: 'Man Utd vs Liverpool', promo_code: 'PLAY75Y', promo_name: 'Play-X-Get-Y' });
  });
});

describe('rendering a campaign per user and node', () => {
  const cc = compileCampaign(journey);

  it("renders the source document's journey, one render per user per node in target then node order", () => {
    const renders = renderAll(data);
    expect(renders.map((r) => `${r.target}/${r.node}`)).toEqual(['user_1/sms', 'user_1/webpush', 'user_2/sms', 'user_2/webpush', 'user_3/sms', 'user_3/webpush']);
    expect(renders[0]!.fields.text).toBe('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
    expect(renders[3]!.fields.body).toBe('Place your bet on Man Utd vs Liverpool. Use code PLAY75Y to claim your Play-X-Get-Y offer.');
  });

  it('each node resolves only the placeholders it references, with their sources', () => {
    const [sms, push] = renderAll(data);
    expect(sms!.sources).toEqual({ first_name: 'profile', promo_name: 'params', match_name: 'params' });
    expect(push!.sources).toEqual({ match_name: 'params', promo_code: 'target_with_params', promo_name: 'params' });
  });

  it('passed params win over profile attributes, per-user values win over params', () => {
    const d: SendData = { ...data, target_with_params: { user_1: { promo_name: 'VIP' } } };
    const r = renderNode(cc.nodes[0]!, 'user_1', d, profiles);
    expect(r.fields.text).toContain('your VIP offer');
    expect(r.sources.promo_name).toBe('target_with_params');
  });

  it('a missing value renders as the empty string with an empty-value warning', () => {
    const r = renderNode(cc.nodes[0]!, 'user_3', data, profiles);
    expect(r.fields.text).toBe('Hi , your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
    expect(r.sources.first_name).toBe('empty');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'empty-value', severity: 'warning', node: 'sms', target: 'user_3' }));
  });

  it('in legacy personalisation mode an empty value is an error: the message would not be sent', () => {
    const r = renderNode(cc.nodes[0]!, 'user_3', data, profiles, { legacyPersonalisation: true });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'not-personalised', severity: 'error' }));
  });

  it('SMS renders carry encoding, characters and segments', () => {
    const r = renderNode(cc.nodes[0]!, 'user_1', data, profiles);
    expect(r.sms).toEqual({ encoding: 'GSM-7', characters: 71, units: 71, segments: 1, nonGsm: [] });
  });

  it('passed values are data: any string comes out literally, never compiled', () => {
    const c: Campaign = { ...journey, nodes: [{ key: 'p', channel: 'push', content: { title: 't', body: '{{ v }}' } }] };
    const compiled = compileCampaign(c);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (v) => {
        const r = renderNode(compiled.nodes[0]!, 'u', { target_by: 'user_id', target: ['u'], params: { v }, target_with_params: {} });
        return r.fields.body === v;
      }),
      { numRuns: 500 },
    );
    const r = renderNode(compiled.nodes[0]!, 'u', { target_by: 'user_id', target: ['u'], params: { v: '{{ 7*7 }}' }, target_with_params: {} });
    expect(r.fields.body).toBe('{{ 7*7 }}');
  });
});

describe('channel checks after rendering', () => {
  const one = (content: Record<string, string>, channel: 'sms' | 'webpush' | 'email' = 'sms', params: Record<string, unknown> = {}) => {
    const c = { name: 'x', id: '1', type: 'single-stage', target_by: 'user_id', nodes: [{ key: 'n', channel, content }] } as Campaign;
    return renderNode(compileCampaign(c).nodes[0]!, 'u', { target_by: 'user_id', target: ['u'], params, target_with_params: {} });
  };

  it('an SMS from name outside 3–11 characters after rendering is an error', () => {
    expect(one({ from: '{{from}}', text: 'x' }, 'sms', { from: 'AB' }).diagnostics).toContainEqual(expect.objectContaining({ code: 'sms-from-length', severity: 'error', field: 'from' }));
    expect(one({ from: '{{from}}', text: 'x' }, 'sms', { from: 'TwelveChars1' }).diagnostics.map((d) => d.code)).toContain('sms-from-length');
    expect(one({ from: '{{from}}', text: 'x' }, 'sms', { from: 'Airline' }).diagnostics).toEqual([]);
  });

  it('an SMS from name with a space is a warning', () => {
    expect(one({ from: 'My Air', text: 'x' }).diagnostics).toContainEqual(expect.objectContaining({ code: 'sms-from-chars', severity: 'warning' }));
  });

  it('a URL field that is not absolute http(s) after rendering is a warning', () => {
    const r = one({ title: 't', body: 'b', url: '{{link}}' }, 'webpush', { link: 'javascript:alert(1)' });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'invalid-url', field: 'url' }));
    expect(one({ title: 't', body: 'b', url: 'https://example.org/x?a={{a}}' }, 'webpush', { a: '1' }).diagnostics).toEqual([]);
  });

  it('rendered output that still contains Twig markup is flagged', () => {
    const r = one({ from: 'Airline', text: '{{ text }}' }, 'sms', { text: 'Hello {{ name }}' });
    expect(r.fields.text).toBe('Hello {{ name }}');
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'twig-residue' }));
  });

  it('an empty email subject is a warning', () => {
    expect(one({ subject: '{{s}}', html: '<p>x</p>' }, 'email').diagnostics.map((d) => d.code)).toContain('empty-subject');
  });
});

describe('campaign-level data diagnostics', () => {
  it('flags params nobody uses, per-user values for untargeted ids, and repeated ids (one code, duplicate-id)', () => {
    const d: SendData = { ...data, target: ['user_1', 'user_1'], params: { ...data.params, unused: 1 }, target_with_params: { user_9: { promo_code: 'Z' } } };
    const codes = createEvaluation({ campaign: journey, data: d })
      .campaignDiagnostics()
      .map((x) => `${x.code}:${x.target ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining(['data-unused-column:', 'duplicate-id:user_1', 'untargeted-params:user_9']));
    expect(codes.some((c) => c.startsWith('duplicate-target') || c.startsWith('unused-param'))).toBe(false);
  });
});
