// The knowledge model: what a plan document becomes after loading, normalising and extraction.
// Pure data, JSON-serialisable, shared by every part of knowledge/ and by the bot.
import type { AnswerDraft } from "./answer/draft";

/** How often an obligation recurs, as the plan states it. */
export type Period =
  | "once"
  | "monthly"
  | "quarterly"
  | "half_year"
  | "nine_months"
  | "yearly"
  | "multi_year"
  | "ad_hoc";

export const PERIODS: readonly Period[] = [
  "once",
  "monthly",
  "quarterly",
  "half_year",
  "nine_months",
  "yearly",
  "multi_year",
  "ad_hoc",
];

/**
 * A due date exactly as the text gives it; never invented.
 * - "trước ngày 10/6"                  -> { day: 10, month: 6, before: true }
 * - "ngày 29 tháng 12 năm 2022"        -> { day: 29, month: 12, year: 2022, before: false }
 * - "trước ngày 15 của tháng" (monthly) -> { day: 15, before: true }            (no month)
 * - "ngày 05 tháng cuối cùng của mỗi quý" -> { day: 5, monthInPeriod: "last", before: false }
 */
export interface Due {
  day: number;
  month?: number;
  year?: number;
  /** For quarterly/half-year dates given relative to the period: which month of it. */
  monthInPeriod?: "first" | "last";
  /** "trước ngày D": the last allowed day is D - 1. */
  before: boolean;
  /** The words of the text that gave this date, e.g. "trước ngày 10/6". */
  text: string;
}

export interface ScheduleItem {
  period: Period;
  due: Due | null;
}

/** Character offsets [start, end) into the original (un-normalised) text of the file. */
export interface Span {
  start: number;
  end: number;
}

export interface Section {
  /** Stable within a plan: "s0", "s1", ... in document order. */
  id: string;
  /** The marker as written: "IV", "4", "1.1", "a", "-"; "" for the preamble. */
  number: string;
  /** Heading text without the marker; for a "-" item, its first words. */
  title: string;
  /** 1 = top level (I., II.), deeper numbers are nested. */
  level: number;
  parentId: string | null;
  /** Readable path, e.g. "IV. TỔ CHỨC THỰC HIỆN › 4. Chế độ thông tin báo cáo". */
  path: string;
  /** Offsets of the section body (heading included) in the normalised text. */
  start: number;
  end: number;
}

export interface Obligation {
  /**
   * Stable across edits elsewhere in the plan: "o-" + 8 hex of sha1(section title + quote), "-2" on
   * a repeat (knowledge/obligations/ids.ts).
   */
  id: string;
  sectionId: string;
  /** The section path, as in Section.path. */
  section: string;
  /** Responsible unit names as the plan writes them, e.g. ["Phòng Nội vụ"]. */
  responsible: string[];
  /** What must be done, a short phrase from the sentence. */
  task: string;
  /** To whom the result is sent, e.g. "Ủy ban nhân dân thị xã (qua phòng Nội vụ)". */
  recipient: string | null;
  schedule: ScheduleItem[];
  /** The source sentence (normalised text). */
  quote: string;
  /** Where the quote is in the normalised text. */
  span: Span;
}

export interface PlanMeta {
  /** Document number, e.g. "16-CTr/BDVTU-UBND"; null when blank or absent. */
  number: string | null;
  /** The plan's title, e.g. "Kế hoạch thực hiện công tác Dân vận chính quyền năm 2023". */
  title: string;
  /** The issuing body, e.g. "Ủy ban nhân dân thị xã Hồng Lĩnh". */
  issuer: string | null;
  place: string | null;
  /** Date of issue as "D/M/YYYY" (parts the text leaves blank are omitted: "2/2023"). */
  date: string | null;
  /** The years the plan covers: a 2023 plan is {from: 2023, to: 2023}. */
  period: { from: number; to: number } | null;
  signers: string[];
  /** The document's kind as its header or number says: "Quyết định", "Công văn", "Kế hoạch", ...; null when the text does not say. */
  kind?: string | null;
  /** A Công văn's subject line without "V/v" ("tăng cường quản lý công tác đấu thầu"); null when absent. */
  subject?: string | null;
  /** "Kính gửi: ..." addressees, one per entry. */
  addressees?: string[];
  /** "Nơi nhận: ..." distribution list, one per entry (without "Lưu: ..."). */
  recipients?: string[];
  /** An attached document inside a Quyết định ("Ban hành kèm theo ..."): its kind and title. */
  attached?: { kind: string; title: string } | null;
}

/** A sentence of the normalised text, the unit of retrieval and citation. */
export interface Sentence {
  sectionId: string;
  text: string;
  start: number;
  end: number;
}

export interface Plan {
  /** File name without extension, e.g. "honglinh-2023". */
  id: string;
  /** The file path it was loaded from. */
  file: string;
  sha256: string;
  meta: PlanMeta;
  /** Normalised text (NFC, artifacts removed). */
  text: string;
  /**
   * Maps offsets in `text` back to the original file text, as runs [textOffset, originalOffset]
   * sorted by textOffset: offset n maps to run[1] + (n - run[0]) for the last run with run[0] <= n.
   */
  offsetRuns: [number, number][];
  sections: Section[];
  sentences: Sentence[];
  obligations: Obligation[];
}

/** A file that could not be loaded as a plan. The message names the file and says why. */
export class PlanLoadError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "PlanLoadError";
  }
}

/** What is asked. */
export type QuestionKind = "deadline" | "responsible" | "recipient" | "recurrence" | "content";

export interface AnswerCitation {
  plan: string;
  planTitle: string;
  section: string;
  quote: string;
}

/** The answer to one question, extractive by default. */
export interface Answer {
  /** False when the loaded plans do not support an answer (the text then says so). */
  answered: boolean;
  kind: QuestionKind;
  language: "vi" | "en";
  /** The reply as the user reads it. */
  text: string;
  citations: AnswerCitation[];
  /** For deadline answers: the next last day (YYYY-MM-DD) and days left from `now`. */
  next?: { date: string; daysLeft: number; obligationId: string; plan: string } | null;
  /** "extractive" or "llm" (phrased by a model and checked against the sources). */
  via: "extractive" | "llm";
  /** The structured answer the text was rendered from (facts, dates, sources, flags). */
  draft?: AnswerDraft;
}
