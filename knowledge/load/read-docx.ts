// Word (.docx) files: the raw text through mammoth, one paragraph a line.
import mammoth from "mammoth";

export async function readDocx(bytes: Uint8Array): Promise<string> {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new Error("it is not a Word .docx file (not a ZIP package); open it in Word and save it as .docx");
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch (e) {
    throw new Error(`the Word file is damaged or not a .docx document (${(e as Error).message.split("\n")[0]}); open it in Word and save it again`);
  }
}
