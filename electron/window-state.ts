/**
 * Window size and position remembered between runs. The saved state is untrusted input (a
 * hand-edited file, a monitor that is no longer attached), so it is validated and fitted onto the
 * displays present now: a window is never restored off-screen or larger than its display.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must be on a display for a saved position to be kept. */
const MIN_VISIBLE = 64;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** Reads a saved state (parsed JSON of any shape); undefined when it is not a usable state. */
export function parseWindowState(raw: unknown): WindowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const b = r.bounds as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null) return undefined;
  if (!isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0) return undefined;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: r.maximized === true,
    fullScreen: r.fullScreen === true,
  };
}

function overlap(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/**
 * The bounds to open the window with: the saved ones when their title bar is visible on a current
 * display (clamped to that display's work area), otherwise the default size centred on the primary
 * display. `displays` are work areas; the first is the primary one.
 */
export function restoreBounds(saved: WindowState | undefined, displays: Rect[]): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean; fullScreen: boolean } {
  const primary = displays[0];
  const fallback = () => {
    if (!primary) return { width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
    const width = Math.max(Math.min(DEFAULT_SIZE.width, primary.width), Math.min(MIN_SIZE.width, primary.width));
    const height = Math.max(Math.min(DEFAULT_SIZE.height, primary.height), Math.min(MIN_SIZE.height, primary.height));
    return { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
  };
  if (!saved) return { bounds: fallback(), maximized: false, fullScreen: false };
  const titleBar: Rect = { x: saved.bounds.x, y: saved.bounds.y, width: saved.bounds.width, height: Math.min(saved.bounds.height, 32) };
  const home = displays.find((d) => {
    const o = overlap(titleBar, d);
    return o !== undefined && o.width >= Math.min(MIN_VISIBLE, titleBar.width);
  });
  if (!home) return { bounds: fallback(), maximized: saved.maximized, fullScreen: saved.fullScreen };
  const width = Math.min(Math.max(saved.bounds.width, MIN_SIZE.width), home.width);
  const height = Math.min(Math.max(saved.bounds.height, MIN_SIZE.height), home.height);
  const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - width);
  const y = Math.min(Math.max(saved.bounds.y, home.y), home.y + home.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized, fullScreen: saved.fullScreen };
}
