// The installers' configuration (electron-builder.yml and its hooks), checked here where no installer
// can be built (no Electron download): electron-builder's own loader and schema validation, every target
// and option the issue asks for, the files they name, and the hooks run for real: the fuses flipped in
// an Electron-shaped binary, the native-binding check, notarization only with credentials.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { feedUrlOf, updatePlan } from '../../src/main/app/update-plan.ts';
import { tempDir } from '../support/temp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
/** A fuse's byte in the binary: '0' off, '1' on (@electron/fuses FuseState, not exported by its index). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;
type Config = Record<string, unknown> & {
  mac: Record<string, unknown>;
  win: Record<string, unknown>;
  nsis: Record<string, unknown>;
  linux: Record<string, unknown>;
  publish: Record<string, unknown>;
  files: (string | { filter: string[] })[];
  asarUnpack: string[];
};
/** electron-builder normalises `files` into filter groups: the patterns, flat. */
const filesOf = (c: Config) => c.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));

/** The configuration exactly as electron-builder loads it (electron-builder.yml, then package.json). */
async function loadConfig(): Promise<Config> {
  const { getConfig } = require('app-builder-lib/out/util/config/config') as {
    getConfig: (dir: string, path: string | null, options: null) => Promise<Config>;
  };
  return getConfig(root, null, null);
}

type Hook = (context: unknown, ...rest: unknown[]) => Promise<unknown>;
const hook = async (file: string): Promise<Hook> =>
  (await import(join(root, file))).default as Hook;

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = tempDir('rowcol-packaging-');
  made.push(d);
  return d;
};

