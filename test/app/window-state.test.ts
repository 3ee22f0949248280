// The window opens where it was, unless that place is on no screen now; its size always fits a screen.
import { describe, expect, it } from 'vitest';
import {
  defaultWindowSize,
  minimumWindowSize,
  placeWindow,
} from '../../src/main/app/window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const external = { x: 1440, y: -200, width: 2560, height: 1415 };

describe('where the window opens', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({ ...defaultWindowSize, maximized: false });
  });

  it('opens where it was closed when that place is on a screen', () => {
    const saved = { x: 1600, y: 0, width: 1800, height: 1000, maximized: false };
    expect(placeWindow(saved, [laptop, external])).toEqual(saved);
  });

  it('is centred when its screen is gone (a monitor unplugged), keeping a size that fits', () => {
    const saved = { x: 1600, y: 0, width: 1800, height: 1000, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('is centred when its title bar would be above the screen or barely on it', () => {
    const above = { x: 100, y: -300, width: 1200, height: 800, maximized: false };
    expect(placeWindow(above, [laptop])).not.toHaveProperty('x');
    const sliver = { x: 1400, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(sliver, [laptop])).not.toHaveProperty('x');
    const grabbable = { x: 1200, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(grabbable, [laptop])).toMatchObject({ x: 1200, y: 100 });
  });

  it('never opens smaller than the app can be used at', () => {
    const tiny = { x: 10, y: 10, width: 300, height: 200, maximized: false };
    expect(placeWindow(tiny, [laptop])).toMatchObject(minimumWindowSize);
  });
});
