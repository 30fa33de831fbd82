/**
 * The selected campaign as edited: its draft (or saved) text parsed once typing pauses. While the
 * draft does not parse, the last valid campaign keeps rendering and the parse errors are returned.
 */
import { useMemo, useRef } from 'react';
import { loadCampaign } from '../../shared/campaign/load';
import type { Campaign } from '../../shared/campaign/model';
import type { CampaignSource } from '../../shared/campaign/source-map';
import type { Diagnostic } from '../../shared/diagnostics';
import { savedText, useSelectedFile, useWorkspace } from '../stores/workspace';
import { useDebounced } from './useDebounced';

/** Typing pause before re-parsing and re-rendering (markers must follow within 200 ms). */
export const EDIT_DEBOUNCE_MS = 100;

export interface EffectiveCampaign {
  file?: string;
  campaign?: Campaign;
  /** The file text `campaign` was read from (template problems are placed in it). */
  source?: CampaignSource;
  /** Problems with the current text (YAML syntax, schema). */
  diagnostics: Diagnostic[];
}

export function useEffectiveCampaign(): EffectiveCampaign {
  const file = useSelectedFile();
  const text = useWorkspace((s) => (file ? (s.drafts[file] ?? savedText(s, file)) : undefined));
  const settled = useDebounced(text, EDIT_DEBOUNCE_MS);
  const settledFile = useDebounced(file, EDIT_DEBOUNCE_MS);
  // A newly selected file must not wait for the debounce (nor render the previous file's text).
  const effectiveText = settledFile === file && settled !== undefined ? settled : text;
  const lastValid = useRef<{ file?: string; campaign?: Campaign; source?: CampaignSource }>({});
  return useMemo(() => {
    if (!file || effectiveText === undefined) return { file, diagnostics: [] };
    const loaded = loadCampaign(file, effectiveText);
    if (loaded.campaign) lastValid.current = { file, campaign: loaded.campaign, source: { file, text: effectiveText } };
    const last = lastValid.current.file === file ? lastValid.current : {};
    return { file, campaign: loaded.campaign ?? last.campaign, source: loaded.campaign ? { file, text: effectiveText } : last.source, diagnostics: loaded.diagnostics };
  }, [file, effectiveText]);
}
