// Where the window opens: the size and place it had when it was last closed (kept in the settings),
// unless that place is no longer on any screen (a monitor unplugged, a laptop closed). Plain functions:
// no electron import, so the decision is unit-tested in Node; window.ts passes in the screens.
import type { WindowState } from '../settings/stored.ts';

export type Rect = { x: number; y: number; width: number; height: number };

export const defaultWindowSize = { width: 1320, height: 860 } as const;
export const minimumWindowSize = { width: 900, height: 600 } as const;

/** How much of the window's top edge must lie on one screen for its place to count as reachable. */
const reachable = { width: 120, height: 40 } as const;

const overlap = (a: Rect, b: Rect): Rect => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
};

export type WindowPlacement = {
  width: number;
  height: number;
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
};

/**
 * The saved state made safe for the screens there are now (`workAreas`: each display's work area). The
 * size is kept within the largest screen; the place only if the title bar can still be grabbed on one
 * of them (a strip at the window's top), otherwise the window is centred.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
): WindowPlacement {
  if (!saved) return { ...defaultWindowSize, maximized: false };
  const largest = workAreas.reduce(
    (m, a) => ({ width: Math.max(m.width, a.width), height: Math.max(m.height, a.height) }),
    { width: 0, height: 0 },
  );
  const fit = (v: number, min: number, max: number) =>
    Math.max(min, max > 0 ? Math.min(v, max) : v);
  const width = fit(saved.width, minimumWindowSize.width, largest.width);
  const height = fit(saved.height, minimumWindowSize.height, largest.height);
  const titleBar: Rect = { x: saved.x, y: saved.y, width, height: reachable.height };
  const onScreen = workAreas.some((area) => {
    const o = overlap(titleBar, area);
    // The whole height of the top strip on the screen (not above it), and enough of its width to grab.
    return o.width >= Math.min(reachable.width, width) && o.height >= reachable.height;
  });
  return onScreen
    ? { width, height, x: saved.x, y: saved.y, maximized: saved.maximized }
    : { width, height, maximized: saved.maximized };
}
