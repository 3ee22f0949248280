// Tray thresholds the advisor may override (issue 5: "thresholds configurable"): an optional JSON file
// `<dataDir>/tray-thresholds.json` holding any of the keys of HygieneThresholds (src/core/hygiene/codes.ts),
// each a positive number; missing keys keep their defaults. Read by every tray recomputation (the next sync,
// decision or `rowcol tray --recheck` applies an edit; reading a tray never recomputes it: see recompute.ts)
// and checked by tray:list, so a broken file is said at once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../../core/hygiene/codes.ts';
import { CodedError } from '../../../core/result.ts';

export const trayThresholdsFile = 'tray-thresholds.json';

const keys = Object.keys(defaultHygieneThresholds) as (keyof HygieneThresholds)[];

/** Validates overrides; throws one clear INVALID_INPUT line naming the file and the problem. */
export function parseTrayThresholds(text: string, where = trayThresholdsFile): HygieneThresholds {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CodedError(
      'INVALID_INPUT',
      `${where} is not valid JSON; fix it or delete it to use the default tray thresholds.`,
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new CodedError(
      'INVALID_INPUT',
      `${where} must be a JSON object of thresholds (keys: ${keys.join(', ')}).`,
    );
  const unknown = Object.keys(raw).filter((k) => !(keys as string[]).includes(k));
  if (unknown.length > 0)
    throw new CodedError(
      'INVALID_INPUT',
      `${where}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; use ${keys.join(', ')}.`,
    );
  const out: HygieneThresholds = { ...defaultHygieneThresholds };
  for (const [k, v] of Object.entries(raw) as [keyof HygieneThresholds, unknown][]) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new CodedError(
        'INVALID_INPUT',
        `${where}: ${k} must be a positive number, not ${JSON.stringify(v)}.`,
      );
    out[k] = v;
  }
  return out;
}

/** The thresholds for this data folder: the defaults, overridden by `<dataDir>/tray-thresholds.json` if present. */
export function loadTrayThresholds(dataDir: string): HygieneThresholds {
  if (!dataDir) return defaultHygieneThresholds;
  const file = join(dataDir, trayThresholdsFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultHygieneThresholds;
    throw new CodedError(
      'INVALID_INPUT',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  return parseTrayThresholds(text, file);
}

/** A stable fingerprint of thresholds, kept in the tray's mark so a change triggers a recompute. */
export const thresholdsMark = (t: HygieneThresholds): string => keys.map((k) => t[k]).join(',');
