// CSV export of the audit log (RFC 4180) that is safe to open in a spreadsheet. Pure.

// A cell starting with one of these is read as a formula by spreadsheet software (CSV injection);
// a leading apostrophe makes it text. Tab and carriage return are included as OWASP advises.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
