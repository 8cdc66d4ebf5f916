// PDF files: the text layer through unpdf (pdf.js), rebuilt into lines from the positioned text
// items so that the normaliser sees the same shape as a PDF-to-text export.
import { extractTextItems, getDocumentProxy } from "unpdf";

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** Groups one page's items into lines (same baseline), left to right, with a space at gaps. */
function pageLines(items: Item[]): string[] {
  const sorted = items.filter((i) => i.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    const tolerance = Math.max(2, (it.fontSize || 10) * 0.4);
    if (last && Math.abs(last[0].y - it.y) <= tolerance) last.push(it);
    else lines.push([it]);
  }
  return lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let out = "";
    let end = -Infinity;
    for (const it of line) {
      const gap = it.x - end;
      const space = (it.fontSize || 10) * 0.2;
      if (out && gap > space * 8) out += "     "; // a column gap (two-column signature blocks)
      else if (out && gap > space && !out.endsWith(" ") && !it.str.startsWith(" ")) out += " ";
      out += it.str;
      end = it.x + it.width;
    }
    return out;
  });
}

export async function readPdf(bytes: Uint8Array): Promise<string> {
  if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
    throw new Error("it is not a PDF file (no %PDF header)");
  }
  let doc;
  try {
    doc = await getDocumentProxy(new Uint8Array(bytes));
  } catch (e) {
    const err = e as Error & { name?: string };
    if (err.name === "PasswordException" || /password/i.test(err.message)) {
      throw new Error("the PDF is password-protected; remove the password (print it to a new PDF) and load it again");
    }
    throw new Error(`the PDF is damaged or unreadable (${err.message.split("\n")[0]}); export it again from the original document`);
  }
  try {
    const { items } = await extractTextItems(doc);
    // Pages are separated by a blank line and a form feed so the normaliser sees page ends.
    return items.map((page) => pageLines(page as Item[]).join("\n")).join("\n\f\n");
  } catch (e) {
    throw new Error(`the PDF text could not be read (${(e as Error).message.split("\n")[0]})`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
