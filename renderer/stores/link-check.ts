/**
 * The opt-in network check of an email's links, as the renderer sees it: nothing is requested until
 * the person clicks the check; the main side (links.check) makes the requests, bounds their rate and
 * caches the results. Results are kept here by URL so the preview and the QA report show the same.
 */
import { create } from 'zustand';
import { call } from '../api/client';
import { requester } from './request';
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

export const useLinkCheck = create<LinkCheckState>((set, get) => {
  const request = requester<LinkCheckState>(set);
  return {
    results: {},
    running: false,
    async check(urls) {
      if (get().running || urls.length === 0) return;
      const checked = await request(() => call('links.check', { urls }), { busy: 'running', prefix: 'Link check failed' });
      if (checked) set((s) => ({ results: { ...s.results, ...Object.fromEntries(checked.results.map((r) => [r.url, r])) } }));
    },
    async cancel() {
      // The check itself reports how it ended; a cancel that cannot reach the host has nothing to add.
      await request(() => call('links.cancel', {}), { quiet: true });
    },
  };
});
