// CSV as RFC 4180 writes it (fields separated by commas, records by CRLF; a field holding a comma, a
// double quote, CR or LF is quoted, its quotes doubled), made safe for spreadsheets: a text cell that
// starts with = + - @ (or a tab or CR, which some spreadsheets skip before reading one of those) would be
// read as a formula — a customer named "=HYPERLINK(…)" in QBO must not become a live link or a command
// in the advisor's Excel. Such a cell is prefixed with an apostrophe, which spreadsheets show as text
// (OWASP "CSV injection"). Numbers the program writes itself are not touched: "-12.50" stays a number.

export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/** One cell: neutralised when it is text that a spreadsheet would run, quoted when it must be. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? String(value)
        : ''
      : formulaStart.test(value)
        ? `'${value}`
        : value;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole file: the header, then one record per row, each ended by CRLF, after a UTF-8 byte order mark so
 * Excel reads accented names right (other spreadsheets ignore it).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const line = (cells: readonly CsvCell[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\uFEFF${line(header)}${rows.map(line).join('')}`;
}
