/** The rows of a fixed-row-height list that are on screen in a scroll element (renderer/lib/row-window.ts). */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { rowsAt, scrollTopFor, spacerHeight, type RowAlign, type RowGeometry } from '../lib/row-window';

interface Options {
  count: number;
  rowHeight: number;
  scrollRef: RefObject<HTMLElement | null>;
  /** Px at the top of the scroller that a sticky header covers. */
  inset?: number;
  overscan?: number;
}

export interface RowWindow {
  /** Height to give the element the rows are placed in. */
  spacer: number;
  /** The rows to render, each with its top in px inside that element. */
  rows: { index: number; top: number }[];
  /** Rows a Page Up/Down moves: a screenful less one, so one row stays in view. */
  pageRows: number;
  /** Scroll so that `row` shows. */
  scrollToRow(row: number, align?: RowAlign): void;
}

export function useRowWindow({ count, rowHeight, scrollRef, inset = 0, overscan = 6 }: Options): RowWindow {
  const [view, setView] = useState({ scrollTop: 0, height: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => setView((v) => (v.scrollTop === el.scrollTop && v.height === el.clientHeight ? v : { scrollTop: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      observer.disconnect();
    };
  }, [scrollRef]);

  const geometry = (height: number): RowGeometry => ({ count, rowHeight, viewport: Math.max(rowHeight, height - inset) });
  const g = geometry(view.height);
  const range = rowsAt(g, view.scrollTop, overscan);
  const rows: RowWindow['rows'] = [];
  for (let i = range.first; i <= range.last; i++) rows.push({ index: i, top: range.topOf(i) });

  const scrollToRow = useCallback(
    (row: number, align: RowAlign = 'auto') => {
      const el = scrollRef.current;
      if (!el || count === 0) return;
      // Read the element now: a scroll or resize since the last render must not be undone.
      const top = scrollTopFor({ count, rowHeight, viewport: Math.max(rowHeight, el.clientHeight - inset) }, row, align, el.scrollTop);
      if (top !== el.scrollTop) el.scrollTop = top;
    },
    [count, rowHeight, inset, scrollRef],
  );
  return { spacer: spacerHeight(g), rows, pageRows: Math.max(1, Math.floor(g.viewport / rowHeight) - 1), scrollToRow };
}
