// The text of a Word document from its XML parts: paragraphs with the numbers Word draws for them
// ("1.", "a)", "-" from numbering.xml, which raw-text extraction loses), and tables with their rows
// kept together ("| 1 | Rà soát ... | Phòng Tư pháp | Quý II/2025 |"). A layout table (the
// two-column header with "ỦY BAN NHÂN DÂN" and "CỘNG HÒA...", or the signature block) gives its cells'
// lines one by one instead.

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Numbering {
  /** numId -> levels (with overrides applied). */
  levels: Map<string, Level[]>;
  /** styleId -> its numbering, for paragraphs numbered by their style. */
  styles: Map<string, { numId: string; ilvl: number }>;
}

const TOKEN_RE = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|([^<]+)/gu;
const attr = (attrs: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "u").exec(attrs)?.[1];

function decode(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/giu, (_, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name],
  );
}

function* tags(xml: string): Generator<{ close: boolean; name: string; attrs: string; empty: boolean; text?: string }> {
  for (const m of xml.matchAll(TOKEN_RE)) {
    if (m[5] !== undefined) yield { close: false, name: "#text", attrs: "", empty: true, text: m[5] };
    else if (m[2]) yield { close: m[1] === "/", name: m[2], attrs: m[3] ?? "", empty: m[4] === "/" };
  }
}

/** Numbering definitions (numbering.xml) and numbered styles (styles.xml). */
export function parseNumbering(numberingXml: string | null, stylesXml: string | null): Numbering {
  const abstract = new Map<string, Level[]>();
  const levels = new Map<string, Level[]>();
  if (numberingXml) {
    let absId: string | null = null;
    let numId: string | null = null;
    let lvl = -1;
    const nums: { id: string; abs: string; overrides: Map<number, number> }[] = [];
    for (const t of tags(numberingXml)) {
      if (t.close) {
        if (t.name === "w:abstractNum") absId = null;
        if (t.name === "w:num") numId = null;
        if (t.name === "w:lvl" || t.name === "w:lvlOverride") lvl = -1;
        continue;
      }
      if (t.name === "w:abstractNum") absId = attr(t.attrs, "w:abstractNumId") ?? null;
      else if (t.name === "w:num") {
        numId = attr(t.attrs, "w:numId") ?? null;
        if (numId) nums.push({ id: numId, abs: "", overrides: new Map() });
      } else if (t.name === "w:abstractNumId" && numId) nums[nums.length - 1].abs = attr(t.attrs, "w:val") ?? "";
      else if ((t.name === "w:lvl" || t.name === "w:lvlOverride") && !t.empty) lvl = Number(attr(t.attrs, "w:ilvl") ?? 0);
      else if (lvl >= 0 && absId !== null && numId === null) {
        const list = abstract.get(absId) ?? [];
        list[lvl] ??= { start: 1, format: "decimal", text: `%${lvl + 1}.` };
        const val = attr(t.attrs, "w:val") ?? "";
        if (t.name === "w:start") list[lvl].start = Number(val) || 0;
        if (t.name === "w:numFmt") list[lvl].format = val;
        if (t.name === "w:lvlText") list[lvl].text = val;
        abstract.set(absId, list);
      } else if (lvl >= 0 && numId !== null && t.name === "w:startOverride") nums[nums.length - 1].overrides.set(lvl, Number(attr(t.attrs, "w:val") ?? 1));
    }
    for (const n of nums) {
      const base = abstract.get(n.abs) ?? [];
      levels.set(n.id, base.map((l, i) => (n.overrides.has(i) ? { ...l, start: n.overrides.get(i)! } : l)));
    }
  }
  const styles = new Map<string, { numId: string; ilvl: number }>();
  if (stylesXml) {
    let style: string | null = null;
    let ilvl = 0;
    for (const t of tags(stylesXml)) {
      if (t.close) {
        if (t.name === "w:style") style = null;
        continue;
      }
      if (t.name === "w:style") {
        style = attr(t.attrs, "w:styleId") ?? null;
        ilvl = 0;
      } else if (style && t.name === "w:ilvl") ilvl = Number(attr(t.attrs, "w:val") ?? 0);
      else if (style && t.name === "w:numId") {
        const id = attr(t.attrs, "w:val");
        if (id && id !== "0") styles.set(style, { numId: id, ilvl });
      }
    }
  }
  return { levels, styles };
}

const ROMAN: [number, string][] = [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]];
function roman(n: number): string {
  let out = "";
  for (const [v, s] of ROMAN) while (n >= v) {
    out += s;
    n -= v;
  }
  return out;
}
const letter = (n: number) => (n >= 1 ? String.fromCharCode(96 + ((n - 1) % 26) + 1).repeat(Math.floor((n - 1) / 26) + 1) : "");

