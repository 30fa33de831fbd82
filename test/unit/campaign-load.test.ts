import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../shared/campaign/load';
import { interpretWorkspace } from '../../shared/workspace/model';

const good = `name: Promo
id: "C1"
type: multistage
nodes:
  - key: sms
    channel: sms
    content:
      from: "Promo"
      text: "Hi {{first_name}}"
  - key: mail
    channel: email
    content:
      subject: "Hello"
      html: "<p>Hi</p>"
`;

describe('campaign files', () => {
  it('loads a valid YAML campaign with target_by defaulting to user_id', () => {
    const r = loadCampaign('campaigns/promo.yaml', good);
    expect(r.diagnostics).toEqual([]);
    expect(r.campaign?.target_by).toBe('user_id');
    expect(r.campaign?.nodes.map((n) => n.channel)).toEqual(['sms', 'email']);
  });

  it('names the file, line and field path of a wrong type', () => {
    const r = loadCampaign('campaigns/promo.yaml', good.replace('subject: "Hello"', 'subject: 42'));
    expect(r.campaign).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'campaigns/promo.yaml', path: 'nodes[1].content.subject', line: 13, column: 16, severity: 'error' })]);
  });

  it('reports unknown keys with their names', () => {
    const r = loadCampaign('c.yaml', good.replace('      text: "Hi {{first_name}}"', '      text: "Hi"\n      txet: "typo"'));
    expect(r.diagnostics[0]).toMatchObject({ path: 'nodes[0].content', message: expect.stringContaining('"txet"') });
  });

  it('reports a YAML syntax error with its line', () => {
    const r = loadCampaign('c.yaml', 'name: "x\nid: 1\n');
    expect(r.diagnostics[0]).toMatchObject({ code: 'campaign-syntax', file: 'c.yaml', line: expect.any(Number) });
  });

  it('reads JSON campaign files with line numbers too', () => {
    const r = loadCampaign('c.json', '{\n  "name": "x",\n  "id": "1",\n  "type": "single-stage",\n  "nodes": [\n    {"key": "s", "channel": "fax", "content": {}}\n  ]\n}');
    expect(r.diagnostics[0]).toMatchObject({ path: 'nodes[0].channel', line: 6 });
  });

  it('rejects duplicate node keys', () => {
    const r = loadCampaign('c.yaml', good.replace('key: mail', 'key: sms'));
    expect(r.diagnostics[0]).toMatchObject({ path: 'nodes[1].key', message: expect.stringContaining('duplicate node key') });
  });

  it('one bad campaign never stops the others from loading', () => {
    const model = interpretWorkspace({
      dir: '/w',
      name: 'w',
      requests: [],
      targets: [],
      profiles: [],
      diagnostics: [],
      campaigns: [
        { path: 'campaigns/bad.yaml', text: 'name: [' },
        { path: 'campaigns/good.yaml', text: good },
      ],
    });
    expect(model.campaigns.map((c) => [c.file, !!c.campaign])).toEqual([
      ['campaigns/bad.yaml', false],
      ['campaigns/good.yaml', true],
    ]);
  });
});
