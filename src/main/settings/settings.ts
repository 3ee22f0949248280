// The advisor's settings, one file per data folder (<dataDir>/settings.json), shared by the window, the
// browser app and the CLI: Intuit app keys (the secret sealed, secret.ts), the background sync interval,
// tray thresholds, paper size, date format, and the window's place.
//
// Reads are plain fs + zod (stored.ts) and never write: every CLI command may read the thresholds, and
// conf costs ~80 ms to import (measured against `node -e 0`), so it is loaded only to write. Writes go
// through conf, electron-store's engine (atomic write, same JSON file): the window uses the very same code.
// Two processes saving at the same moment may lose one change (conf rewrites the whole file); settings
// change by hand, rarely, so that is accepted.
//
// The writer's step (`tidy`: the app's start, a sync, any save) moves today's tray-thresholds.json into
// the settings once and renames it, and keeps a damaged settings file aside before a new one is written.
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { CodedError } from '../../core/result.ts';
import { defaultSettings, type SettingsPatch, type SettingsView } from '../../core/settings.ts';
import type { QboEndpoints } from '../qbo/endpoints.ts';
import { parseTrayThresholds, trayThresholdsFile } from '../services/tray/thresholds.ts';
import type { SecretBox } from './secret.ts';
import {
  expectation,
  fieldSchemas,
  isObject,
  parseStored,
  thresholdKeys,
  type StoredSettings,
  type WindowState,
} from './stored.ts';
import * as z from 'zod/mini';

export const settingsFileName = 'settings.json';
/** What tray-thresholds.json is renamed to once its values are in the settings. */
export const migratedThresholdsFileName = `${trayThresholdsFile}.migrated`;

export type Settings = {
  file: string;
  view(): SettingsView;
  /** The thresholds every tray recomputation uses; a broken tray-thresholds.json not yet migrated is refused in one line. */
  trayThresholds(): HygieneThresholds;
  syncIntervalMs(): number;
  /** `endpoints` with the settings' app keys where flags and the environment gave none. */
  withAppKeys(endpoints: QboEndpoints): QboEndpoints;
  windowState(): WindowState | undefined;
  update(patch: SettingsPatch): Promise<SettingsView>;
  saveWindowState(state: WindowState): Promise<void>;
  /** The writer's step; returns the lines to show once. */
  tidy(): Promise<string[]>;
};

export type SettingsOptions = {
  /** '' (some tests): the defaults, and nothing can be saved. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Seals the client secret (the runtime opens it over the database on first use). */
  secretBox?: () => SecretBox;
  /** Problems met while reading, each shown once per process. */
  onNotice?: (line: string) => void;
  now?: () => Date;
};

type Loaded = {
  stored: StoredSettings;
  problems: string[];
  refused: string[];
  /** The file is not JSON or not an object: set aside at the next save. */
  damaged?: string;
  legacy?:
    { overrides: Partial<HygieneThresholds>; thresholds: HygieneThresholds } | { error: string };
};

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

