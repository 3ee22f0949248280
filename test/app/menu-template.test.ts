// The application menu offers what an advisor needs on every platform, each once, with distinct shortcuts.
import { describe, expect, it } from 'vitest';
import { menuActions } from '../../src/core/app-menu.ts';
import { menuTemplate, type MenuEntry } from '../../src/main/app/menu-template.ts';

const entries = (platform: NodeJS.Platform, dev = false) =>
  menuTemplate({ platform, appName: 'RowCol', dev }).flatMap((s) =>
    s.entries.map((e) => ({ section: s.label, ...e })),
  );
const actions = (list: (MenuEntry & { section: string })[]) =>
  list.flatMap((e) => (e.kind === 'action' ? [e.action] : []));

describe('the application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('on %s offers every command once', (platform) => {
    const list = entries(platform);
    expect(actions(list).sort()).toEqual([...menuActions].sort());
    expect(list.filter((e) => e.kind === 'open-logs')).toHaveLength(1);
    expect(list.filter((e) => e.kind === 'role' && e.role === 'quit')).toHaveLength(1);
    // Copy and paste work in text fields only when the Edit menu has them (macOS).
    expect(list.filter((e) => e.kind === 'role').map((e) => (e as { role: string }).role)).toEqual(
      expect.arrayContaining(['copy', 'paste', 'cut', 'selectAll', 'undo']),
    );
    const keys = list.flatMap((e) => (e.kind === 'action' && e.accelerator ? [e.accelerator] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("puts Settings in the app's own menu on macOS and in File elsewhere", () => {
    const where = (p: NodeJS.Platform) =>
      entries(p).find((e) => e.kind === 'action' && e.action === 'settings')?.section;
    expect(where('darwin')).toBe('RowCol');
    expect(where('win32')).toBe('File');
    expect(where('linux')).toBe('File');
  });

  it('offers reload and the developer tools only while developing', () => {
    const roles = (dev: boolean) =>
      entries('linux', dev).flatMap((e) => (e.kind === 'role' ? [e.role] : []));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});
