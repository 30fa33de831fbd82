import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../shared/campaign/load';
import { campaignSchema } from '../../shared/campaign/model';
import { parseCampaignModel, parseCampaignList } from '../../shared/platform/campaign';
import { importedCampaignYaml, campaignFileStem } from '../../shared/platform/campaign-file';
import { compareWithLive } from '../../shared/platform/diff';
import { mapPlatformCampaign, toPlatformModel } from '../../shared/platform/mapping';

const promo = campaignSchema.parse({
  name: 'Promo journey',
  id: 'Campaign_ID',
  type: 'multistage',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{first_name}}' } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{match_name}}', body: 'Use code {{promo_code}}' } },
  ],
});

function live(model: unknown) {
  const { campaign, problems } = parseCampaignModel(model);
  expect(problems).toEqual([]);
  return mapPlatformCampaign(campaign!);
}

describe('platform campaign mapping', () => {
  it('a workspace campaign survives the trip to the platform model and back unchanged', () => {
    const back = live(toPlatformModel(promo));
    expect(back.campaign).toEqual(promo);
    expect(back.active).toBe(true);
    expect(back.unmapped).toEqual([]);
  });

  it('every message type with a template becomes a node; inbox becomes a push node keyed "inbox"; webhook is kept unmapped', () => {
    const m = live({
      id: 42,
      title: 'All channels',
      active: '0',
      messages: {
        '1': { push_title: 'iOS {{a}}', push_text: 'i' },
        '2': { push_text: 'android' },
        '3': { push_title: 'W', push_text: 'web', push_icon: 'https://x/i.png', url: 'https://x' },
        '6': { push_title: 'Inbox', push_text: 'card' },
        '7': { email_subject: 'Hello', email_html: '<p>{{name}}</p>' },
        '8': { webhook_url: 'https://hook' },
        '9': { sms_text: 'SMS' },
      },
    });
    expect(m.campaign.id).toBe('42');
    expect(m.active).toBe(false);
    expect(m.campaign.nodes.map((n) => `${n.key}:${n.channel}`)).toEqual(['sms:sms', 'email:email', 'webpush:webpush', 'ios:push', 'android:push', 'inbox:push']);
    expect(m.nodeTypes).toMatchObject({ inbox: 6, android: 2, ios: 1 });
    expect(m.unmapped).toContainEqual({ path: 'messages.8', value: { webhook_url: 'https://hook' } });
    expect(m.notes.some((n) => n.includes('Webhook'))).toBe(true);
    expect(campaignSchema.safeParse(m.campaign).success).toBe(true);
  });

  it('unknown campaign and message fields are kept with their path, never dropped', () => {
    const m = live({ id: 'C1', title: 'T', tags: ['x'], messages: { '9': { sms_text: 'Hi', sms_unicode: true } } });
    expect(m.unmapped).toEqual(
      expect.arrayContaining([
        { path: 'tags', value: ['x'] },
        { path: 'messages.9.sms_unicode', value: true },
      ]),
    );
  });

  it('the imported file says where it came from, lists unmapped fields as comments, and loads as a valid campaign', () => {
    const m = live({ id: 'C1', title: 'Gate update', active: 1, tags: ['ops'], messages: { '9': { sms_from: 'Airline', sms_text: 'Gate {{gate}}' } } });
    const text = importedCampaignYaml(m, { environmentName: 'Sandbox', importedAt: '2026-01-01T00:00:00Z' });
    expect(text).toContain('# Imported from Xtremepush (environment "Sandbox", campaign ID C1)');
    expect(text).toContain('#   tags: ["ops"]');
    const loaded = loadCampaign('campaigns/gate-update.yaml', text);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.campaign).toEqual(m.campaign);
    expect(campaignFileStem('Gate update', 'C1')).toBe('gate-update');
    expect(campaignFileStem('', 'Campaign_ID')).toBe('campaign-campaign-id');
  });

  it('a model without an id or with messages of the wrong shape is a located problem', () => {
    expect(parseCampaignModel({ title: 'x' }).problems).toEqual([{ path: 'model.id', message: 'the campaign has no id' }]);
    expect(parseCampaignModel('nope').problems[0]!.path).toBe('model');
    const r = parseCampaignModel({ id: 1, messages: { '9': 'text' } });
    expect(r.campaign).toBeDefined();
    expect(r.problems).toEqual([{ path: 'model.messages.9', message: 'expected the message as an object' }]);
  });

  it('list rows keep unknown fields and say which are API-triggered', () => {
    const r = parseCampaignList([{ id: 1, title: 'A', trigger: 3, active: 1, sms: 1, web_push: '1', owner: 'x' }, { id: 2, title: 'B', trigger: 1 }, { title: 'no id' }]);
    expect(r.rows).toEqual([
      { id: '1', title: 'A', active: true, apiTriggered: true, channels: ['SMS', 'Web push'], other: { owner: 'x' } },
      { id: '2', title: 'B', active: undefined, apiTriggered: false, channels: [], other: {} },
    ]);
    expect(r.problems).toEqual([{ path: 'data[2]', message: 'expected a campaign with an id' }]);
  });
});

describe('check against live', () => {
  it('an unchanged live campaign shows every field as the same', () => {
    const c = compareWithLive(promo, live(toPlatformModel(promo)));
    expect(c.differs).toBe(false);
    expect(c.fields.every((f) => f.status === 'same')).toBe(true);
    expect(c.warnings).toEqual([]);
  });

  it('a changed SMS text is reported for that field only, with both versions', () => {
    const model = toPlatformModel(promo) as { messages: Record<string, Record<string, unknown>> };
    model.messages['9']!.sms_text = 'Hello {{first_name}}';
    const c = compareWithLive(promo, live(model));
    expect(c.differs).toBe(true);
    expect(c.fields.filter((f) => f.status !== 'same')).toEqual([{ message: 'SMS', messageType: 9, node: 'sms', field: 'text', status: 'changed', local: 'Hi {{first_name}}', live: 'Hello {{first_name}}' }]);
  });

  it('a message only the platform has, and an inactive live campaign, are warnings', () => {
    const model = toPlatformModel(promo, false) as { messages: Record<string, Record<string, unknown>> };
    model.messages['7'] = { email_subject: 'Hi' };
    const c = compareWithLive(promo, live(model));
    expect(c.fields).toContainEqual({ message: 'Email', messageType: 7, field: 'subject', status: 'live-only', live: 'Hi' });
    expect(c.warnings.join(' ')).toMatch(/has an Email message that the workspace campaign does not have/);
    expect(c.warnings.join(' ')).toMatch(/inactive/);
  });
});
