/**
 * Which rows of a long list of fixed-height rows are on screen, for lists taller than a browser can
 * lay out. Chromium positions boxes in fixed-point units that end near 33.5 M px (Firefox near
 * 17.9 M), so a million 66 px rows (66 M px) cannot be one tall spacer: past the cap the rows are
 * placed where nothing scrolls to. Over `MAX_SPACER_PX` the spacer stays at that height and the
 * scroll position maps onto the list in proportion: the top of the scroll range is the first row,
 * the bottom is the last, and every row in between is reached (a wheel step covers more rows).
 *
 * Pure geometry (tested in test/unit/row-window.test.ts); `renderer/hooks/useRowWindow.ts` applies
 * it to a scroll element.
 */

/** The tallest spacer a list gets: under both browsers' caps, with room for a header. */
export const MAX_SPACER_PX = 15_000_000;

export interface RowGeometry {
  count: number;
  rowHeight: number;
  /** Height of the part of the scroller rows show in (below a sticky header). */
  viewport: number;
  /** The tallest spacer (MAX_SPACER_PX unless a test says otherwise). */
  maxSpacer?: number;
}

export interface RowRange {
  /** First and last row to render (inclusive; last < first when there are none). */
  first: number;
  last: number;
  /** Where row `index` goes, in px from the top of the spacer. */
  topOf(index: number): number;
}

export type RowAlign = 'auto' | 'start' | 'center';

/** The list's whole height if it were laid out as one spacer. */
const listHeight = (g: RowGeometry) => Math.max(0, g.count) * g.rowHeight;

/** The spacer's height: the list's, or the cap. */
export function spacerHeight(g: RowGeometry): number {
  return Math.min(listHeight(g), g.maxSpacer ?? MAX_SPACER_PX);
}

/** List px per scroll px (1 when the list fits). */
function scale(g: RowGeometry): number {
  const list = listHeight(g);
  const spacer = spacerHeight(g);
  if (list <= spacer) return 1;
  const range = spacer - g.viewport;
  return range > 0 ? (list - g.viewport) / range : 1;
}

/** The list offset at the top of the viewport for a scroll position. */
export function listOffset(g: RowGeometry, scrollTop: number): number {
  const max = Math.max(0, listHeight(g) - g.viewport);
  return Math.min(max, Math.max(0, scrollTop * scale(g)));
}

/** The rows on screen (plus `overscan` either side) at a scroll position. */
export function rowsAt(g: RowGeometry, scrollTop: number, overscan = 0): RowRange {
  // A position read before the list shrank (the browser clamps it a frame later) still places
  // the rows inside the spacer.
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, spacerHeight(g) - g.viewport));
  const offset = listOffset(g, top);
  const count = Math.max(0, g.count);
  const first = Math.max(0, Math.floor(offset / g.rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((offset + g.viewport) / g.rowHeight) - 1 + overscan);
  return { first, last: count ? last : -1, topOf: (index) => top + index * g.rowHeight - offset };
}

/**
 * The scroll position that shows `row`: at the top ('start'), in the middle ('center'), or the
 * least move that shows it whole ('auto'; no move when it already is). Rounded so that the row
 * stays whole on screen after the browser keeps a whole-pixel scroll position.
 */
export function scrollTopFor(g: RowGeometry, row: number, align: RowAlign, scrollTop: number): number {
  const k = scale(g);
  const rowTop = Math.max(0, Math.min(row, g.count - 1)) * g.rowHeight;
  const maxOffset = Math.max(0, listHeight(g) - g.viewport);
  const clamp = (offset: number) => Math.min(maxOffset, Math.max(0, offset));
  if (align === 'start') return Math.floor(clamp(rowTop) / k);
  if (align === 'center') return Math.round(clamp(rowTop - (g.viewport - g.rowHeight) / 2) / k);
  const now = listOffset(g, scrollTop);
  if (rowTop < now) return Math.floor(clamp(rowTop) / k);
  if (rowTop + g.rowHeight > now + g.viewport) return Math.ceil(clamp(rowTop + g.rowHeight - g.viewport) / k);
  return scrollTop;
}
