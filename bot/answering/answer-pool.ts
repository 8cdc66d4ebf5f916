// Answering on worker threads, so the main thread keeps serving HTTP, the store and nudges while
// questions are answered on the other cores. Each worker builds its own engine as the start path
// does (bot/plans/knowledge-engine.ts); the first alone, so any index it writes the others read.
// A question goes to the worker with the fewest open questions. A question not answered within
// timeoutMs is rejected (the core replies with its apology and logs it); a worker that has said
// nothing since such a question was sent is stuck and replaced; a worker that stops for any reason
// is started again, its open questions rejected, never left hanging.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { entryModule } from "../../knowledge/entry-module";
import type { Answer, Plan } from "../../knowledge/types";
import type { Config } from "../config";
import type { OfficeAwareEngine } from "../plans/office-answerer";
import type { AnswerRequest, StopRequest, WorkerInput, WorkerReply } from "./protocol";

export interface AnswerPoolOptions {
  size: number;
  config: Config;
  /** Sent to each worker; without them each worker reads the plan cache in DATA_DIR (loadEngine). */
  plans?: Plan[];
  timeoutMs: number;
  log: Logger;
  /** The worker's module (tests wrap it); default answer-worker beside this file. */
  entry?: URL;
  /** Sent to each worker: load these plans from the saved index only (answerer.ts startEarlyAnswerer). */
  early?: WorkerInput["early"];
}

export interface AnswerPool extends OfficeAwareEngine {
  readonly size: number;
  /** Resolves once every worker has built its engine; rejects when the first build fails. */
  readonly ready: Promise<void>;
  /** Workers started again after one stopped. */
  restarts(): number;
  /** Resolves once every worker, restarted ones included, is ready (or has failed to start). */
  whenReady(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Workers by default: one core is left to the main thread, which spends more of a turn than the
 * engine does (HTTP, botbuilder, the embedded database, logging), so on 2 cores one worker. Each
 * worker holds its own copy of the index, hence the cap. In-memory data (tests, tools): none.
 */
export function answerWorkers(config: Pick<Config, "ANSWER_WORKERS" | "DATA_DIR">, cores = availableParallelism()): number {
  if (config.ANSWER_WORKERS !== undefined) return config.ANSWER_WORKERS;
  if (config.DATA_DIR === "memory") return 0;
  return Math.max(1, Math.min(4, cores - 1));
}

export class AnswerTimeoutError extends Error {
  constructor(ms: number) {
    super(`No answer within ${ms} ms from the answer worker.`);
    this.name = "AnswerTimeoutError";
  }
}

interface Job {
  resolve(a: Answer): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  sentAt: number;
}

interface Slot {
  n: number;
  worker: Worker | null;
  ready: boolean;
  /** Open questions by id (sent, or waiting for the worker to start). */
  jobs: Map<number, Job>;
  /** Requests made while no worker runs, sent when one starts. */
  backlog: AnswerRequest[];
  lastHeard: number;
  /** Stops in a row without becoming ready: the next start waits longer. */
  failures: number;
  /** The latest start: settles when that worker is ready or has failed. */
  starting: Promise<void>;
}

/** Asks the worker to end itself between tasks; terminates it only if it does not within STOP_GRACE_MS. */
const STOP_GRACE_MS = 5_000;
function stop(w: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void w.terminate(), STOP_GRACE_MS);
    w.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    w.postMessage({ stop: true } satisfies StopRequest);
  });
}

/** Loads the worker module through tsx, which compiles the TypeScript (run from the sources, not from dist/). */
function bootCode(entry: URL): string {
  // tsx's ESM build: its CommonJS one cannot register the loader from a worker started by eval.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const file = JSON.stringify(entry.href);
  return `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${file}, ${file}));`;
}

