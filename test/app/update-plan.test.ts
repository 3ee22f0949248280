// The app looks for updates only in a packaged build with a real https feed, never while developing,
// in tests or with the placeholder feed: no network call from a development run.
import { describe, expect, it } from 'vitest';
import { feedUrlOf, updatePlan } from '../../src/main/app/update-plan.ts';

const yml = (url: string) =>
  `provider: generic\nurl: ${url}\nchannel: latest\nupdaterCacheDirName: rowcol-updater\n`;

describe('update checks', () => {
  it('reads the feed electron-builder wrote into the package', () => {
    expect(feedUrlOf(yml('https://downloads.example.com/rowcol/'))).toBe(
      'https://downloads.example.com/rowcol/',
    );
    expect(feedUrlOf("provider: generic\nurl: 'https://x.example/'\n")).toBe('https://x.example/');
    expect(feedUrlOf('provider: github\n')).toBeUndefined();
  });

  it.each([
    [
      { isPackaged: false, env: {}, appUpdateYml: yml('https://downloads.example.com/') },
      /development build/,
    ],
    [
      {
        isPackaged: true,
        env: { ROWCOL_UPDATES: 'off' },
        appUpdateYml: yml('https://downloads.example.com/'),
      },
      /ROWCOL_UPDATES=off/,
    ],
    [{ isPackaged: true, env: {} }, /no update feed/],
    [
      { isPackaged: true, env: {}, appUpdateYml: yml('https://updates.rowcol.invalid/desktop') },
      /placeholder/,
    ],
    [
      { isPackaged: true, env: {}, appUpdateYml: yml('http://downloads.example.com/') },
      /not https/,
    ],
  ])('does not look when %j', (o, reason) => {
    const plan = updatePlan(o);
    expect(plan.check).toBe(false);
    expect(plan.check === false && plan.reason).toMatch(reason);
  });

  it('looks in a packaged build with a real https feed', () => {
    expect(
      updatePlan({
        isPackaged: true,
        env: {},
        appUpdateYml: yml('https://downloads.example.com/rowcol/'),
      }),
    ).toEqual({
      check: true,
      feedUrl: 'https://downloads.example.com/rowcol/',
    });
  });
});
