// Guarded plan loading: a file from PLANS_DIR or an upload is untrusted input, and parsing it must
// not exhaust the server. Checks that cost nothing come first (a regular file: a FIFO, device or
// socket is refused without being opened; the size from stat, before any byte is read or hashed;
// text formats capped lower, since a plan's text is tens of kilobytes; a .docx whose parts would
// decompress past a limit is refused from its zip directory alone). Then the parse runs in a child
// process with a V8 heap cap and a time limit: a bomb that slips through kills only the child, and
// the file is reported as refused.
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { availableParallelism } from "node:os";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { PlanLoadError, type Plan } from "../types";
import { entryModule } from "../entry-module";
import { MAX_PLAN_BYTES } from "./limits";

/** .txt and .md: the largest real plan is well under 1 MB of text. */
export const MAX_TEXT_PLAN_BYTES = 4 * 1024 * 1024;
/** .docx: the parts together, once decompressed. */
export const MAX_DOCX_UNZIPPED_BYTES = 48 * 1024 * 1024;

export interface GuardLimits {
  /** Time limit of one parse (default 60 s). */
  timeoutMs?: number;
  /** V8 heap cap of the parsing process (default 256 MB). */
  memoryMb?: number;
}

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** Refuses what is not a readable regular file of a plan's size; returns the size. */
export async function checkPlanFile(path: string): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new PlanLoadError(path, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  if (!st.isFile()) throw new PlanLoadError(path, `it is not a regular file (${st.isFIFO() ? "a FIFO" : st.isDirectory() ? "a folder" : "a device or socket"}); only plan files are read`);
  if (st.size === 0) throw new PlanLoadError(path, "the file is empty");
  const ext = extname(path).toLowerCase();
  const limit = ext === ".txt" || ext === ".md" ? MAX_TEXT_PLAN_BYTES : MAX_PLAN_BYTES;
  if (st.size > limit) throw new PlanLoadError(path, `the file is too large for a plan (${mb(st.size)}, limit ${mb(limit)})`);
  return st.size;
}

/** SHA-256 of a plan file, streamed, after checkPlanFile (a huge file or a FIFO is never read). */
export async function hashPlanFile(path: string): Promise<string> {
  await checkPlanFile(path);
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

const CHILD = entryModule(new URL("./guard-child.ts", import.meta.url));

type Reply = { id: number; plan?: Plan; error?: string };

/**
 * A parsing process, reused for the files of an ingest (its start costs about a second) and
 * replaced after a time-out or a crash; it exits after a few idle seconds.
 */
class Reader {
  private child: ChildProcess | null = null;
  private seq = 0;
  private idle: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  /** Starts the process before the first file (it loads the parser meanwhile); stopped if no file comes. */
  warm(memoryMb: number): void {
    if (this.child && this.child.exitCode === null) return;
    this.child = this.spawn(memoryMb);
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), 30_000).unref();
  }

  load(path: string, timeoutMs: number, memoryMb: number): Promise<Plan> {
    const run = this.queue.then(() => this.run(path, timeoutMs, memoryMb));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private spawn(memoryMb: number): ChildProcess {
    const child = fork(fileURLToPath(CHILD.url), [String(MAX_DOCX_UNZIPPED_BYTES)], {
      execArgv: [...(CHILD.tsx ? ["--import", import.meta.resolve("tsx")] : []), `--max-old-space-size=${memoryMb}`, "--max-semi-space-size=16"],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    (child as ChildProcess & { memoryMb?: number }).memoryMb = memoryMb;
    child.unref();
    child.channel?.unref();
    return child;
  }

  private run(path: string, timeoutMs: number, memoryMb: number): Promise<Plan> {
    clearTimeout(this.idle);
    if (this.child && (this.child.exitCode !== null || (this.child as ChildProcess & { memoryMb?: number }).memoryMb !== memoryMb)) this.stop();
    const child = (this.child ??= this.spawn(memoryMb));
    const id = ++this.seq;
    return new Promise<Plan>((resolve, reject) => {
      let settled = false;
      const done = (ok: boolean, fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        if (!ok) this.stop();
        else this.idle = setTimeout(() => this.stop(), 5000).unref();
        fn();
      };
      const timer = setTimeout(
        () => done(false, () => reject(new PlanLoadError(path, `reading it took longer than ${Math.round(timeoutMs / 1000)} s; it is refused (a plan takes a second or two)`))),
        timeoutMs,
      );
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        done(true, () => (m.plan ? resolve(m.plan) : reject(new PlanLoadError(path, m.error ?? "unreadable"))));
      };
      const onExit = (code: number | null, signal: string | null) =>
        done(false, () => reject(new PlanLoadError(path, `reading it needed more than ${memoryMb} MB of memory or failed (${signal ?? `exit ${code}`}); it is refused`)));
      child.on("message", onMessage);
      child.on("exit", onExit);
      child.ref();
      child.channel?.ref();
      child.send({ id, path }, (err) => {
        if (err) done(false, () => reject(new PlanLoadError(path, `could not start the reader (${err.message})`)));
      });
    }).finally(() => {
      if (this.child === child) {
        child.unref();
        child.channel?.unref();
      }
    });
  }

  private stop(): void {
    clearTimeout(this.idle);
    this.child?.kill("SIGKILL");
    this.child = null;
  }
}

/**
 * One parsing process per core, at most two: a first start with many files parses them side by
 * side while the store writes (one process left the store waiting for it half of the time). A
 * second process is started only when a file is queued while the first is busy.
 */
const readers = Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, () => ({ reader: new Reader(), open: 0 }));

/**
 * Starts the parsing process ahead of the first loadPlanFileGuarded (its start costs a second or
 * more), e.g. while the server opens its store.
 */
export function warmPlanReader(limits: GuardLimits = {}): void {
  readers[0].reader.warm(limits.memoryMb ?? 256);
}

/** loadPlanFile in a child process with a heap cap and a time limit. */
export async function loadPlanFileGuarded(path: string, limits: GuardLimits = {}): Promise<Plan> {
  await checkPlanFile(path);
  // The process with the fewest files waiting, the first one on a tie (warm, and the only one most of the time).
  const r = readers.reduce((best, x) => (x.open < best.open ? x : best));
  r.open++;
  try {
    return await r.reader.load(path, limits.timeoutMs ?? 60_000, limits.memoryMb ?? 256);
  } finally {
    r.open--;
  }
}
