// Document structure of a normalised plan: metadata, the section tree and the sentences.
import type { NormalisedText } from "./normalise";
import type { PlanMeta, Section, Sentence } from "./types";
import { extractMeta } from "./document/meta";
import { buildSections } from "./document/sections";
import { buildSentences } from "./document/sentences";

export { nameCase } from "./document/casing";
export { sectionAt } from "./document/sections";
export { splitSentences } from "./document/sentences";

export interface PlanStructure {
  meta: PlanMeta;
  sections: Section[];
  sentences: Sentence[];
}

export function structure(norm: NormalisedText, fallbackTitle: string): PlanStructure {
  const { sections, markerLength } = buildSections(norm.text, norm.paragraphs);
  const meta = extractMeta(norm.text, norm.paragraphs, fallbackTitle);
  const sentences = buildSentences(norm.text, norm.paragraphs, sections, markerLength);
  return { meta, sections, sentences };
}
