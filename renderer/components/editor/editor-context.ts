/** What the editor's completion and hover know, read from the app's stores at the moment they are asked. */
import { resolveValue } from '../../../shared/campaign/send-data';
import { getCampaignData, getProfiles } from '../../stores/data';
import { useRenders } from '../../stores/renders';
import { selectedTarget } from '../../hooks/useSelection';
import { currentCampaignFile } from '../../stores/workspace';
import type { EditorContext } from './twig-providers';
import { perUserKeys } from '../../../shared/campaign/per-user';

export const editorContext: EditorContext = {
  attributes() {
    const data = getCampaignData(currentCampaignFile());
    const out = new Map<string, string>();
    const add = (name: string, from: string) => out.has(name) || out.set(name, from);
    for (const k of Object.keys(data?.params ?? {})) add(k, 'param');
    if (data) for (const k of perUserKeys(data.target_with_params)) add(k, 'per-user column');
    for (const p of Object.values(getProfiles())) for (const k of Object.keys(p ?? {})) add(k, 'profile');
    for (const refs of Object.values(useRenders.getState().references)) for (const k of refs) add(k, 'used in a template');
    return [...out].map(([name, from]) => ({ name, from }));
  },
  valueOf(name) {
    const data = getCampaignData(currentCampaignFile());
    const target = selectedTarget() ?? data?.target[0];
    if (!data || target === undefined) return undefined;
    return { target, ...resolveValue(name, target, data, getProfiles()) };
  },
};
