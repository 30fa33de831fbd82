// Under zod 4 a `.partial()` of an object whose fields have `.default()` still fills the defaults in:
// a one-field patch would come out as a whole object and reset every other field. Each partial
// schema in the repository is checked here: a patch (or a content without its optional fields)
// parses to exactly what was given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/ipc/contract';
import { campaignNodeSchema } from '../../shared/campaign/model';
import { startSandbox, type Sandbox } from '../../host/sandbox/server';

describe('a partial patch does not invent values', () => {
  it('sandbox.faults.set: a patch of one field is that one field', () => {
    const args = channels['sandbox.faults.set'].args.parse({ environmentId: 'sandbox', faults: { latencyMs: 200 } });
    expect(args.faults).toEqual({ latencyMs: 200 });
    expect(channels['sandbox.faults.set'].args.parse({ environmentId: 'sandbox', faults: {} }).faults).toEqual({});
  });

  it('sandbox.faults.set still refuses what a full fault config refuses', () => {
    expect(channels['sandbox.faults.set'].args.safeParse({ environmentId: 'sandbox', faults: { share500: 2 } }).success).toBe(false);
    expect(channels['sandbox.faults.set'].args.safeParse({ environmentId: 'sandbox', faults: { nope: 1 } }).success).toBe(false);
  });

  it.each([
    ['sms without from', { key: 's', channel: 'sms', content: { text: 'hi' } }],
    ['email without from_name, preheader, html, text', { key: 'e', channel: 'email', content: { subject: 's' } }],
    ['web push without icon, image, url, buttons', { key: 'w', channel: 'webpush', content: { title: 't', body: 'b' } }],
    ['push without title, image, url', { key: 'p', channel: 'push', content: { body: 'b' } }],
  ])('campaign node content (%s) keeps only the fields written', (_name, node) => {
    expect(campaignNodeSchema.parse(node).content).toEqual(node.content);
  });
});

describe('the sandbox keeps every fault field a patch does not name', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ tokens: ['T'] });
  });
  afterAll(() => sandbox.close());

  it('latency, then a share of 500s, through the channel schema: both stay set', () => {
    const patch = (faults: unknown) => sandbox.setFaults('sandbox', channels['sandbox.faults.set'].args.parse({ environmentId: 'sandbox', faults }).faults);
    patch({ latencyMs: 200 });
    const after = patch({ share500: 0.3 });
    expect(after).toMatchObject({ latencyMs: 200, share500: 0.3, maxTargets: 10_000 });
    expect(sandbox.faults('sandbox')).toEqual(after);
  });
});
