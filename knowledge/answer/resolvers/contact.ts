// E-mail, web address, phone: the question says which; only that kind answers.
import { isSourceLine } from "../../document/meta";
import { contact as any, email } from "../evidence";
import type { Resolver } from "./resolver";

export const contact: Resolver = {
  ask: "contact",
  find(c, q) {
    const text = c.sentence.text;
    // The saved page's own address ("source: https://…") is where the copy came from, not an address the plan gives.
    if (isSourceLine(text)) return null;
    if (/\b(email|e mail|thu dien tu|hom thu)\b/.test(q.folded) || /e-?mail/.test(q.raw.toLowerCase())) return email(text);
    const found = any(text);
    if (!found) return null;
    const isPhone = /^[+\d]/.test(found.text);
    const asksPhone = /\b(dien thoai|hotline|so may)\b|\bphone\b/.test(`${q.folded} ${q.raw.toLowerCase()}`);
    return isPhone === asksPhone || found.text.includes("@") ? found : null;
  },
};
