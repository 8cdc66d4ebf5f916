// Normalisation of a plan's raw text: Unicode NFC and one tone-mark placement, Markdown and HTML
// marks, PDF artifacts (page numbers, lines broken mid-sentence, words hyphenated at line end,
// repeated blank lines, two-column header and signature blocks) and footnotes. The result is one
// paragraph a line, with offset runs back into the raw text.
import { inlineBreaks } from "./document/inline-breaks";
import { isSeparatorRow, rowCells, tabRowsToPipes } from "./document/tables";
import { normaliseTones } from "./vietnamese";

export interface Paragraph {
  start: number;
  end: number;
  /** A Markdown heading line ("## ...") or a line that was bold as a whole. */
  heading: boolean;
}

export interface NormalisedText {
  text: string;
  /** [textOffset, rawOffset] runs, as Plan.offsetRuns. */
  offsetRuns: [number, number][];
  paragraphs: Paragraph[];
}

/** Title of the trailing block that holds footnote bodies moved out of the running text. */
export const NOTES_TITLE = "Chú thích:";

// Markers that start a paragraph: "I.", "1.", "1.1.", "a)", "-", "+", "*", "•".
export const MARKER_RE = /^(?:[IVXLC]{1,6}\.|Điều\s+\d{1,3}\.|\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s)|\d{1,2}\.(?=\s)|\d{1,2}\)|[a-zđ]\)|[-+*•–])\s*/u;
const SIGNATURE_RE = /^(?:TM\.|T\/M|KT\.|K\/T|TL\.|TUQ\.|Q\.\s|Nơi nhận|CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP)/u;
const STARTER_RE = /^(?:Nơi nhận|Căn cứ|Kính gửi|Trên đây là|Thực hiện\s+(?:Chỉ thị|Nghị quyết|Quyết định|Công văn|Kế hoạch|Chương trình))/u;
const CITATION_ITEM_RE = /^[-–+]\s*(?:Nghị quyết|Chỉ thị|Quyết định|Công văn|Kết luận|Thông tư|Nghị định|Đề án|Quy định|Luật|Pháp lệnh|Hướng dẫn|Kế hoạch số|Chương trình(?: hành động)? số)\b/u;

class Builder {
  text = "";
  runs: [number, number][] = [];
  constructor(private readonly src: string) {}
  copy(s: number, e: number): void {
    if (e <= s) return;
    const t = this.text.length;
    const last = this.runs[this.runs.length - 1];
    if (!last || last[1] + (t - last[0]) !== s) this.runs.push([t, s]);
    this.text += this.src.slice(s, e);
  }
  synth(str: string, at: number): void {
    this.runs.push([this.text.length, at]);
    this.text += str;
  }
}

interface Line {
  /** Kept pieces of the source, [start, end). */
  segs: [number, number][];
  text: string;
  caps: boolean;
  heading: boolean;
  blankBefore: boolean;
  /** A table row: always a paragraph of its own. */
  row?: boolean;
  /** Lone "|" lines just before this line: a web or PDF table pasted one cell per line ("|" between cells, "|" "|" between rows). */
  bars: number;
  /** A markdown bold run opened on this line and left open; closed on this line after an earlier one opened it. */
  boldOpens?: boolean;
  boldCloses?: boolean;
}

/** NFC with runs back to the raw text (only needed when NFC changes the length). */
function nfc(raw: string): { src: string; runs: [number, number][] | null } {
  const whole = raw.normalize("NFC");
  if (whole.length === raw.length) return { src: whole, runs: null };
  let out = "";
  const runs: [number, number][] = [];
  for (const m of raw.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const c = m[0].normalize("NFC");
    if (c.length !== m[0].length || runs.length === 0) runs.push([out.length, m.index]);
    else {
      const last = runs[runs.length - 1];
      if (last[1] + (out.length - last[0]) !== m.index) runs.push([out.length, m.index]);
    }
    out += c;
  }
  return { src: out, runs };
}

function mapThrough(runs: [number, number][], offset: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid][0] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return runs[lo][1] + (offset - runs[lo][0]);
}

