// Word (.docx) files: paragraphs with Word's own list numbers, and tables row by row, read from the
// document's XML (knowledge/load/docx-text.ts); mammoth's raw text when that XML cannot be read.
import JSZip from "jszip";
import mammoth from "mammoth";
import { isLayoutLine } from "../normalise";
import { docxText, parseNumbering } from "./docx-text";

async function fromXml(bytes: Uint8Array): Promise<string | null> {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file("word/document.xml")?.async("string");
  if (!document) return null;
  const numbering = (await zip.file("word/numbering.xml")?.async("string")) ?? null;
  const styles = (await zip.file("word/styles.xml")?.async("string")) ?? null;
  return docxText(document, parseNumbering(numbering, styles), isLayoutLine);
}

export async function readDocx(bytes: Uint8Array): Promise<string> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new Error("it is not a Word .docx file (not a ZIP package); open it in Word and save it as .docx");
  try {
    const text = await fromXml(bytes);
    if (text && text.trim()) return text;
  } catch {
    // A package JSZip cannot read: mammoth below gives the reason.
  }
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (e) {
    throw new Error(`the Word file is damaged or not a .docx document (${(e as Error).message.split("\n")[0]}); open it in Word and save it again`);
  }
}
