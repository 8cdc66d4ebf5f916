// Long answers split for Zalo: at sentence boundaries (then at spaces, then hard) so that each
// piece stays under the length limit. Zalo does not document a limit; 2,000 characters is safe.

export const ZALO_MAX_CHARS = 2000;

/** Sentences and line breaks, each with its trailing spaces. */
function units(text: string): string[] {
  return text.match(/[^.!?…\n]+(?:[.!?…]+["”’)\]]*|\n+|$)\s*|[.!?…\n]+\s*/g) ?? [text];
}

function hardSplit(unit: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = unit;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(" ", maxChars);
    const cut = space > maxChars / 2 ? space : maxChars;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

export function splitText(text: string, maxChars: number = ZALO_MAX_CHARS): string[] {
  if (text.length <= maxChars) return [text];
  const chunks: string[] = [];
  let current = "";
  for (const unit of units(text).flatMap((u) => (u.length > maxChars ? hardSplit(u, maxChars) : [u]))) {
    if (current.length + unit.length > maxChars && current.trim() !== "") {
      chunks.push(current.trim());
      current = "";
    }
    current += unit;
  }
  if (current.trim() !== "") chunks.push(current.trim());
  return chunks;
}
