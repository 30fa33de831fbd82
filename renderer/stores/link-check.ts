/**
 * The opt-in network check of an email's links, as the renderer sees it: nothing is requested until
 * the person clicks the check; the main side (links.check) makes the requests, bounds their rate and
 * caches the results. Results are kept here by URL so the preview and the QA report show the same.
 */
import { create } from 'zustand';
import { call } from '../api/client';
import { MAX_LINK_CHECK_URLS, uncheckableUrl, type LinkCheckResult } from '../../shared/ipc/channels/links';
import type { NodeEmailTally } from '../../shared/guardrails/email-tally';

interface LinkCheckState {
  results: Record<string, LinkCheckResult>;
  running: boolean;
  error?: string;
  check(urls: string[]): Promise<void>;
  cancel(): Promise<void>;
}

/** The distinct http(s) URLs a node's emails render to (links and images), as the scan counted them. */
export function checkableUrls(tally: NodeEmailTally): string[] {
  const urls = new Set<string>();
  for (const l of tally.links) for (const v of l.variants) if (!uncheckableUrl(v.url)) urls.add(v.url);
  return [...urls].slice(0, MAX_LINK_CHECK_URLS);
}

export const useLinkCheck = create<LinkCheckState>((set, get) => ({
  results: {},
  running: false,
  async check(urls) {
    if (get().running || urls.length === 0) return;
    set({ running: true, error: undefined });
    try {
      const { results } = await call('links.check', { urls });
      set((s) => ({ results: { ...s.results, ...Object.fromEntries(results.map((r) => [r.url, r])) } }));
    } catch (e) {
      set({ error: `Link check failed: ${(e as Error).message}` });
    } finally {
      set({ running: false });
    }
  },
  async cancel() {
    await call('links.cancel', {}).catch(() => undefined);
  },
}));
