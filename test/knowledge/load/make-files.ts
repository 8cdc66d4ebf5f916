// Builders for plan files that the loader tests read: Word documents (docx package), PDFs
// (pdf-lib with a Vietnamese TTF: the system's, else the one shipped with the npm Chromium, see
// test/support/fonts.ts), a password-protected PDF built by hand, and noise.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import fontkit from "@pdf-lib/fontkit";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { PDFDocument } from "pdf-lib";
import { vietnameseFontFile } from "../../support/fonts";

/** A .docx whose paragraphs are the given lines; lines starting with "# " become headings. */
export async function makeDocx(lines: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: lines.map((l) =>
          l.startsWith("# ") ? new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: l.slice(2), bold: true })] }) : new Paragraph({ children: [new TextRun(l)] }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A PDF with the given lines, `perPage` lines a page, a page number at each page foot. It needs a
 * Vietnamese TTF: without one the test fails and says why.
 */
export async function makePdf(lines: string[], perPage = 30): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const fontFile = vietnameseFontFile();
  if (!fontFile) throw new Error("No TTF font with Vietnamese glyphs: run the tests through vitest (its global setup unpacks one) or apt-get install fonts-dejavu-core");
  const font = await pdf.embedFont(readFileSync(fontFile), { subset: true });
  for (let p = 0; p * perPage < lines.length; p++) {
    const page = pdf.addPage([595, 842]);
    lines.slice(p * perPage, (p + 1) * perPage).forEach((l, i) => page.drawText(l, { x: 50, y: 790 - i * 22, size: 11, font }));
    page.drawText(String(p + 1), { x: 290, y: 30, size: 10, font });
  }
  return pdf.save();
}

/**
 * A PDF encrypted with the standard security handler (RC4, R2) whose user password is not empty:
 * readers must ask for a password. Built by hand since pdf-lib cannot encrypt.
 */
export function makeEncryptedPdf(): Buffer {
  const hex = (n: number) => randomBytes(n).toString("hex");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
    "<< /Length 8 >>\nstream\n" + "x".repeat(8) + "\nendstream",
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -44 >>`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16)}> <${hex(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export function noise(bytes: number): Buffer {
  return randomBytes(bytes);
}
