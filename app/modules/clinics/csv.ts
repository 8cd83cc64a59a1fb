/**
 * One CSV cell, safe for spreadsheets: quoted when it holds a comma, quote or line break, and
 * prefixed with an apostrophe when it starts like a formula (= + - @, tab, carriage return), so
 * a learner named `=HYPERLINK(…)` stays text in Excel and Sheets.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 says), header first. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
