import { describe, expect, it } from 'vitest';
import { MAX_SPACER_PX, listOffset, rowsAt, scrollTopFor, spacerHeight, type RowGeometry } from '../../renderer/lib/row-window';

const CHROMIUM_LAYOUT_CAP = 33_554_428;
const million: RowGeometry = { count: 1_000_000, rowHeight: 66, viewport: 600 };
const small: RowGeometry = { count: 1000, rowHeight: 66, viewport: 600 };

/** Rows wholly inside the viewport at a scroll position. */
function wholeRows(g: RowGeometry, scrollTop: number): number[] {
  const r = rowsAt(g, scrollTop);
  const out: number[] = [];
  for (let i = r.first; i <= r.last; i++) {
    const top = r.topOf(i) - scrollTop;
    if (top >= -1e-6 && top + g.rowHeight <= g.viewport + 1e-6) out.push(i);
  }
  return out;
}

describe('row window', () => {
  it('a list that fits is one spacer with every row at its own offset', () => {
    expect(spacerHeight(small)).toBe(66_000);
    const r = rowsAt(small, 660, 2);
    expect(r.first).toBe(8);
    expect(r.last).toBe(Math.ceil((660 + 600) / 66) - 1 + 2);
    expect(r.topOf(10)).toBe(660);
    expect(r.topOf(r.first)).toBe(8 * 66);
  });

  it('a million rows stay under the browser layout cap and the whole range reaches the last row', () => {
    expect(spacerHeight(million)).toBe(MAX_SPACER_PX);
    expect(spacerHeight(million)).toBeLessThan(CHROMIUM_LAYOUT_CAP);
    const bottom = spacerHeight(million) - million.viewport;
    const r = rowsAt(million, bottom);
    expect(r.last).toBe(999_999);
    // The last row's bottom is the viewport's bottom, and rows sit inside the spacer.
    expect(r.topOf(999_999) + 66).toBeCloseTo(bottom + million.viewport, 6);
    expect(r.topOf(r.first)).toBeGreaterThanOrEqual(0);
    expect(rowsAt(million, 0).first).toBe(0);
    expect(listOffset(million, bottom)).toBeCloseTo(66_000_000 - 600, 3);
  });

  it('every row of a million can be scrolled to whole, at the top, centre or by the least move', () => {
    const rows = [0, 1, 507_000, 508_500, 777_777, 999_998, 999_999];
    for (let i = 0; i < 2000; i++) rows.push(Math.floor((i * 7919 * 131) % 1_000_000));
    for (const row of rows) {
      for (const align of ['start', 'center', 'auto'] as const) {
        const from = align === 'auto' ? (row * 31) % (spacerHeight(million) - 600) : 0;
        const top = scrollTopFor(million, row, align, from);
        expect(Number.isInteger(top), `${align} ${row}`).toBe(true);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top).toBeLessThanOrEqual(spacerHeight(million) - 600);
        expect(wholeRows(million, top), `${align} ${row}`).toContain(row);
      }
    }
  });

  it("'auto' does not move when the row is already whole on screen", () => {
    const top = scrollTopFor(million, 500_000, 'start', 0);
    const onScreen = wholeRows(million, top);
    expect(scrollTopFor(million, onScreen[3]!, 'auto', top)).toBe(top);
    expect(scrollTopFor(small, 3, 'auto', 0)).toBe(0);
  });

  it('scrolling one pixel moves the first row by at most one', () => {
    for (const top of [0, 1234, 7_500_000, 14_999_000]) {
      const a = rowsAt(million, top).first;
      const b = rowsAt(million, top + 1).first;
      expect(b - a).toBeLessThanOrEqual(1);
    }
  });

  it('a scroll position from before the list shrank still places its rows inside the spacer', () => {
    const shrunk: RowGeometry = { count: 100, rowHeight: 66, viewport: 600 };
    const r = rowsAt(shrunk, 9_000_000, 2);
    expect(r.last).toBe(99);
    expect(r.topOf(99) + 66).toBe(spacerHeight(shrunk));
    expect(r.topOf(r.first)).toBeGreaterThanOrEqual(0);
  });

  it('an empty list has no rows and no height', () => {
    const none = rowsAt({ count: 0, rowHeight: 66, viewport: 600 }, 0);
    expect(none.last).toBeLessThan(none.first);
    expect(spacerHeight({ count: 0, rowHeight: 66, viewport: 600 })).toBe(0);
  });
});
