// The structured answer: what was found (facts with their kind), the next due date, the sources,
// and flags that change how it reads. Channels and the LLM guard work from this, not from prose;
// render.ts turns it into Vietnamese or English text at the very end.
import type { AnswerCitation } from "../types";
import type { Ask } from "./ask";

export type DraftFlag =
  /** The plan states the period asked about but no date for it. */
  | "period-no-date"
  /** The date shown was set by the office, the plan gives none. */
  | "office-date"
  /** The plan's years are over; the next date is where the same rule would fall. */
  | "plan-ended"
  /** Nothing in the plans supports an answer; the closest passage is shown. */
  | "not-found"
  /** The plan gives a month, quarter or year but no day. */
  | "no-day";

export interface DraftFact {
  ask: Ask;
  /** The words of the plan that give the fact. */
  value: string;
}

export interface AnswerDraft {
  answered: boolean;
  ask: Ask;
  language: "vi" | "en";
  facts: DraftFact[];
  /** The next last day (YYYY-MM-DD) and days left, when the fact is a date. */
  next: { date: string; daysLeft: number; obligationId: string | null; plan: string } | null;
  /** The last day of the plan's final occurrence, when the plan has ended. */
  lastDay?: string | null;
  /** Plan title (short form) of the source, for the first line. */
  source: { title: string; section: string; excerpt: string } | null;
  citations: AnswerCitation[];
  flags: DraftFlag[];
  /** Answers from other plans that match about as well, when the asker's plan is not known. */
  more?: AnswerDraft[];
}
