/** Handlers for review state (reviews/<stem>.json) and exported QA reports (reports/<stem>-qa-report.html). */
import type { Handlers } from './ipc/dispatch';
import type { WorkspaceRef } from './workspace-service';
import { parseReview, reviewPath, serializeReview } from '../shared/review/model';
import { readWorkspaceText, writeWorkspaceText } from './workspace-files';

export function reviewHandlers(ref: WorkspaceRef): Pick<Handlers, 'review.load' | 'review.save' | 'review.exportReport'> {
  return {
    'review.load': async ({ campaign }) => {
      const path = reviewPath(campaign);
      const text = await readWorkspaceText(ref.dir, path);
      if (text === null) return { path, review: null };
      const parsed = parseReview(text);
      return parsed.ok ? { path, review: parsed.review } : { path, review: null, error: `${path}: ${parsed.message}` };
    },
    'review.save': async ({ campaign, review }) => {
      const path = reviewPath(campaign);
      await writeWorkspaceText(ref.dir, path, serializeReview({ ...review, campaign }));
      return { path };
    },
    'review.exportReport': async ({ campaign, html }) => {
      const path = `reports/${campaign.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}-qa-report.html`;
      const { absolutePath } = await writeWorkspaceText(ref.dir, path, html);
      return { path, absolutePath };
    },
  };
}