export function createAnswerPool(o: AnswerPoolOptions): AnswerPool {
  if (!(o.size >= 1)) throw new Error(`An answer pool needs at least one worker (got ${o.size}).`);
  const { url: entry, tsx } = o.entry ? { url: o.entry, tsx: true } : entryModule(new URL("./answer-worker.ts", import.meta.url));
  const boot = tsx ? bootCode(entry) : null;
  const log = o.log.child({ part: "answer-pool" });
  const slots: Slot[] = Array.from({ length: o.size }, (_, n) => ({ n, worker: null, ready: false, jobs: new Map(), backlog: [], lastHeard: 0, failures: 0, starting: Promise.resolve() }));
  let nextId = 1;
  let closed = false;
  let restarts = 0;

  const finish = (slot: Slot, id: number) => {
    const job = slot.jobs.get(id);
    if (job) {
      clearTimeout(job.timer);
      slot.jobs.delete(id);
    }
    return job;
  };

  function start(slot: Slot): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const input: WorkerInput = { config: o.config, plans: o.plans, worker: slot.n, early: o.early };
      const w = boot ? new Worker(boot, { eval: true, workerData: input }) : new Worker(entry, { workerData: input });
      let buildFailed = false;
      w.unref();
      slot.worker = w;
      slot.ready = false;
      for (const r of slot.backlog.splice(0)) w.postMessage(r);
      w.on("message", (m: WorkerReply) => {
        slot.lastHeard = performance.now();
        if (m.type === "ready") {
          slot.ready = true;
          slot.failures = 0;
          resolve();
        } else if (m.type === "failed") {
          buildFailed = true;
          reject(new Error(`The answer worker could not build the engine: ${m.error}`));
          stop(w);
        } else if (m.type === "answer") finish(slot, m.id)?.resolve(m.answer);
        else finish(slot, m.id)?.reject(new Error(m.error));
      });
      w.on("error", (err) => log.error({ err, worker: slot.n }, "answer worker failed"));
      w.on("exit", (code) => {
        if (slot.worker === w) slot.worker = null;
        reject(new Error(`The answer worker stopped (exit code ${code}) before it was ready.`));
        const open = [...slot.jobs.keys()];
        for (const id of open) finish(slot, id)?.reject(new Error(`The answer worker stopped (exit code ${code}).`));
        // Workers started early on the last start's plans are a guess: when the saved index does not
        // match, another one would miss too (and take CPU from the start that is loading the plans).
        if (closed || (buildFailed && o.early)) return;
        const waitMs = Math.min(30_000, 1000 * slot.failures);
        slot.failures++;
        restarts++;
        log.error({ worker: slot.n, code, open: open.length, waitMs }, "answer worker stopped; starting another");
        slot.starting = new Promise<void>((settled) => {
          setTimeout(() => {
            if (closed || slot.worker) return settled();
            launch(slot).then(settled, (err: Error) => {
              log.error({ err, worker: slot.n }, "answer worker did not start");
              settled();
            });
          }, waitMs).unref();
        });
      });
    });
  }

  function launch(slot: Slot): Promise<void> {
    const p = start(slot);
    slot.starting = p.catch(() => {});
    return p;
  }

  // The first worker alone (it may write the index), then the others together.
  const ready = (async () => {
    await launch(slots[0]);
    await Promise.all(slots.slice(1).map(launch));
  })();
  ready.catch(() => {});

  /** The worker with the fewest open questions, a ready one before one that is starting. */
  const load = (s: Slot) => (s.ready ? 0 : 1e6) + s.jobs.size;
  function pick(): Slot {
    let best = slots[0];
    for (const s of slots) if (load(s) < load(best)) best = s;
    return best;
  }

  return {
    size: o.size,
    ready,
    restarts: () => restarts,
    async whenReady() {
      await ready.catch(() => {});
      // A restart may begin while waiting: wait again until none is under way.
      for (;;) {
        const now = slots.map((s) => s.starting);
        await Promise.all(now);
        if (slots.every((s, i) => s.starting === now[i])) return;
      }
    },
    answer(question, opts) {
      if (closed) return Promise.reject(new Error("The answer pool is closed."));
      const slot = pick();
      const id = nextId++;
      return new Promise<Answer>((resolve, reject) => {
        const sentAt = performance.now();
        const timer = setTimeout(() => {
          finish(slot, id);
          reject(new AnswerTimeoutError(o.timeoutMs));
          const stuck = slot.ready && slot.worker !== null && slot.lastHeard < sentAt;
          log.warn({ worker: slot.n, timeoutMs: o.timeoutMs, stuck }, "question not answered in time");
          if (stuck) {
            const w = slot.worker!;
            // Restarting from now on: whenReady() waits for the worker that replaces it.
            slot.ready = false;
            slot.starting = new Promise((settled) => w.once("exit", () => settled()));
            void w.terminate();
          }
        }, o.timeoutMs);
        slot.jobs.set(id, { resolve, reject, timer, sentAt });
        const req: AnswerRequest = { id, question, o: opts };
        if (slot.worker) slot.worker.postMessage(req);
        else slot.backlog.push(req);
      });
    },
    async close() {
      closed = true;
      for (const s of slots) {
        for (const id of [...s.jobs.keys()]) finish(s, id)?.reject(new Error("The answer pool is closed."));
        s.backlog.length = 0;
      }
      await Promise.all(slots.map((s) => s.worker && stop(s.worker)));
    },
  };
}
