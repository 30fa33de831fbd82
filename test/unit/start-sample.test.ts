import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interpretWorkspace } from '../../shared/workspace/model';
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import { SAMPLE_FIRST_CAMPAIGN, isSampleWorkspace } from '../../renderer/components/start/sample';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const folder = (name: string) => readdirSync(join(examples, name)).map((f) => ({ path: `${name}/${f}`, text: readFileSync(join(examples, name, f), 'utf8') }));

/** The sample workspace as the host would read it, from the real files in examples/. */
function sampleSnapshot(): WorkspaceSnapshot {
  return { dir: '/copy/of/examples', name: 'examples', campaigns: folder('campaigns'), requests: folder('requests'), targets: folder('targets'), profiles: folder('profiles'), diagnostics: [] };
}

describe('the sample workspace (Start here, first campaign)', () => {
  it('a copy of examples/ is recognised wherever it lives, by its promo journey', () => {
    const model = interpretWorkspace(sampleSnapshot());
    expect(model.campaigns.map((c) => c.file)).toContain(SAMPLE_FIRST_CAMPAIGN);
    expect(isSampleWorkspace(model)).toBe(true);
  });

  it('the first campaign it opens has real users, not the placeholder USER_ID', () => {
    const model = interpretWorkspace(sampleSnapshot());
    expect(model.campaigns.find((c) => c.file === SAMPLE_FIRST_CAMPAIGN)?.request?.data.target).toEqual(['user_1', 'user_2', 'user_3']);
  });

  it("a workspace without the promo journey, or with another campaign in its place, is the team's own", () => {
    const without = sampleSnapshot();
    without.campaigns = without.campaigns.filter((c) => c.path !== SAMPLE_FIRST_CAMPAIGN);
    expect(isSampleWorkspace(interpretWorkspace(without))).toBe(false);
    const replaced = sampleSnapshot();
    replaced.campaigns = replaced.campaigns.map((c) => (c.path === SAMPLE_FIRST_CAMPAIGN ? { ...c, text: c.text.replace('id: "Campaign_ID"', 'id: "TEAM_PROMO_42"') } : c));
    expect(isSampleWorkspace(interpretWorkspace(replaced))).toBe(false);
    expect(isSampleWorkspace(undefined)).toBe(false);
  });
});
