// Questions that cannot be answered as such (empty, far too long, no words at all) get a polite
// reply that says what to ask instead. Anything else, SQL or prompt-injection text included, is
// just text: it is searched like any question and never executed or obeyed.
import { T, type Lang } from "./compose";
import { detectLanguage } from "./question";

export const MAX_QUESTION_CHARS = 1000;

export type CheckedInput = { ok: true; text: string } | { ok: false; language: Lang; text: string };

export function checkInput(raw: unknown): CheckedInput {
  const text = typeof raw === "string" ? raw.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").trim() : "";
  const language = text ? detectLanguage(text.slice(0, 300)) : "vi";
  if (!text) return { ok: false, language, text: T.empty(language) };
  if (text.length > MAX_QUESTION_CHARS) return { ok: false, language, text: T.tooLong(text.length, MAX_QUESTION_CHARS, language) };
  if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, language, text: T.unclear(language) };
  return { ok: true, text };
}
