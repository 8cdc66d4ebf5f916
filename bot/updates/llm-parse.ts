// Free-form updates the rules cannot read, parsed by an OpenAI-compatible model through langchain
// with zod structured output. The model's output is checked like user input: a percent outside
// 0-100 or an impossible date is rejected, and any failure falls back to the rules' reply.
// @langchain/openai is imported on the first free-form update (seconds at start otherwise).
import { z } from "zod";
import { findDoneOn } from "./parse";
import { periodFor } from "./period";
import { periodWords } from "../../knowledge/time";
import { reconcile, STATUSES } from "./status";
import type { FreeFormParser } from "./update-command";

export const llmUpdateSchema = z.object({
  isUpdate: z.boolean().describe("true when the message reports progress on a task"),
  topic: z.string().describe("the task the message is about, in the user's words, e.g. 'báo cáo 6 tháng'"),
  status: z.enum(STATUSES).describe("one of: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc"),
  percent: z.number().int().min(0).max(100).nullable().describe("percent done when the message gives one, else null"),
  note: z.string().describe("remaining details (what is pending, problems), in Vietnamese, or ''"),
  date: z.string().nullable().describe("a date the message gives as D/M or D/M/YYYY, else null"),
});

export type LlmUpdate = z.infer<typeof llmUpdateSchema>;

/** Anything with langchain's structured-output call; tests pass a typed fake. */
export interface StructuredModel {
  invoke(input: string): Promise<unknown>;
}

const PROMPT = `Bạn đọc một tin nhắn cập nhật tiến độ công việc của cán bộ xã/phường và trích thông tin.
Trạng thái chỉ được là: chưa bắt đầu, đang thực hiện, hoàn thành, vướng mắc. Không bịa số liệu hay ngày tháng không có trong tin nhắn.
Tin nhắn: `;

export function parserFromModel(model: StructuredModel): FreeFormParser {
  return async (text, today) => {
    const raw = await model.invoke(PROMPT + text.slice(0, 2000));
    const out = llmUpdateSchema.safeParse(raw);
    if (!out.success || !out.data.isUpdate) return null;
    const u = out.data;
    // Numbers and dates must be in the message itself, never invented by the model.
    if (u.percent !== null && !text.includes(String(u.percent))) u.percent = null;
    const doneOn = u.date && text.includes(u.date.split("/")[0]) ? findDoneOn(u.date, today) : null;
    const both = reconcile(u.status, u.percent);
    if (!both) return null;
    const words = periodWords(text);
    return {
      topic: u.topic.slice(0, 300),
      status: both.status,
      percent: both.percent,
      note: u.note.slice(0, 1000),
      period: periodFor(words, doneOn ?? today),
      periodExplicit: words.kind !== null || words.year !== null,
      doneOn,
    };
  };
}

export function createLlmUpdateParser(s: { baseURL?: string; apiKey: string; model: string; timeoutMs: number }): FreeFormParser {
  let model: Promise<StructuredModel> | null = null;
  const open = () =>
    (model ??= import("@langchain/openai").then(({ ChatOpenAI }) => {
      const chat = new ChatOpenAI({
        model: s.model,
        apiKey: s.apiKey,
        temperature: 0,
        timeout: s.timeoutMs,
        maxRetries: 1,
        configuration: s.baseURL ? { baseURL: s.baseURL } : undefined,
      });
      return chat.withStructuredOutput(llmUpdateSchema, { name: "progress_update" });
    }));
  return async (text, today) => parserFromModel(await open())(text, today);
}