/** Maps an offset of the normalised text back to the raw text. */
export function originalOffset(offsetRuns: [number, number][], offset: number): number {
  return offsetRuns.length === 0 ? offset : mapThrough(offsetRuns, offset);
}

/** Composes text->src runs with src->raw runs. */
function compose(textRuns: [number, number][], textLength: number, srcRuns: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < textRuns.length; i++) {
    const [t0, s0] = textRuns[i];
    const len = (i + 1 < textRuns.length ? textRuns[i + 1][0] : textLength) - t0;
    out.push([t0, mapThrough(srcRuns, s0)]);
    // Split where a src->raw run boundary falls inside this run.
    let lo = 0;
    let hi = srcRuns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (srcRuns[mid][0] <= s0) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < srcRuns.length && srcRuns[j][0] < s0 + len; j++) out.push([t0 + (srcRuns[j][0] - s0), srcRuns[j][1]]);
  }
  return out;
}

// Inline marks removed from every line: footnote marks, simple HTML tags, Markdown emphasis.
const INLINE_HTML_RE = /<sup>[^<]{0,12}<\/sup>|<\/?(?:b|i|u|em|strong|span|br|p|div|sub|font)\b[^>]{0,200}>/giu;
const MD_INLINE_RE = /\*\*|__|\\(?=[\\`*_{}[\]()#+\-.!|])|(?<=^|[\s“"(‘'])[*_](?=\S)|(?<=\S)[*_](?=$|[\s”"),.;:!?’'])/gu;
const MD_LINK_RE = /!?\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)/gu;

/** Deletions in one source line, as [start, end) relative to the line. */
function deletions(line: string, markdown: boolean): [number, number][] {
  const del: [number, number][] = [];
  // The patterns are costly on every line; a line without their characters has nothing to delete.
  if (line.includes("<")) for (const m of line.matchAll(INLINE_HTML_RE)) del.push([m.index, m.index + m[0].length]);
  if (markdown && /[#>[*_\\]/u.test(line)) {
    const h = /^\s{0,3}#{1,6}\s+/u.exec(line);
    if (h) del.push([0, h[0].length]);
    const q = /^\s{0,3}>\s?/u.exec(line);
    if (q && !h) del.push([0, q[0].length]);
    for (const m of line.matchAll(MD_LINK_RE)) {
      del.push([m.index, m.index + m[0].indexOf("[") + 1]);
      del.push([m.index + m[0].indexOf("[") + 1 + m[1].length, m.index + m[0].length]);
    }
    for (const m of line.matchAll(MD_INLINE_RE)) {
      // A "* " at the start of a line is a bullet, not emphasis.
      if (m[0] === "*" && /^\s*$/.test(line.slice(0, m.index)) && line[m.index + 1] === " ") continue;
      del.push([m.index, m.index + m[0].length]);
    }
  }
  del.sort((a, b) => a[0] - b[0]);
  return del;
}

/** Kept segments of a line after deletions, with whitespace runs collapsed and ends trimmed. */
function keptSegments(src: string, start: number, end: number, del: [number, number][]): [number, number][] {
  const pieces: [number, number][] = [];
  let pos = start;
  for (const [a, b] of del) {
    if (start + a > pos) pieces.push([pos, start + a]);
    pos = Math.max(pos, start + b);
  }
  if (pos < end) pieces.push([pos, end]);
  const out: [number, number][] = [];
  let pendingSpace = -1;
  for (const [a, b] of pieces) {
    let i = a;
    while (i < b) {
      if (src[i] === " ") {
        if (pendingSpace < 0) pendingSpace = i;
        i++;
        continue;
      }
      let j = i;
      while (j < b && src[j] !== " ") j++;
      if (pendingSpace >= 0 && out.length > 0) {
        const last = out[out.length - 1];
        if (last[1] === pendingSpace) last[1] = pendingSpace + 1;
        else out.push([pendingSpace, pendingSpace + 1]);
      }
      pendingSpace = -1;
      const last = out[out.length - 1];
      if (last && last[1] === i) last[1] = j;
      else out.push([i, j]);
      i = j;
    }
  }
  return out;
}

function isAllCaps(s: string): boolean {
  // Most lines have a lower-case letter: answered without building the letters.
  if (s.toUpperCase() !== s) return false;
  const letters = s.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

function lineText(src: string, segs: [number, number][]): string {
  return segs.map(([a, b]) => src.slice(a, b)).join("");
}

/** Splits a line at wide gaps (two-column header or signature blocks) when that is what it is. */
function columnSplits(raw: string, inTail: boolean): [number, number][] {
  if (!/\S\s{4,}\S/u.test(raw)) return [[0, raw.length]];
  const parts: [number, number][] = [];
  // Columns are the runs of text between gaps of four or more spaces.
  let start = -1;
  let spaces = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== " ") {
      if (start < 0) start = i;
      else if (spaces >= 4) {
        parts.push([start, i - spaces]);
        start = i;
      }
      spaces = 0;
    } else if (start >= 0) spaces++;
  }
  if (start >= 0) parts.push([start, raw.length - spaces]);
  if (parts.length < 2) return [[0, raw.length]];
  const texts = parts.map(([a, b]) => raw.slice(a, b));
  const columnar = inTail || texts.some(isColumnHead);
  return columnar ? parts : [[0, raw.length]];
}

/** Text that only a header or signature block holds: "Số: ...", "..., ngày ... tháng", "TM. ...", "Nơi nhận:", the motto. */
export function isLayoutLine(t: string): boolean {
  return SIGNATURE_RE.test(t) || /^Số\s*:/u.test(t) || /,\s*ngày\b.*\btháng\b/u.test(t);
}

/** A header or signature column: a layout line or an upper-case name. */
function isColumnHead(t: string): boolean {
  return isLayoutLine(t) || (isAllCaps(t) && /\s/.test(t));
}

/** Pieces of [start, end) of `marked` between "<br>" tags, trimmed, non-empty. */
function brPieces(marked: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  const push = (a: number, b: number) => {
    while (a < b && /\s/u.test(marked[a])) a++;
    while (b > a && /\s/u.test(marked[b - 1])) b--;
    if (b > a) out.push([a, b]);
  };
  const piece = marked.slice(start, end);
  // Most lines have no tag at all.
  for (const m of piece.includes("<") ? piece.matchAll(/<br\s*\/?>/giu) : []) {
    push(from, start + m.index);
    from = start + m.index + m[0].length;
  }
  push(from, end);
  return out;
}

/** Text without Markdown emphasis, for tests on what a line says. */
const plain = (t: string) => t.replace(/\*\*|__/gu, "").trim();

const BORDER_RE = /^[|\s*_\-–—=~+]+$/u;
const PAGE_NUMBER_RE = /^(?:(?:trang|page)\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*\/\s*\d{1,3})?$/iu;

export function normalise(raw: string, opts: { markdown?: boolean } = {}): NormalisedText {
  const markdown = opts.markdown ?? false;
  const { src: nfcText, runs: nfcRuns } = nfc(raw);
  // Same-length substitutions: tone placement, odd spaces to plain spaces.
  const marked = tabRowsToPipes(normaliseTones(nfcText));
  // "<br>" (Markdown table cells, web pastes) is a line break: spaces of the same length keep the
  // offsets, and `marked` still shows where the breaks were.
  const src = marked.replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\ufeff]/gu, " ").replace(/<br\s*\/?>/giu, (m) => " ".repeat(m.length));

  // 1. Physical lines, split into columns where a line holds two columns.
  const physical: { start: number; end: number; row?: boolean }[] = [];
  const lineRe = /[^\r\n\f]*(?:\r\n|\r|\n|\f|$)/gu;
  const rawLines: { start: number; end: number }[] = [];
  for (const m of src.matchAll(lineRe)) {
    if (m[0].length === 0) {
      if (m.index >= src.length) break;
      continue;
    }
    const body = m[0].replace(/[\r\n\f]+$/u, "");
    rawLines.push({ start: m.index, end: m.index + body.length });
  }
  let tail = false;
  for (const l of rawLines) {
    const t = src.slice(l.start, l.end);
    if (/^\s*(?:\*\*)?\s*(?:Nơi nhận|TM\.|T\/M|KT\.|K\/T)/u.test(t) || /\.\/\.\s*$/u.test(t)) tail = true;
    if (isSeparatorRow(t)) continue;
    const cells = rowCells(t);
    if (cells) {
      // A layout table (the two-column header or signature) is columns, each "<br>" a line; a data
      // table keeps each row whole.
      const filled = cells.filter(([a, b]) => b > a);
      const pieces = filled.flatMap(([a, b]) => brPieces(marked, l.start + a, l.start + b));
      const texts = pieces.map(([a, b]) => plain(src.slice(a, b)));
      // Upper-case cells alone make a layout only in a two-column table: a data table may have an upper-case header row.
      if (texts.some(isLayoutLine) || (filled.length <= 2 && texts.some(isColumnHead))) for (const [a, b] of pieces) physical.push({ start: a, end: b });
      else if (filled.length) physical.push({ start: l.start + filled[0][0], end: l.start + filled[filled.length - 1][1], row: true });
      continue;
    }
    const brs = brPieces(marked, l.start, l.end);
    if (brs.length > 1 && brs.some(([a, b]) => isLayoutLine(plain(src.slice(a, b))))) {
      for (const [a, b] of brs) physical.push({ start: a, end: b });
      continue;
    }
    for (const [a, b] of columnSplits(t, tail)) {
      // A long line pasted from a web page may hold a whole section: split it at its list markers.
      let from = a;
      for (const at of inlineBreaks(t.slice(a, b))) {
        if (a + at > from) physical.push({ start: l.start + from, end: l.start + a + at });
        from = a + at;
      }
      physical.push({ start: l.start + from, end: l.start + b });
    }
    if (/\.\/\.\s*$/u.test(t)) tail = true;
  }

  // 2. Cleaned lines; page numbers and footnote bodies set aside.
  const lines: Line[] = [];
  const notes: Line[] = [];
  let blank = false;
  let bars = 0;
  let inNote = false;
  let inBold = false;
  for (const p of physical) {
    const t = src.slice(p.start, p.end);
    const segs = keptSegments(src, p.start, p.end, deletions(t, markdown));
    const text = lineText(src, segs);
    if (text.length === 0) {
      blank = true;
      inBold = false;
      continue;
    }
    // Table borders and rules left by a pasted page ("|", "-------", "* *", "___"): layout, not text.
    if (text === "|") {
      bars++;
      blank = true;
      continue;
    }
    // A number right after a "|" is a table's row number, not a page number.
    if (BORDER_RE.test(text) || (PAGE_NUMBER_RE.test(text) && !/^\d{1,2}\.$/u.test(text) && !(bars && /^\d{1,3}$/u.test(text)))) {
      blank = true;
      continue;
    }
    const footnoteStart = /^\s*(?:\*\*)?\s*<sup>\s*\d{1,3}\s*<\/sup>/u.test(t);
    if (footnoteStart || (inNote && CITATION_ITEM_RE.test(text))) {
      inNote = true;
      // Keep the footnote number: "<sup>1</sup> Quyết định ..." -> "1 Quyết định ...".
      const num = /<sup>\s*(\d{1,3})\s*<\/sup>/u.exec(t);
      const numSeg: [number, number][] = footnoteStart && num ? [[p.start + num.index + num[0].indexOf(num[1]), p.start + num.index + num[0].indexOf(num[1]) + num[1].length]] : [];
      notes.push({ segs: [...numSeg, ...segs], text: (numSeg.length ? num![1] + " " : "") + text, caps: false, heading: false, blankBefore: true, bars: 0 });
      continue;
    }
    inNote = false;
    const heading = markdown && (/^\s{0,3}#{1,6}\s/u.test(t) || /^\s*(?:\*\*|__)[^*_].*(?:\*\*|__)\s*$/u.test(t.replace(/\s+$/u, "")));
    const toggles = markdown && (t.match(/\*\*/gu)?.length ?? 0) % 2 === 1;
    lines.push({ segs, text, caps: isAllCaps(text), heading, blankBefore: blank, row: p.row, bars, boldOpens: toggles && !inBold, boldCloses: toggles && inBold });
    if (toggles) inBold = !inBold;
    blank = false;
    bars = 0;
  }

  // 3. Lines into paragraphs.
  const lengths = lines.map((l) => l.text.length).filter((n) => n > 20).sort((a, b) => a - b);
  const median = lengths.length ? lengths[lengths.length >> 1] : 0;
  const unpunctuated = lines.filter((l) => !/[.:;!?]["”)]?$/u.test(l.text)).length;
  const hardWrapped = lines.length >= 12 && median >= 40 && median <= 140 && unpunctuated / lines.length > 0.5;
  // Pages that separate paragraphs by blank lines (web pages, thuvienphapluat text) break lines
  // inside a paragraph anywhere, before a capital too ("về Bộ" / "Công an trước ngày ...").
  const blankSeparated = lines.filter((l) => l.blankBefore).length >= lines.length * 0.2 && unpunctuated / lines.length > 0.3;

  const b = new Builder(src);
  const paragraphs: Paragraph[] = [];
  let paraStart = -1;
  let paraHeading = false;
  const closeParagraph = () => {
    if (paraStart >= 0) paragraphs.push({ start: paraStart, end: b.text.length, heading: paraHeading });
    paraStart = -1;
  };
  const startParagraph = (line: Line) => {
    if (paraStart >= 0) {
      closeParagraph();
      b.synth("\n", line.segs[0][0]);
    }
    paraStart = b.text.length;
    paraHeading = line.heading;
  };
  const appendLine = (line: Line) => {
    for (const [s, e] of line.segs) b.copy(s, e);
  };

  const cellRows = cellPerLineRows(lines);
  let afterRow = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prev = i > 0 ? lines[i - 1] : null;
    // A table pasted one cell per line becomes one "a | b | c" paragraph a row.
    const rowEnd = cellRows.get(i);
    if (rowEnd !== undefined) {
      startParagraph(line);
      paraHeading = false;
      appendLine(line);
      for (let j = i + 1; j < rowEnd; j++) {
        b.synth(lines[j].bars ? " | " : " ", lines[j].segs[0][0] - 1);
        appendLine(lines[j]);
      }
      afterRow = true;
      i = rowEnd - 1;
      continue;
    }
    if (afterRow) {
      afterRow = false;
      startParagraph(line);
      appendLine(line);
      continue;
    }
    if (!prev || startsParagraph(prev, line, hardWrapped, median, blankSeparated)) {
      startParagraph(line);
      appendLine(line);
      continue;
    }
    // Join: a word hyphenated at the line end is glued back ("4079/QĐ-" + "UBND").
    if (/[^\s-]-$/u.test(prev.text) && /^[\p{L}\d]/u.test(line.text)) {
      appendLine(line);
    } else {
      b.synth(" ", line.segs[0][0] - 1);
      appendLine(line);
    }
  }
  closeParagraph();

  if (notes.length) {
    b.synth("\n", notes[0].segs[0][0]);
    const start = b.text.length;
    b.synth(NOTES_TITLE, notes[0].segs[0][0]);
    paragraphs.push({ start, end: b.text.length, heading: true });
    for (const n of notes) {
      b.synth("\n", n.segs[0][0]);
      const s = b.text.length;
      n.segs.forEach(([x, y], k) => {
        if (k === 1 && n.text !== lineText(src, n.segs)) b.synth(" ", y);
        b.copy(x, y);
      });
      paragraphs.push({ start: s, end: b.text.length, heading: false });
    }
  }

  const runs = b.runs.length ? b.runs : [[0, 0] as [number, number]];
  return { text: b.text, offsetRuns: nfcRuns ? compose(runs, b.text.length, nfcRuns) : runs, paragraphs };
}

/**
 * Rows of tables pasted one cell per line: a lone "|" line between cells and two between rows. A
 * row is the lines from one row break to the next when it has three cells or more (a two-column
 * header or signature block is layout, not a table), at most as many as the table's first row.
 * Returns row start -> row end (exclusive).
 */
function cellPerLineRows(lines: Line[]): Map<number, number> {
  const rows = new Map<number, number>();
  const cellsIn = (a: number, b: number) => 1 + lines.slice(a + 1, b).filter((l) => l.bars === 1).length;
  let i = 0;
  while (i < lines.length) {
    if (lines[i].bars < 2) {
      i++;
      continue;
    }
    // A run of rows, each starting at a row break.
    const breaks: number[] = [];
    let k = i;
    while (k < lines.length && lines[k].bars >= 2) {
      breaks.push(k);
      let n = k + 1;
      // A cell's lines follow each other; a blank line without a "|" ends the table.
      while (n < lines.length && lines[n].bars < 2 && n - k < 80 && !(lines[n].blankBefore && lines[n].bars === 0)) n++;
      if (n >= lines.length || lines[n].bars < 2) {
        k = n;
        break;
      }
      k = n;
    }
    let ends = breaks.map((b, x) => (x + 1 < breaks.length ? breaks[x + 1] : k));
    // A cell is a few lines; a long run of lines after a "|" is running text (a letter's body in a page's layout table).
    const longCell = (a: number, b: number) => {
      let run = 0;
      for (let x = a; x < b; x++) {
        run = lines[x].bars ? 1 : run + 1;
        if (run > 12) return true;
      }
      return false;
    };
    // The two-column header or signature block is layout, whatever table precedes it.
    const layout = (a: number, b: number) => lines.slice(a, b).some((l) => isLayoutLine(l.text));
    const cut = breaks.findIndex((b, x) => longCell(b, ends[x]) || layout(b, ends[x]));
    if (cut >= 0) {
      breaks.splice(cut);
      ends = ends.slice(0, cut);
    }
    const counts = breaks.map((b, x) => cellsIn(b, ends[x]));
    const columns = Math.max(0, ...counts.slice(0, 3).filter((c) => c <= 12));
    // A table has rows: two of three cells or more (a header and signature block has one).
    if (columns < 3 || counts.filter((c) => c >= 3).length < 2) {
      i = k + 1;
      continue;
    }
    // The header row: the `columns` cells before the first row break.
    let h = breaks[0] - 1;
    for (let cells = 0; h >= 0 && cells < columns; h--) if (lines[h].bars >= 1) cells++;
    h++;
    if (h < breaks[0] && lines[h].bars >= 1 && cellsIn(h, breaks[0]) >= 3 && breaks[0] - h <= columns * 4 && !longCell(h, breaks[0]) && !layout(h, breaks[0])) rows.set(h, breaks[0]);
    breaks.forEach((b, x) => {
      // The last row ends after `columns` cells: what follows the table's closing "|" is text again.
      let end = b + 1;
      for (let cells = 1; end < ends[x]; end++) if (lines[end].bars === 1 && ++cells > columns) break;
      rows.set(b, end);
    });
    i = Math.max(k, i + 1);
  }
  return rows;
}

/** Whether `line` starts a new paragraph after `prev`. */
function startsParagraph(prev: Line, line: Line, hardWrapped: boolean, median: number, blankSeparated: boolean): boolean {
  const t = line.text;
  if (line.heading || prev.heading || line.row || prev.row) return true;
  // A bold run broken over two lines is one paragraph: a PDF's heading cut after a word ("**QUY" +
  // "CHẾ**", "**Điều" + "1. Phạm vi điều chỉnh**"). Only two: a stray "**" must not join a page.
  if (prev.boldOpens && line.boldCloses && !line.blankBefore) return false;
  if (MARKER_RE.test(t) && !/^\d{1,2}\/\d/u.test(t)) return true;
  if (SIGNATURE_RE.test(t) || STARTER_RE.test(t) || SIGNATURE_RE.test(prev.text)) return true;
  const prevCaps = prev.caps;
  const caps = line.caps;
  if (prevCaps !== caps) return true;
  if (prevCaps && caps) return !hardWrapped || prev.text.length < median * 0.8;
  const continues = /^[\p{Ll}\d(]/u.test(t);
  if (/\.\/\.$/u.test(prev.text)) return true;
  if (continues) return false;
  if (/[.:!?]["”)]?$/u.test(prev.text)) return true;
  // Hard-wrapped too: lines with no blank between them are one paragraph, whatever the first line's
  // length (a PDF's indent makes it short); at a blank line the length rule below still decides.
  if (blankSeparated && (!hardWrapped || !line.blankBefore)) return line.blankBefore || /;["”)]?$/u.test(prev.text);
  if (!hardWrapped) return true;
  return prev.text.length < median * 0.8;
}
