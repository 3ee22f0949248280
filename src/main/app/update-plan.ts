// Whether the desktop app looks for an update (electron-updater) at its start. Plain, unit-tested: the
// app never reaches the network for updates while developing, in tests, when turned off, or while the
// feed is still the placeholder electron-builder.yml ships with (README "Building installers").
export const placeholderUpdateHost = 'updates.rowcol.invalid';

export type UpdatePlan = { check: true; feedUrl: string } | { check: false; reason: string };

/** The generic provider's `url:` from the app-update.yml electron-builder writes into the package. */
export function feedUrlOf(appUpdateYml: string): string | undefined {
  const line = appUpdateYml.split(/\r?\n/).find((l) => /^url:\s*/.test(l));
  return (
    line
      ?.replace(/^url:\s*/, '')
      .replace(/^['"]|['"]$/g, '')
      .trim() || undefined
  );
}

export function updatePlan(o: {
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  /** app-update.yml's text, when the package has one. */
  appUpdateYml?: string;
}): UpdatePlan {
  if (!o.isPackaged) return { check: false, reason: 'a development build never looks for updates' };
  if (o.env.ROWCOL_UPDATES === 'off')
    return { check: false, reason: 'turned off by ROWCOL_UPDATES=off' };
  const feedUrl = o.appUpdateYml ? feedUrlOf(o.appUpdateYml) : undefined;
  if (!feedUrl) return { check: false, reason: 'this build has no update feed' };
  let u: URL;
  try {
    u = new URL(feedUrl);
  } catch {
    return { check: false, reason: `the update feed ${feedUrl} is not a URL` };
  }
  if (u.hostname === placeholderUpdateHost || u.hostname.endsWith('.invalid'))
    return {
      check: false,
      reason: 'the update feed is still the placeholder of electron-builder.yml',
    };
  if (u.protocol !== 'https:')
    return { check: false, reason: `the update feed ${feedUrl} is not https` };
  return { check: true, feedUrl };
}
