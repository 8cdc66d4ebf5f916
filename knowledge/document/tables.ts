// Table rows in plan text: Markdown tables ("| 1 | Rà soát ... | Thanh tra huyện | Quý II/2025 |")
// and rows pasted from Word with "|" between cells. A row stays one paragraph with its cells
// separated by " | ", so that obligations can read the columns by the header row's names.

/** [start, end) of each cell of a row line (trimmed, outer pipes dropped), or null when the line is not a row (fewer than 3 cells). */
export function rowCells(line: string): [number, number][] | null {
  if (!line.includes("|")) return null;
  const cells: [number, number][] = [];
  let from = 0;
  const bounds = [...line.matchAll(/\|/gu)].map((m) => m.index);
  if (bounds.length < 2) return null;
  for (const at of [...bounds, line.length]) {
    let a = from;
    let b = at;
    while (a < b && /\s/u.test(line[a])) a++;
    while (b > a && /\s/u.test(line[b - 1])) b--;
    cells.push([a, b]);
    from = at + 1;
  }
  // Outer pipes leave an empty first and last cell.
  if (cells.length && cells[0][0] === cells[0][1] && /^\s*\|/u.test(line)) cells.shift();
  if (cells.length && cells[cells.length - 1][0] === cells[cells.length - 1][1] && /\|\s*$/u.test(line)) cells.pop();
  return cells.length >= 3 || (cells.length >= 2 && /^\s*\|.*\|\s*$/u.test(line)) ? cells : null;
}

/** "|---|:---:|" */
export function isSeparatorRow(line: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$/u.test(line);
}

/** The cell texts of a normalised row paragraph ("1 | Rà soát ... | Thanh tra huyện"). */
export function cellTexts(paragraph: string): string[] {
  return paragraph.split(/\s*\|\s*/u).map((c) => c.trim());
}

// A line of a table pasted from Word as text: three or more cells with tabs between them.
const TAB_ROW_RE = /^[^\t\n]*\S[^\t\n]*(?:\t+[^\t\n]*\S[^\t\n]*){2,}$/u;

/**
 * Marks the cells of tab-separated table rows with "|" (same length, so offsets hold): only where
 * two or more such lines follow each other, as a table's header and rows do.
 */
export function tabRowsToPipes(text: string): string {
  if (!text.includes("\t")) return text;
  const lines = text.split("\n");
  const row = lines.map((l) => TAB_ROW_RE.test(l.replace(/\r$/u, "").replace(/^\t+|\t+$/gu, "")));
  return lines
    .map((l, i) => {
      if (!row[i] || !(row[i - 1] || row[i + 1])) return l;
      const lead = /^\t*/u.exec(l)![0].length;
      const trail = /\t*\r?$/u.exec(l)![0].replace(/\r$/u, "").length;
      return l.slice(0, lead) + l.slice(lead, l.length - trail - (l.endsWith("\r") ? 1 : 0)).replace(/\t/gu, "|") + l.slice(l.length - trail - (l.endsWith("\r") ? 1 : 0));
    })
    .join("\n");
}
