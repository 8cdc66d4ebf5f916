// Plain text and Markdown files: decode the bytes (UTF-8, or UTF-16 when a BOM says so) and refuse
// anything that is not text.

/** Why a byte buffer is not readable text, or null when it is. */
function binaryReason(text: string): string | null {
  if (text.length === 0) return null;
  let control = 0;
  let replacement = 0;
  const n = Math.min(text.length, 1 << 16);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return "it is a binary file (it contains NUL bytes), not a text plan";
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
    else if (c === 0xfffd) replacement++;
  }
  if (control / n > 0.01 || replacement / n > 0.02) {
    return "it is not UTF-8 text (it looks binary or uses another encoding); save it as UTF-8 and load it again";
  }
  return null;
}

/** Decodes a text file. Throws an Error with a plain reason when the bytes are not text. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  else text = new TextDecoder("utf-8").decode(bytes);
  const reason = binaryReason(text);
  if (reason) throw new Error(reason);
  return text;
}
