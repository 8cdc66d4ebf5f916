// The messages between the answer pool (main thread) and an answer worker.
import type { OfficeDate } from "../../knowledge/answer/office-dates";
import type { Answer, Plan } from "../../knowledge/types";
import type { Config } from "../config";
import type { PlanRef } from "../plans/plan-cache";

/** What a worker builds its engine from (workerData). */
export interface WorkerInput {
  config: Config;
  /** The plans, when the caller has no plan cache (tests, the bench); default: loadEngine's, from DATA_DIR. */
  plans?: Plan[];
  /** The worker's number in the pool, for its log lines. */
  worker: number;
  /** Started before the store is open (a restart): these plans, from the saved index only (loadEngine). */
  early?: { plans: PlanRef[] };
}

export interface AnswerRequest {
  id: number;
  question: string;
  o: { planId?: string | null; now: Date; officeDates?: OfficeDate[] };
}

/** Ends the worker between two tasks: terminate() may stop it inside a native call (hnswlib), which kills the process. */
export interface StopRequest {
  stop: true;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "failed"; error: string }
  | { type: "answer"; id: number; answer: Answer }
  | { type: "error"; id: number; error: string };
