/** Which campaign the workspace screen shows: the person's one remembered choice, else a default derived from the files. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceModel } from '../../shared/workspace/model';

vi.mock('../../renderer/api/client', async (original) => (await import('./fake-api')).fakeClient(original as never));

const { shownCampaignFile, useWorkspace } = await import('../../renderer/stores/workspace');
const { useUi } = await import('../../renderer/stores/ui');

const entry = (file: string, id?: string) => ({ file, diagnostics: [], ...(id ? { campaign: { id, name: id, type: 'single', nodes: [] } } : {}) });
const sample = { campaigns: [entry('campaigns/gate-update.yaml', 'GATE'), entry('campaigns/promo-journey.yaml', 'Campaign_ID')] } as unknown as WorkspaceModel;
const team = { campaigns: [entry('campaigns/broken.yaml'), entry('campaigns/welcome.yaml', 'W'), entry('campaigns/winback.yaml', 'WB')] } as unknown as WorkspaceModel;

beforeEach(() => {
  useUi.setState({ campaign: undefined, selected: undefined, mode: 'matrix', compare: { kind: 'users', targets: [] }, drawer: null });
});

describe('the campaign shown', () => {
  it('is the one the person chose while the workspace has it', () => {
    expect(shownCampaignFile(team, 'campaigns/winback.yaml')).toBe('campaigns/winback.yaml');
  });
  it('falls back to the sample promo journey, or the first file that is a campaign, when the choice is gone', () => {
    expect(shownCampaignFile(sample, 'campaigns/deleted.yaml')).toBe('campaigns/promo-journey.yaml');
    expect(shownCampaignFile(team, undefined)).toBe('campaigns/welcome.yaml');
    expect(shownCampaignFile(undefined, 'campaigns/welcome.yaml')).toBeUndefined();
  });
  it('choosing another campaign starts its view afresh; choosing the one shown keeps the selected cell', () => {
    useWorkspace.setState({ model: team });
    useUi.getState().select('u1', 'n1');
    useWorkspace.getState().select('campaigns/welcome.yaml');
    expect(useUi.getState()).toMatchObject({ campaign: 'campaigns/welcome.yaml', selected: { target: 'u1', node: 'n1' } });
    useUi.getState().set({ mode: 'compare' });
    useWorkspace.getState().select('campaigns/winback.yaml');
    expect(useUi.getState()).toMatchObject({ campaign: 'campaigns/winback.yaml', selected: undefined, mode: 'matrix' });
    useWorkspace.getState().select('campaigns/not-there.yaml');
    expect(useUi.getState().campaign).toBe('campaigns/winback.yaml');
  });
});
