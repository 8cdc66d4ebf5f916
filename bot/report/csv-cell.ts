// CSV injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a tab or a carriage
// return is read as a formula by Excel and LibreOffice (`=HYPERLINK(...)`, `=2+3`). Such a cell is
// prefixed with a single quote so it shows as text; the value is otherwise unchanged.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function neutraliseCsvCell(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}
