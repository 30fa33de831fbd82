import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, parseWindowState, restoreBounds } from '../../electron/window-state';

const laptop = { x: 0, y: 25, width: 1440, height: 875 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('restores the saved size and place when it is on a present display', () => {
    const saved = parseWindowState({ bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false });
    expect(restoreBounds(saved, [laptop, rightMonitor])).toEqual({ bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false, fullScreen: false });
  });
  it('opens on the primary display, default size, when the monitor it was on is gone', () => {
    const saved = parseWindowState({ bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: true });
    const r = restoreBounds(saved, [laptop]);
    expect(r.bounds).toEqual({ x: 20, y: 25 + Math.round((875 - 875) / 2), width: DEFAULT_SIZE.width, height: 875 });
    expect(r.maximized).toBe(true);
  });
  it('pulls a window that hangs off the edge back inside and shrinks one larger than the display', () => {
    const saved = parseWindowState({ bounds: { x: 1300, y: 30, width: 3000, height: 2000 } });
    const r = restoreBounds(saved, [laptop]);
    expect(r.bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });
  it('does not restore a window whose title bar is above the top of every display', () => {
    const r = restoreBounds(parseWindowState({ bounds: { x: 100, y: -500, width: 1000, height: 700 } }), [laptop]);
    expect(r.bounds).toEqual({ x: 20, y: 25, width: 1400, height: 875 });
  });
  it('never restores smaller than the minimum size', () => {
    const r = restoreBounds(parseWindowState({ bounds: { x: 1500, y: 100, width: 10, height: 10 } }), [rightMonitor]);
    expect(r.bounds.width).toBe(MIN_SIZE.width);
    expect(r.bounds.height).toBe(MIN_SIZE.height);
  });
  it('ignores a broken or hand-edited file', () => {
    for (const raw of [undefined, null, 'x', [], {}, { bounds: { x: 'a', y: 0, width: 1, height: 1 } }, { bounds: { x: 0, y: 0, width: -5, height: 100 } }, { bounds: { x: 1e9, y: 0, width: 100, height: 100 } }, { bounds: { x: NaN, y: 0, width: 100, height: 100 } }]) {
      expect(parseWindowState(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });
  it('centres the default size on the primary display on first start', () => {
    expect(restoreBounds(undefined, [rightMonitor, laptop]).bounds).toEqual({ x: 1440 + (2560 - 1400) / 2, y: (1440 - 900) / 2, width: 1400, height: 900 });
  });
  it('copes with no display information at all', () => {
    expect(restoreBounds(undefined, []).bounds).toEqual({ width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });
});