const targetsOf = (platform: Record<string, unknown>) =>
  (platform.target as (string | { target: string })[]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: Config, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(
      validateConfiguration(await loadConfig(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('builds a hardened, notarizable dmg for macOS, NSIS for Windows, AppImage and deb for Linux', async () => {
    const c = await loadConfig();
    expect(targetsOf(c.mac)).toEqual(expect.arrayContaining(['dmg', 'zip']));
    expect(c.mac).toMatchObject({ hardenedRuntime: true, notarize: false });
    expect(targetsOf(c.win)).toEqual(['nsis']);
    expect(targetsOf(c.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(c.nsis).toMatchObject({ oneClick: false, deleteAppDataOnUninstall: false });
    expect(c.linux.maintainer).toMatch(/<.+@.+>/); // deb refuses to build without one
  });

  it('names only files that exist: icons, entitlements, hooks', async () => {
    const c = await loadConfig();
    for (const file of [
      c.mac.icon,
      c.win.icon,
      c.nsis.installerIcon,
      c.nsis.uninstallerIcon,
      c.mac.entitlements,
      c.mac.entitlementsInherit,
      c.beforePack,
      c.afterPack,
      c.afterSign,
    ] as string[])
      expect(() => readFileSync(join(root, file)), file).not.toThrow();
    // The Linux icon folder in the NxN.png layout electron-builder reads, 512 px included.
    expect(readdirSync(join(root, c.linux.icon as string))).toEqual(
      expect.arrayContaining(['16x16.png', '256x256.png', '512x512.png']),
    );
    expect(
      readFileSync(join(root, c.mac.icon as string))
        .subarray(0, 4)
        .toString(),
    ).toBe('icns');
    // Hardened runtime: V8's JIT only, nothing a finance app does not use.
    const entitlements = readFileSync(join(root, c.mac.entitlements as string), 'utf8');
    expect(entitlements.match(/<key>([^<]+)<\/key>/g)).toEqual([
      '<key>com.apple.security.cs.allow-jit</key>',
    ]);
  });

  it('packages the Electron build of better-sqlite3 unpacked, and never rebuilds node_modules in place', async () => {
    const c = await loadConfig();
    expect(filesOf(c)).toContain('native/electron/better_sqlite3.node');
    expect(c.asarUnpack).toContain('native/electron/*.node');
    expect(c).toMatchObject({ asar: true, npmRebuild: false, nodeGypRebuild: false });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(pkg.main.startsWith('out/main/')).toBe(true);
    expect(filesOf(c)).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });

  it('has an update feed, which the app skips while it is the placeholder', async () => {
    const c = await loadConfig();
    expect(c.publish).toMatchObject({
      provider: 'generic',
      url: expect.stringMatching(/^https:\/\//),
    });
    // What electron-builder writes into the package as app-update.yml, read as the app reads it.
    const yml = `provider: generic\nurl: ${c.publish.url as string}\nupdaterCacheDirName: rowcol-updater\n`;
    expect(feedUrlOf(yml)).toBe(c.publish.url);
    expect(updatePlan({ isPackaged: true, env: {}, appUpdateYml: yml })).toMatchObject({
      check: false,
      reason: expect.stringMatching(/placeholder/),
    });
  });

  it('lists every package the main process loads as a production dependency', (ctx) => {
    const mainDir = join(root, 'out', 'main');
    let files: string[];
    try {
      files = readdirSync(mainDir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.js'));
    } catch {
      console.warn(
        '[packaging] dependency check skipped: out/main is not built (npx electron-vite build)',
      );
      return ctx.skip();
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const names = new Set<string>();
    for (const f of files) {
      const text = readFileSync(join(mainDir, f), 'utf8');
      for (const m of text.matchAll(
        /(?:from |import\(|require\(|\)\()"((?:@[^/"]+\/)?[^./"][^/"]*)/g,
      ))
        names.add(m[1]!);
    }
    const loaded = [...names].filter((n) => !n.startsWith('node:') && n !== 'electron');
    expect(loaded).toEqual(expect.arrayContaining(['better-sqlite3', 'conf', 'electron-updater']));
    expect(loaded.filter((n) => !(n in pkg.dependencies))).toEqual([]);
  });
});

// A file shaped like an Electron binary as far as fuses go: the sentinel, the wire's version and length,
// then one byte per fuse, all of them in their default state.
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
function fakeElectron(file: string, fuses = 8): void {
  const defaults = [1, 1, 1, 1, 0, 0, 0, 1]
    .slice(0, fuses)
    .map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('\x7fELF padding '),
      Buffer.from(sentinel),
      Buffer.from([1, fuses, ...defaults]),
      Buffer.from(' tail'),
    ]),
  );
}

describe('the afterPack hook', () => {
  it.each([
    ['linux', (dir: string) => join(dir, 'rowcol')],
    ['win32', (dir: string) => join(dir, 'RowCol.exe')],
    [
      'darwin',
      (dir: string) =>
        join(
          dir,
          'RowCol.app',
          'Contents',
          'Frameworks',
          'Electron Framework.framework',
          'Electron Framework',
        ),
    ],
  ] as const)(
    'flips the fuses in the %s package before it is signed',
    async (platform, binaryIn) => {
      const appOutDir = scratch();
      const binary = binaryIn(appOutDir);
      mkdirSync(join(binary, '..'), { recursive: true });
      fakeElectron(binary);
      const afterPack = await hook('scripts/packaging/after-pack.mjs');
      await afterPack({
        appOutDir,
        electronPlatformName: platform,
        arch: 1, // x64: no ad-hoc re-signing
        packager: { appInfo: { productFilename: 'RowCol' }, executableName: 'rowcol' },
      });
      const wire = (await getCurrentFuseWire(
        platform === 'darwin' ? join(appOutDir, 'RowCol.app') : binary,
      )) as unknown as Record<number, number>;
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    },
  );

  it('fails the build when the binary has no fuse wire (not an Electron 12+ binary)', async () => {
    const appOutDir = scratch();
    writeFileSync(join(appOutDir, 'rowcol'), 'not electron');
    const afterPack = await hook('scripts/packaging/after-pack.mjs');
    await expect(
      afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        arch: 1,
        packager: { executableName: 'rowcol', appInfo: {} },
      }),
    ).rejects.toThrow(/sentinel/);
  });
});

// Headers of native modules, enough for the check to tell OS and CPU apart.
const elf = (machine: number) => {
  const b = Buffer.alloc(64);
  b.writeUInt32BE(0x7f454c46, 0);
  b.writeUInt16LE(machine, 18);
  return b;
};
const macho = (cpu: number) => {
  const b = Buffer.alloc(64);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cpu, 4);
  return b;
};
const pe = (machine: number) => {
  const b = Buffer.alloc(256);
  b.writeUInt16LE(0x5a4d, 0);
  b.writeUInt32LE(0x80, 0x3c);
  b.writeUInt32LE(0x00004550, 0x80);
  b.writeUInt16LE(machine, 0x84);
  return b;
};