export function openSettings(o: SettingsOptions): Settings {
  const env = o.env ?? process.env;
  const now = o.now ?? (() => new Date());
  const file = o.dataDir ? join(o.dataDir, settingsFileName) : settingsFileName;
  const legacyFile = o.dataDir ? join(o.dataDir, trayThresholdsFile) : '';
  let box: SecretBox | undefined;
  // Resolving the key may reach the OS keychain: once per process.
  const secrets = (): SecretBox => {
    if (!o.secretBox)
      throw new CodedError(
        'UNAVAILABLE',
        'The client secret cannot be sealed or opened in this process.',
      );
    return (box ??= o.secretBox());
  };
  const said = new Set<string>();
  const notice = (line: string) => {
    if (said.has(line)) return;
    said.add(line);
    o.onNotice?.(line);
  };

  function readLegacy(): Loaded['legacy'] {
    if (!legacyFile || !existsSync(legacyFile)) return undefined;
    try {
      const text = readFileSync(legacyFile, 'utf8');
      const thresholds = parseTrayThresholds(text, legacyFile);
      const raw = JSON.parse(text) as Record<string, number>;
      const overrides = Object.fromEntries(
        thresholdKeys.filter((k) => k in raw).map((k) => [k, thresholds[k]]),
      ) as Partial<HygieneThresholds>;
      return { overrides, thresholds };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  function load(): Loaded {
    const empty: StoredSettings = { intuit: {}, trayThresholds: {} };
    const legacy = readLegacy();
    if (!o.dataDir) return { stored: empty, problems: [], refused: [], legacy };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { stored: empty, problems: [], refused: [], legacy };
      const line = `${file} cannot be read (${code ?? (error as Error).message}); the default settings are used.`;
      return { stored: empty, problems: [line], refused: [], legacy };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    if (!isObject(raw)) {
      const what = raw === undefined ? 'is not valid JSON' : 'does not hold a JSON object';
      const line = `${file} ${what}; the default settings are used, and the damaged file is kept aside when settings are next saved.`;
      return { stored: empty, problems: [line], refused: [], damaged: what, legacy };
    }
    return { ...parseStored(raw, file), legacy };
  }

  /** Reads, and shows each problem once. */
  function loaded(): Loaded {
    const l = load();
    for (const p of l.problems) notice(p);
    return l;
  }

  const thresholdsOf = (l: Loaded): HygieneThresholds =>
    l.legacy && 'thresholds' in l.legacy
      ? l.legacy.thresholds
      : { ...defaultHygieneThresholds, ...l.stored.trayThresholds };

  function view(): SettingsView {
    const l = loaded();
    const thresholds = thresholdsOf(l);
    const problems = [...l.problems];
    if (l.legacy && 'error' in l.legacy) problems.push(l.legacy.error);
    return {
      intuit: {
        clientId: l.stored.intuit.clientId ?? '',
        clientSecret: l.stored.intuit.clientSecretSealed ? 'set' : 'not set',
        fromEnvironment: Boolean(
          env.ROWCOL_QBO_CLIENT_ID?.trim() || env.ROWCOL_QBO_CLIENT_SECRET?.trim(),
        ),
      },
      syncIntervalMinutes: l.stored.syncIntervalMinutes ?? defaultSettings.syncIntervalMinutes,
      trayThresholds: thresholds,
      trayThresholdOverrides: Object.fromEntries(
        thresholdKeys
          .filter((k) => thresholds[k] !== defaultHygieneThresholds[k])
          .map((k) => [k, thresholds[k]]),
      ),
      paperSize: l.stored.paperSize ?? defaultSettings.paperSize,
      paperSizeChosen: l.stored.paperSize ?? null,
      dateFormat: l.stored.dateFormat ?? defaultSettings.dateFormat,
      file,
      problems,
    };
  }

  async function openConf() {
    if (!o.dataDir)
      throw new CodedError('UNAVAILABLE', 'Settings cannot be saved without a data folder.');
    const { default: Conf } = await import('conf');
    // No schema here: zod checks every value (stored.ts), and ajv would only be loaded for nothing.
    return new Conf<Record<string, unknown>>({
      cwd: o.dataDir,
      configName: 'settings',
      clearInvalidConfig: false,
      configFileMode: 0o600,
    });
  }

  async function tidy(): Promise<string[]> {
    if (!o.dataDir) return [];
    const lines: string[] = [];
    const l = load();
    if (l.damaged) {
      const aside = join(o.dataDir, `settings.damaged-${stamp(now())}.json`);
      renameSync(file, aside);
      lines.push(
        `${file} ${l.damaged}: it was kept as ${aside}, and settings start again from the defaults.`,
      );
    } else if (l.refused.length > 0) {
      const aside = join(o.dataDir, `settings.before-repair-${stamp(now())}.json`);
      copyFileSync(file, aside);
      const conf = await openConf();
      for (const key of l.refused) conf.delete(key);
      lines.push(
        `${file}: ${l.refused.join(', ')} could not be used and ${l.refused.length > 1 ? 'were' : 'was'} removed (the file as it was is kept as ${aside}).`,
      );
    }
    if (l.legacy && 'overrides' in l.legacy) {
      const conf = await openConf();
      conf.set('trayThresholds', l.legacy.overrides);
      renameSync(legacyFile, join(o.dataDir, migratedThresholdsFileName));
      lines.push(
        `The tray thresholds of ${legacyFile} are now in the settings (${file}); the old file is kept as ${migratedThresholdsFileName}. Change them in Settings or with \`rowcol settings set trayThresholds.NAME DAYS\`.`,
      );
    } else if (l.legacy) lines.push(l.legacy.error);
    return lines;
  }

  const check = (schema: z.ZodMiniType, value: unknown, key: string, expected: string): unknown => {
    const r = z.safeParse(schema, value);
    if (!r.success)
      throw new CodedError(
        'INVALID_INPUT',
        `${key} must be ${expected}, not ${JSON.stringify(value)}.`,
      );
    return r.data;
  };

  async function update(patch: SettingsPatch): Promise<SettingsView> {
    for (const line of await tidy()) notice(line);
    const conf = await openConf();
    // Everything is checked (and the secret sealed) before the first write, so a bad value changes nothing.
    const writes: [string, unknown][] = [];
    const put = (key: string, value: unknown) => writes.push([key, value]);
    if (patch.intuit?.clientId !== undefined)
      put(
        'intuit.clientId',
        patch.intuit.clientId === null || patch.intuit.clientId.trim() === ''
          ? null
          : check(
              fieldSchemas.clientId,
              patch.intuit.clientId,
              'intuit.clientId',
              expectation.clientId,
            ),
      );
    if (patch.intuit?.clientSecret !== undefined) {
      const secret = patch.intuit.clientSecret?.trim();
      if (!secret) put('intuit.clientSecretSealed', null);
      else put('intuit.clientSecretSealed', secrets().seal('intuit.clientSecret', secret));
    }
    for (const key of ['syncIntervalMinutes', 'paperSize', 'dateFormat'] as const) {
      const value = patch[key];
      if (value === undefined) continue;
      put(key, value === null ? null : check(fieldSchemas[key], value, key, expectation[key]));
    }
    for (const [k, v] of Object.entries(patch.trayThresholds ?? {})) {
      if (!(thresholdKeys as string[]).includes(k))
        throw new CodedError(
          'INVALID_INPUT',
          `${k} is not a tray threshold; use ${thresholdKeys.join(', ')}.`,
        );
      if (v === undefined) continue;
      put(
        `trayThresholds.${k}`,
        v === null
          ? null
          : check(fieldSchemas.threshold, v, `trayThresholds.${k}`, expectation.threshold),
      );
    }
    for (const [key, value] of writes) {
      if (value === null) conf.delete(key);
      else conf.set(key, value);
    }
    return view();
  }

  return {
    file,
    view,
    trayThresholds() {
      const l = loaded();
      if (l.legacy && 'error' in l.legacy) throw new CodedError('INVALID_INPUT', l.legacy.error);
      return thresholdsOf(l);
    },
    syncIntervalMs: () =>
      (loaded().stored.syncIntervalMinutes ?? defaultSettings.syncIntervalMinutes) * 60_000,
    withAppKeys(endpoints) {
      // Flags and the environment come as a pair; the settings only fill in where they gave none.
      if (endpoints.clientId) return endpoints;
      const { clientId, clientSecretSealed } = loaded().stored.intuit;
      if (!clientId) return endpoints;
      let clientSecret = '';
      if (clientSecretSealed)
        clientSecret = secrets().open('intuit.clientSecret', clientSecretSealed);
      return { ...endpoints, clientId, clientSecret };
    },
    windowState: () => load().stored.window,
    async saveWindowState(state) {
      const value = z.safeParse(fieldSchemas.window, state);
      if (!value.success) return; // a window smaller than any screen allows is not worth keeping
      for (const line of await tidy()) notice(line);
      (await openConf()).set('window', value.data);
    },
    update,
    tidy,
  };
}
