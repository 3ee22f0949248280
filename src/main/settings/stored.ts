// What <dataDir>/settings.json may hold, checked key by key with zod: a value out of range or of the
// wrong kind costs only that setting (its default is used and said), never the others. Keys this version
// does not know (a newer RowCol's) are left alone in the file.
import * as z from 'zod/mini';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import {
  dateFormats,
  paperSizes,
  syncIntervalLimits,
  type SettingsView,
} from '../../core/settings.ts';

export type WindowState = {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
};

export type StoredSettings = {
  intuit: { clientId?: string; clientSecretSealed?: string };
  syncIntervalMinutes?: number;
  trayThresholds: Partial<HygieneThresholds>;
  paperSize?: SettingsView['paperSize'];
  dateFormat?: SettingsView['dateFormat'];
  window?: WindowState;
};

export const thresholdKeys = Object.keys(defaultHygieneThresholds) as (keyof HygieneThresholds)[];

// zod 4 numbers are finite: JSON's 1e999 (Infinity) is refused too.
const positive = z.number().check(z.positive());
const pixels = z.int().check(z.gte(-100_000), z.lte(100_000));

/** One schema per top-level key, and the words used when a value is refused. */
export const fieldSchemas = {
  syncIntervalMinutes: z.int().check(z.gte(syncIntervalLimits.min), z.lte(syncIntervalLimits.max)),
  paperSize: z.enum(paperSizes),
  dateFormat: z.enum(dateFormats),
  clientId: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  clientSecretSealed: z.string().check(z.startsWith('v1.'), z.maxLength(4000)),
  threshold: positive,
  window: z.object({
    x: pixels,
    y: pixels,
    width: z.int().check(z.gte(200), z.lte(100_000)),
    height: z.int().check(z.gte(150), z.lte(100_000)),
    maximized: z.boolean(),
  }),
};

export const expectation = {
  syncIntervalMinutes: `a whole number of minutes from ${syncIntervalLimits.min} to ${syncIntervalLimits.max}`,
  paperSize: paperSizes.join(' or '),
  dateFormat: dateFormats.join(', '),
  clientId: 'text of 1 to 200 characters',
  threshold: 'a positive number',
} as const;

export type Parsed = {
  stored: StoredSettings;
  /** One line per value refused, naming the key and what is used instead. */
  problems: string[];
  /** The names of the keys refused (removed when the settings are next saved). */
  refused: string[];
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Reads an object already parsed from JSON; `where` names the file in each problem. */
export function parseStored(raw: Record<string, unknown>, where: string): Parsed {
  const stored: StoredSettings = { intuit: {}, trayThresholds: {} };
  const problems: string[] = [];
  const refused: string[] = [];
  const refuse = (key: string, value: unknown, expected: string, fallback: string) => {
    problems.push(`${where}: ${key} is ${show(value)}, not ${expected}; ${fallback} is used.`);
    refused.push(key);
  };
  const take = <K extends 'syncIntervalMinutes' | 'paperSize' | 'dateFormat'>(
    key: K,
    fallback: string,
  ) => {
    if (raw[key] === undefined) return;
    const r = z.safeParse(fieldSchemas[key], raw[key]);
    if (r.success) (stored as Record<string, unknown>)[key] = r.data;
    else refuse(key, raw[key], expectation[key], fallback);
  };
  take('syncIntervalMinutes', 'every 15 minutes');
  take('paperSize', 'letter');
  take('dateFormat', 'MM/DD/YYYY');

  if (raw.intuit !== undefined) {
    if (!isObject(raw.intuit)) refuse('intuit', raw.intuit, 'an object', 'no app keys');
    else {
      const { clientId, clientSecretSealed } = raw.intuit;
      if (clientId !== undefined) {
        const r = z.safeParse(fieldSchemas.clientId, clientId);
        if (r.success) stored.intuit.clientId = r.data;
        else refuse('intuit.clientId', clientId, expectation.clientId, 'no client id');
      }
      if (clientSecretSealed !== undefined) {
        const r = z.safeParse(fieldSchemas.clientSecretSealed, clientSecretSealed);
        if (r.success) stored.intuit.clientSecretSealed = r.data;
        else {
          // Never echo what may be a secret someone pasted into the file by hand.
          problems.push(
            `${where}: intuit.clientSecretSealed is not a secret sealed by RowCol; no client secret is used (set it again).`,
          );
          refused.push('intuit.clientSecretSealed');
        }
      }
    }
  }

  if (raw.trayThresholds !== undefined) {
    if (!isObject(raw.trayThresholds))
      refuse('trayThresholds', raw.trayThresholds, 'an object', 'the default thresholds');
    else
      for (const [k, v] of Object.entries(raw.trayThresholds)) {
        if (!(thresholdKeys as string[]).includes(k)) {
          problems.push(
            `${where}: trayThresholds.${k} is not a tray threshold (${thresholdKeys.join(', ')}); it is ignored.`,
          );
          refused.push(`trayThresholds.${k}`);
          continue;
        }
        const key = k as keyof HygieneThresholds;
        const r = z.safeParse(fieldSchemas.threshold, v);
        if (r.success) stored.trayThresholds[key] = r.data;
        else
          refuse(
            `trayThresholds.${k}`,
            v,
            expectation.threshold,
            `the default ${defaultHygieneThresholds[key]}`,
          );
      }
  }

  // The window's place is not worth a line to the advisor: a bad one is simply not restored.
  if (raw.window !== undefined) {
    const r = z.safeParse(fieldSchemas.window, raw.window);
    if (r.success) stored.window = r.data;
    else refused.push('window');
  }
  return { stored, problems, refused };
}

export { isObject };