describe('the beforePack hook', () => {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  function project(binding: Buffer | undefined, builtFor = electronVersion) {
    const dir = scratch();
    mkdirSync(join(dir, 'native', 'electron'), { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ version: electronVersion }),
    );
    if (binding) writeFileSync(join(dir, 'native', 'electron', 'better_sqlite3.node'), binding);
    writeFileSync(join(dir, 'native', 'electron', 'built-for.txt'), `${builtFor}\n`);
    return { packager: { info: { projectDir: dir } } };
  }
  const pack = async (ctx: object, electronPlatformName: string, arch: number) =>
    (await hook('scripts/packaging/before-pack.mjs'))({ ...ctx, electronPlatformName, arch });

  it('packages a binding built for the installer’s OS, CPU and Electron', async () => {
    await expect(pack(project(elf(0x3e)), 'linux', 1)).resolves.toBeUndefined();
    await expect(pack(project(macho(0x0100000c)), 'darwin', 3)).resolves.toBeUndefined();
    await expect(pack(project(pe(0x8664)), 'win32', 1)).resolves.toBeUndefined();
  });

  it.each([
    ['missing', undefined, 'linux', 1, /is missing: run `node scripts\/native-for-electron\.mjs`/],
    [
      'for another OS',
      elf(0x3e),
      'win32',
      1,
      /built for linux x64, but this package is for win32 x64/,
    ],
    [
      'for another CPU',
      macho(0x01000007),
      'darwin',
      3,
      /built for darwin x64, but this package is for darwin arm64/,
    ],
    ['not a native module', Buffer.alloc(80, 65), 'linux', 1, /is not a native module/],
  ])('refuses a binding %s, saying what to do', async (_why, binding, platform, arch, message) => {
    await expect(pack(project(binding), platform, arch)).rejects.toThrow(message);
  });

  it('refuses a binding built for another Electron', async () => {
    await expect(pack(project(elf(0x3e), '1.0.0'), 'linux', 1)).rejects.toThrow(
      new RegExp(`built for Electron 1\\.0\\.0, not ${electronVersion.replace(/\./g, '\\.')}`),
    );
  });
});

describe('the afterSign hook (notarization)', () => {
  const context = {
    electronPlatformName: 'darwin',
    appOutDir: '/out/mac-arm64',
    packager: { appInfo: { productFilename: 'RowCol' } },
  };

  it('does nothing without Apple credentials, and never loads the notary client', async () => {
    const afterSign = await hook('scripts/packaging/notarize.mjs');
    let loaded = false;
    const load = async () => {
      loaded = true;
      return { notarize: async () => undefined };
    };
    expect(await afterSign(context, {}, load)).toBe('no credentials');
    expect(
      await afterSign({ ...context, electronPlatformName: 'win32' }, { APPLE_ID: 'a' }, load),
    ).toBe('not macOS');
    expect(loaded).toBe(false);
  });

  it.each([
    [
      { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'KID', APPLE_API_ISSUER: 'ISS' },
      { appleApiKey: '/k.p8', appleApiKeyId: 'KID', appleApiIssuer: 'ISS' },
    ],
    [
      { APPLE_ID: 'me@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'T' },
      { appleId: 'me@example.com', appleIdPassword: 'pw', teamId: 'T' },
    ],
    [{ APPLE_KEYCHAIN_PROFILE: 'rowcol' }, { keychainProfile: 'rowcol' }],
  ])('notarizes the app with the credentials found (%j)', async (env, credentials) => {
    const afterSign = await hook('scripts/packaging/notarize.mjs');
    const sent: unknown[] = [];
    const load = async () => ({ notarize: async (o: unknown) => void sent.push(o) });
    expect(await afterSign(context, env, load)).toBe('notarized');
    expect(sent).toEqual([{ appPath: '/out/mac-arm64/RowCol.app', ...credentials }]);
  });
});