function formatNumber(n: number, format: string): string {
  switch (format) {
    case "lowerLetter":
      return letter(n);
    case "upperLetter":
      return letter(n).toUpperCase();
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperRoman":
      return roman(n);
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Counts numbered paragraphs and gives each its label ("1.", "a)", "-"). */
class Counter {
  private counts = new Map<string, (number | undefined)[]>();
  constructor(private readonly numbering: Numbering) {}
  label(numId: string, ilvl: number): string {
    const levels = this.numbering.levels.get(numId);
    const level = levels?.[ilvl];
    if (!levels || !level) return "";
    if (level.format === "bullet") return /^[-+–]$/u.test(level.text) ? (level.text === "+" ? "+" : "-") : "-";
    const counts = this.counts.get(numId) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl]! + 1;
    for (let i = ilvl + 1; i < counts.length; i++) counts[i] = undefined;
    this.counts.set(numId, counts);
    return level.text.replace(/%(\d)/gu, (_, d) => {
      const i = Number(d) - 1;
      return formatNumber(counts[i] ?? levels[i]?.start ?? 1, levels[i]?.format ?? "decimal");
    });
  }
}

interface Para {
  text: string;
  numId: string | null;
  ilvl: number;
  style: string | null;
}

interface Table {
  rows: string[][][]; // rows -> cells -> paragraphs
  row: string[][] | null;
  cell: string[] | null;
}

/** Whether a line of a table cell belongs to the page layout ("Số: ...", "..., ngày ... tháng ...", "TM. ...", "Nơi nhận:"). */
export type LayoutTest = (cellLine: string) => boolean;

/** The document's text: one paragraph a line, blank lines between, table rows as "| a | b |". */
export function docxText(documentXml: string, numbering: Numbering, isLayout: LayoutTest): string {
  const out: string[] = [];
  const counter = new Counter(numbering);
  const paras: Para[] = [];
  const tables: Table[] = [];
  let inText = false;
  let skip = 0; // inside content Word shows elsewhere or not at all (fallback copies, deleted text, field codes)
  const emit = (line: string) => {
    const t = tables[tables.length - 1];
    if (t?.cell) t.cell.push(line);
    else out.push(line);
  };
  for (const t of tags(documentXml)) {
    const { name } = t;
    if (name === "mc:Fallback" || name === "w:delText" || name === "w:instrText" || name === "w:footnoteReference") {
      if (!t.empty) skip += t.close ? -1 : 1;
      continue;
    }
    if (skip > 0) continue;
    const para = paras[paras.length - 1];
    if (name === "#text") {
      if (inText && para) para.text += decode(t.text!);
      continue;
    }
    if (t.close) {
      if (name === "w:t") inText = false;
      else if (name === "w:p") {
        const p = paras.pop()!;
        const styled = p.style ? numbering.styles.get(p.style) : undefined;
        const numId = p.numId ?? styled?.numId ?? null;
        const label = numId && numId !== "0" ? counter.label(numId, p.numId ? p.ilvl : (styled?.ilvl ?? p.ilvl)) : "";
        const text = p.text.replace(/[ \t]*\n[ \t]*/gu, "\n").trim();
        if (text || label) emit(label && text ? `${label} ${text}` : text || label);
      } else if (name === "w:tc") {
        const tb = tables[tables.length - 1];
        if (tb?.row && tb.cell) tb.row.push(tb.cell);
        if (tb) tb.cell = null;
      } else if (name === "w:tr") {
        const tb = tables[tables.length - 1];
        if (tb?.row) tb.rows.push(tb.row);
        if (tb) tb.row = null;
      } else if (name === "w:tbl") {
        const tb = tables.pop();
        if (tb) for (const line of tableLines(tb, isLayout)) emit(line);
      }
      continue;
    }
    if (name === "w:p" && !t.empty) paras.push({ text: "", numId: null, ilvl: 0, style: null });
    else if (name === "w:t" && !t.empty) inText = true;
    else if (!para) {
      if (name === "w:tbl" && !t.empty) tables.push({ rows: [], row: null, cell: null });
      else if (name === "w:tr" && tables.length) tables[tables.length - 1].row = [];
      else if (name === "w:tc" && tables.length) tables[tables.length - 1].cell = [];
    } else if (name === "w:tab") para.text += "\t";
    else if (name === "w:br" || name === "w:cr") para.text += "\n";
    else if (name === "w:noBreakHyphen") para.text += "-";
    else if (name === "w:pStyle") para.style = attr(t.attrs, "w:val") ?? null;
    else if (name === "w:numId") para.numId = attr(t.attrs, "w:val") ?? null;
    else if (name === "w:ilvl") para.ilvl = Number(attr(t.attrs, "w:val") ?? 0);
  }
  return out.join("\n\n");
}

const isCaps = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length >= 4 && letters === letters.toLocaleUpperCase("vi") && /\s/u.test(s.trim());
};

function tableLines(t: Table, isLayout: LayoutTest): string[] {
  const cells = t.rows.flatMap((r) => r);
  const lines = (cell: string[]) => cell.flatMap((p) => p.split("\n")).map((l) => l.trim()).filter(Boolean);
  // Layout: one column, a header or signature cell, or a small two-column block of upper-case names.
  const small = t.rows.length <= 4 && t.rows.every((r) => r.length <= 2);
  const layout = t.rows.every((r) => r.length <= 1) || cells.some((c) => lines(c).some(isLayout)) || (small && cells.some((c) => lines(c).some(isCaps)));
  if (layout) return t.rows.flatMap((r) => r.flatMap(lines));
  return t.rows.map((r) => `| ${r.map((c) => lines(c).join(" ").replace(/\|/gu, "/")).join(" | ")} |`);
}
