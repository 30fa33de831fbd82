/** Keyboard handling of the review matrix as one grid: moving the active cell, reviewing, next problem. */
import { useCallback, type KeyboardEvent } from 'react';
import type { CampaignNode } from '../../shared/campaign/model';
import { useReview } from '../stores/review';
import { useUi } from '../stores/ui';
import { useNextProblem } from './useNextProblem';

interface Options {
  count: number;
  nodes: CampaignNode[];
  activeRow: number;
  activeCol: number;
  targetAt(row: number): string;
  pageSize: number;
  scrollToRow(row: number): void;
}

export function useMatrixKeyboard(o: Options): (e: KeyboardEvent) => void {
  const next = useNextProblem(o.nodes[0]?.key, 1);
  const prev = useNextProblem(o.nodes[0]?.key, -1);
  return useCallback(
    (e: KeyboardEvent) => {
      if (!o.count || !o.nodes.length || e.target !== e.currentTarget) return;
      const ui = useUi.getState();
      let row = Math.max(0, o.activeRow);
      let col = Math.max(0, o.activeCol);
      const move = () => {
        ui.select(o.targetAt(row), o.nodes[col]!.key);
        o.scrollToRow(row);
      };
      const key = e.key;
      if (key === 'ArrowDown') row = Math.min(o.count - 1, o.activeRow < 0 ? 0 : row + 1);
      else if (key === 'ArrowUp') row = Math.max(0, row - 1);
      else if (key === 'ArrowRight') col = Math.min(o.nodes.length - 1, o.activeCol < 0 ? 0 : col + 1);
      else if (key === 'ArrowLeft') col = Math.max(0, col - 1);
      else if (key === 'PageDown') row = Math.min(o.count - 1, row + o.pageSize);
      else if (key === 'PageUp') row = Math.max(0, row - o.pageSize);
      else if (key === 'Home') e.ctrlKey ? (row = 0) : (col = 0);
      else if (key === 'End') e.ctrlKey ? (row = o.count - 1) : (col = o.nodes.length - 1);
      else if ((key === 'a' || key === 'f' || key === 'u') && o.activeRow >= 0 && o.activeCol >= 0) {
        e.preventDefault();
        const target = o.targetAt(o.activeRow);
        const node = o.nodes[o.activeCol]!.key;
        if (key === 'f') {
          document.getElementById('review-comment')?.focus();
          useReview.getState().setDecision(target, node, 'flagged', (document.getElementById('review-comment') as HTMLInputElement | null)?.value || undefined);
        } else useReview.getState().setDecision(target, node, key === 'a' ? 'approved' : undefined);
        return;
      } else if (key === 'Enter' && o.activeRow >= 0) {
        // Enter moves to the preview's comment box (Esc there comes back to this cell).
        e.preventDefault();
        document.getElementById('review-comment')?.focus();
        return;
      } else if (key === 'n' || key === 'N') {
        e.preventDefault();
        const r = (key === 'n' ? next : prev)();
        if (r >= 0) o.scrollToRow(r);
        return;
      } else return;
      e.preventDefault();
      move();
    },
    [o, next, prev],
  );
}
