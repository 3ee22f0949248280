// The advisor's settings as every caller sees them (the window, the browser app, `rowcol settings`).
// Stored in <dataDir>/settings.json by src/main/settings/; the client secret is kept sealed there and is
// never shown back, only whether it is set.
import type { HygieneThresholds } from './hygiene/codes.ts';

export const paperSizes = ['letter', 'a4'] as const;
export type PaperSize = (typeof paperSizes)[number];

/** How dates are written on screen and in digests; ISO is also what every input accepts. */
export const dateFormats = ['MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM-DD'] as const;
export type DateFormat = (typeof dateFormats)[number];

/** Background sync interval, in minutes: QBO's limits make anything below 5 minutes pointless. */
export const syncIntervalLimits = { min: 5, max: 24 * 60 } as const;

export const defaultSettings = {
  syncIntervalMinutes: 15,
  paperSize: 'letter' as PaperSize,
  dateFormat: 'MM/DD/YYYY' as DateFormat,
};

export type SettingsView = {
  intuit: {
    clientId: string;
    /** Never the secret itself. */
    clientSecret: 'set' | 'not set';
    /** ROWCOL_QBO_CLIENT_ID / _SECRET are set: they win over these settings in this process. */
    fromEnvironment: boolean;
  };
  syncIntervalMinutes: number;
  /** Every threshold in effect (the default where the advisor set none). */
  trayThresholds: HygieneThresholds;
  /** The thresholds the advisor changed from their default. */
  trayThresholdOverrides: Partial<HygieneThresholds>;
  paperSize: PaperSize;
  /** The paper the advisor chose; null: none, so each digest takes its client's (Letter for US dollars, A4 otherwise). */
  paperSizeChosen: PaperSize | null;
  dateFormat: DateFormat;
  /** Where the settings live. */
  file: string;
  /** One line per problem met reading them (a damaged file, a value out of range), each saying what is used instead. */
  problems: string[];
};

/** A change: each key given is set; `null` puts it back to its default (the secret: removed). */
export type SettingsPatch = {
  intuit?: { clientId?: string | null; clientSecret?: string | null };
  syncIntervalMinutes?: number | null;
  trayThresholds?: { [K in keyof HygieneThresholds]?: number | null };
  paperSize?: PaperSize | null;
  dateFormat?: DateFormat | null;
};
