// An answer worker (node:worker_threads): builds the engine once as the start path does
// (loadEngine: the plan cache and the saved index in DATA_DIR; or buildEngine over the plans it
// was given), says "ready", then answers
// each question it is sent; questions sent while it builds wait for it. The questions run
// concurrently, as on the main thread.
import { parentPort, workerData } from "node:worker_threads";
import pino from "pino";
import type { KnowledgeEngine } from "../../knowledge/answer/engine";
import { buildEngine, loadEngine } from "../plans/knowledge-engine";
import type { AnswerRequest, StopRequest, WorkerInput, WorkerReply } from "./protocol";
import { collectGarbage } from "../collect-garbage";

const port = parentPort;
if (!port) throw new Error("answer-worker.ts runs as a worker thread (see answer-pool.ts), not on its own.");
const input = workerData as WorkerInput;
const log = pino({ level: input.config.LOG_LEVEL }).child({ answerWorker: input.worker });
const send = (m: WorkerReply) => port.postMessage(m);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

let engine: KnowledgeEngine | null = null;
const waiting: AnswerRequest[] = [];
/** The engine's build; settled means no native read of the saved index is still running. */
let building: Promise<unknown> = Promise.resolve();

function answer(e: KnowledgeEngine, r: AnswerRequest): void {
  e.answer(r.question, r.o).then(
    (a) => {
      try {
        send({ type: "answer", id: r.id, answer: a });
      } catch (err) {
        // An answer that cannot be copied to the main thread is a bug: say so for this question.
        send({ type: "error", id: r.id, error: `answer could not be sent: ${message(err)}` });
      }
    },
    (err: unknown) => send({ type: "error", id: r.id, error: message(err) }),
  );
}

port.on("message", (r: AnswerRequest | StopRequest) => {
  // Not in the middle of the build: hnswlib reads the saved graph on the thread pool, and a thread
  // that ends during that read takes the whole process down.
  if ("stop" in r) return void building.finally(() => process.exit(0));
  if (engine) answer(engine, r);
  else waiting.push(r);
});

try {
  const debug = (m: string) => log.debug(m);
  building = input.plans ? buildEngine(input.config, input.plans, debug) : loadEngine(input.config, debug, input.early);
  const built = (await building) as KnowledgeEngine | null;
  if (!built) throw new Error(`No plan cache in ${input.config.DATA_DIR}/index yet: the main thread loads the plans first.`);
  engine = built;
  if (!input.early) collectGarbage(); // what a build left; a restart's early load is not held up
  send({ type: "ready" });
  for (const r of waiting.splice(0)) answer(built, r);
} catch (err) {
  // An early start over a changed folder is expected to miss: the start begins again on the new plans.
  if (input.early) log.info({ reason: message(err) }, "answer worker started early could not load the saved index");
  else log.error({ err }, "answer worker could not build the engine");
  send({ type: "failed", error: message(err) });
}
