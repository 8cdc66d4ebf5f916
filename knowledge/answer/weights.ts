// Every weight and threshold of answer selection, in one place. The values in weights.json are set
// by `npm run calibrate` on labelled real questions (cross-validated); the defaults below are only
// used when that file is missing or invalid.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const weightsSchema = z.object({
  /** Share of the question's terms in the sentence alone. */
  own: z.number(),
  /** How much the question's words that name the asker's plan (title, number, issuer, place) count in `own` (0: not at all). */
  named: z.number().default(0),
  /** The same with the sentence's heading, list intro and plan metadata. */
  ctx: z.number(),
  /** Rank in the hybrid search. */
  search: z.number(),
  /** Strength of the evidence the asked kind needs (a date for a deadline, a unit for a recipient ...). */
  evidence: z.number(),
  /** The sentence states the period the question names (+), or only other periods (-). */
  period: z.number(),
  /** The sentence also carries what the question asks second ("gửi cho ai, hạn khi nào"). */
  also: z.number(),
  /** An answer needs at least this score ... */
  answerAt: z.number(),
  /** ... and at least this share of the question's terms in the sentence with its context ... */
  supportAt: z.number(),
  /** ... and evidence at least this strong. */
  evidenceAt: z.number().default(0),
});
export type Weights = z.infer<typeof weightsSchema>;

export const DEFAULT_WEIGHTS: Weights = { own: 0.5, named: 0.3, ctx: 0.5, search: 0.15, evidence: 0.3, period: 0.25, also: 0.1, answerAt: 0.45, supportAt: 0.3, evidenceAt: 0 };

export const WEIGHTS_FILE = new URL("./weights.json", import.meta.url);

export function loadWeights(): Weights {
  try {
    return weightsSchema.parse(JSON.parse(readFileSync(WEIGHTS_FILE, "utf8")));
  } catch {
    return DEFAULT_WEIGHTS;
  }
}
