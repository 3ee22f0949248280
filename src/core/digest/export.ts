// Exporting digests from the window (issue 13 §4): what is asked, what comes back, and the files' names.
// The writing itself is services/digest/export.ts (the same writer as `rowcol digest`).
import type { Paper } from './model.ts';

export const digestExportFormats = ['html', 'pdf', 'both'] as const;
export type DigestExportFormat = (typeof digestExportFormats)[number];

export type DigestExportRequest = {
  businessId?: string;
  all?: boolean;
  format: DigestExportFormat;
  /** The whole batch on this paper; without it each client's own (Letter for US dollars, A4 otherwise). */
  paper?: Paper;
  /** `choose`: ask the advisor for a folder (the desktop app); default: the data folder's exports. */
  folder?: 'exports' | 'choose';
};

/** Where an export goes on this host, and what the host can do with it afterwards. */
export type DigestExportTarget = {
  /** The data folder's exports directory: each export makes its own digests-YYYY-MM-DD inside. */
  exportsDir: string;
  /** The desktop app can ask for another folder. */
  canChooseFolder: boolean;
  /** The desktop app can show the folder in the file manager. */
  canOpenFolder: boolean;
};

export type DigestExportResult = {
  /** The advisor closed the folder dialog: nothing was written. */
  cancelled: boolean;
  /** The folder the files are in (absolute). */
  folder: string | null;
  /** File names written, in order, inside `folder`. */
  files: string[];
  /** Digests whose every file was written. */
  written: number;
  total: number;
  /** Digests saved as the baseline the next digest compares with (all of them, or none after a failure). */
  saved: number;
  /** One line when the export stopped part way; the files written before it stay. */
  failure: string | null;
  canOpenFolder: boolean;
};

/** After each digest's files are written. */
export type DigestProgress = {
  written: number;
  total: number;
  businessId: string;
  clientName: string;
};

const windowsReserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A client's name as a file name any system accepts: no path separators, reserved characters or control
 * characters, no leading or trailing dots and spaces, at most 80 characters; empty → the fallback.
 */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 80)
    .trim();
  if (cleaned === '') return fallback;
  return windowsReserved.test(cleaned) ? `${cleaned}_` : cleaned;
}

/**
 * The window's file names, by client: "Bakery Co 2026-12-02"; two clients with the same name each get
 * their id too, so no file overwrites another's.
 */
export function readableDigestNames(
  digests: readonly { businessId: string; clientName: string; today: string }[],
): Map<string, string> {
  const base = new Map(
    digests.map((d) => [d.businessId, safeFileName(d.clientName, d.businessId)] as const),
  );
  const seen = new Map<string, number>();
  for (const name of base.values()) {
    const key = name.toLowerCase();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Map(
    digests.map((d) => {
      const name = base.get(d.businessId)!;
      const shared = (seen.get(name.toLowerCase()) ?? 0) > 1;
      return [d.businessId, `${shared ? `${name} (${d.businessId})` : name} ${d.today}`];
    }),
  );
}

/** The folder of one export inside the exports directory (or the folder the advisor chose). */
export const exportFolderName = (today: string): string => `digests-${today}`;
