// What the core needs of the answering engine (knowledge/answer): one question in, one Answer out.
import type { Answer } from "../../knowledge/types";
import type { TextMessage } from "../messages";

export interface Answerer {
  answer(question: string, o: { planId?: string | null; now: Date }): Promise<Answer>;
}

export function answerMessage(a: Answer): TextMessage {
  return { kind: "text", text: a.text, citations: a.citations.length ? a.citations : undefined };
}
