// electron-builder afterSign hook: sends the signed macOS app to Apple's notary service and staples the
// ticket, only when credentials are in the environment (README "Building installers"); without them the
// build goes on, unnotarized, and says so. electron-builder's own notarization is off (mac.notarize:
// false) so this is the one place it happens.

/** The @electron/notarize credentials found in `env`, or undefined. */
export function notarizeCredentials(env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER)
    return {
      appleApiKey: env.APPLE_API_KEY,
      appleApiKeyId: env.APPLE_API_KEY_ID,
      appleApiIssuer: env.APPLE_API_ISSUER,
    };
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID)
    return {
      appleId: env.APPLE_ID,
      appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD,
      teamId: env.APPLE_TEAM_ID,
    };
  if (env.APPLE_KEYCHAIN_PROFILE)
    return {
      keychainProfile: env.APPLE_KEYCHAIN_PROFILE,
      ...(env.APPLE_KEYCHAIN ? { keychain: env.APPLE_KEYCHAIN } : {}),
    };
  return undefined;
}

export default async function afterSign(
  context,
  env = process.env,
  load = () => import('@electron/notarize'),
) {
  if (context.electronPlatformName !== 'darwin') return 'not macOS';
  const credentials = notarizeCredentials(env);
  if (!credentials) {
    console.log(
      '  • rowcol: notarization skipped: no APPLE_API_KEY/APPLE_API_KEY_ID/APPLE_API_ISSUER, APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID or APPLE_KEYCHAIN_PROFILE in the environment',
    );
    return 'no credentials';
  }
  const appPath = `${context.appOutDir}/${context.packager.appInfo.productFilename}.app`;
  const { notarize } = await load();
  await notarize({ appPath, ...credentials });
  console.log(`  • rowcol: ${appPath} notarized and stapled`);
  return 'notarized';
}
