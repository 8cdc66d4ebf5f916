// Composition: opens the store, ingests PLANS_DIR, builds the answering engine and the
// conversation core. The server and the CLIs call createApp; tests pass their own db/answerer.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pino, { type Logger } from "pino";
import { loadPlanFileGuarded, warmPlanReader } from "../knowledge/load/guard";
import type { Plan } from "../knowledge/types";
import { llmSettings, type Config } from "./config";
import type { Answerer } from "./core/answerer";
import { createCore, type Handle } from "./core/router";
import { defaultHandlers } from "./core/handlers";
import type { Db } from "./storage/db";
import { openDbFromConfig } from "./storage/open-db";
import { ownDataDir } from "./storage/owner-only";
import type { FileOutcome, LoadPlanFile } from "./plans/ingest-files";
import { FileHashes } from "./plans/file-hashes";
import { cachePlan, indexDir, loadPlanSummariesCached, loadPlansCached, planCacheDir, planSummary, type PlanSummary } from "./plans/plan-cache";
import { writeAtomic } from "../knowledge/search/persist";
import { existsSync, rmSync } from "node:fs";
import { STARTING } from "./starting";
import { checkPlansDir, followPlansDir, planStates, unlinkRetired } from "./plans/plan-folder";
import { localDate } from "../knowledge/occurrences";
import { setReportingRules } from "./updates/period";
import { reportingRulesOfPlans } from "./updates/period-rules";
import { loadStoredPlans } from "./plans/library";
import { answerWorkers } from "./answering/answer-pool";
import { createAnswerer } from "./answering/answerer";
import { startEarlyAnswerer, type EarlyAnswerer } from "./answering/early-answerer";
import { refreshUnitCoverage } from "./users/unit-links";
import type { CommandHandler } from "./turn";
import { loadCalendar } from "./nudges/calendar";
import { createNudgeCommands } from "./nudges/commands";
import { createLlmUpdateParser } from "./updates/llm-parse";
import { officeSettings } from "./report/office";
import { collectGarbage } from "./collect-garbage";

export interface AppDeps {
  /** An open, migrated database (tests); default: openDbFromConfig(config). Closed by close() only when created here. */
  db?: Db;
  log?: Logger;
  /** The answering engine; default: KnowledgeEngine over the stored plans, with the office-set dates. */
  answerer?: Answerer;
  /**
   * Extra chat commands, tried after the built-in commands and before the update parser.
   * Default: the nudge commands ("lịch nhắc", "tắt nhắc", "đã xong", ...); a list given here replaces them.
   */
  handlers?: CommandHandler[];
  /** Turns a plan file into a Plan (knowledge/load-plan). */
  loadPlanFile?: LoadPlanFile;
  /** Skip ingesting PLANS_DIR at start (tools that only read). */
  skipIngest?: boolean;
  /** The clock for ingest timestamps; the server and CLIs are the edge that reads it. */
  clock?: () => Date;
  /** How long a turn that arrives while the knowledge loads waits for it (default STARTING_WAIT_MS). */
  startingWaitMs?: number;
  /** Answer workers the caller started before it imported the app (scripts/start.ts); default: started here. Closed on a failed open. */
  early?: EarlyAnswerer | null;
}

export interface App {
  handle: Handle;
  db: Db;
  config: Config;
  log: Logger;
  /** The plans in the store when the app started: what the main thread uses of them (the engine holds the rest). */
  plans: PlanSummary[];
  answerer: Answerer;
  /** Outcome per file of the start-up ingest of PLANS_DIR. */
  ingested: FileOutcome[];
  close(): Promise<void>;
}

/** How far loading the knowledge (PLANS_DIR, then the search index) has got. */
export interface KnowledgeProgress {
  phase: "plans" | "index" | "ready" | "failed";
  /** Plan files checked or ingested so far, of `total`. */
  loaded: number;
  total: number;
  error?: string;
}

/** An app whose store is open and whose knowledge is still loading (the server listens meanwhile). */
export interface StartingApp {
  handle: Handle;
  db: Db;
  config: Config;
  log: Logger;
  progress(): KnowledgeProgress;
  /** Resolves once the plans are ingested and the engine built; rejects when loading fails. */
  ready: Promise<App>;
  close(): Promise<void>;
}

/** A turn that arrives while the knowledge loads waits this long for it, then gets STARTING. */
export const STARTING_WAIT_MS = 2_000;
export { STARTING };

/** createApp for the CLIs and tests: the app once its knowledge is loaded. */
export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const starting = await openApp(config, deps);
  try {
    return await starting.ready;
  } catch (err) {
    await starting.close().catch(() => {});
    throw err;
  }
}

/**
 * Opens the store and starts loading the knowledge in the background: the server can listen at
 * once, report progress on /readyz, and answer turns politely until `ready`. A missing PLANS_DIR
 * still stops the start here, before anything listens.
 */
export async function openApp(config: Config, deps: AppDeps = {}): Promise<StartingApp> {
  const log = deps.log ?? pino({ level: config.LOG_LEVEL });
  const clock = deps.clock ?? (() => new Date());
  const ownDb = !deps.db;
  try {
    if (!deps.skipIngest) checkPlansDir(config.PLANS_DIR);
  } catch (err) {
    await deps.early?.pool.close();
    throw err;
  }
  // Also with DATABASE_URL: DATA_DIR keeps the search index, downloads and the Zalo login.
  if (config.DATA_DIR !== "memory") ownDataDir(config.DATA_DIR);
  // A first start (no file hashes kept yet) will parse every file: the parsing process loads its
  // code while the store opens. A restart, whose files are mostly unchanged, starts it when needed.
  const kept = indexDir(config);
  if (!deps.skipIngest && !deps.loadPlanFile && !(kept && existsSync(join(kept, "plan-files.json")))) warmPlanReader();
  // A restart's answer workers load the last start's engine meanwhile (kept if the plans are unchanged).
  const early = deps.early !== undefined ? deps.early : deps.answerer ? null : startEarlyAnswerer(config, log);
  let db: Db;
  try {
    db = deps.db ?? (await openDbFromConfig(config));
  } catch (err) {
    await early?.pool.close();
    throw err;
  }
  const progress: KnowledgeProgress = { phase: "plans", loaded: 0, total: 0 };
  let loaded: App | null = null;
  let closed = false;
  let closeAnswerer = async () => {};
  const close = async () => {
    closed = true;
    // Loading may still be writing to the store: let it finish (or fail) first.
    await ready.catch(() => {});
    await closeAnswerer();
    if (ownDb) await db.close();
  };
  const ready = loadKnowledge({ config, deps, db, log, clock, progress, early }).then(
    ({ closeAnswerer: stop, ...parts }) => {
      closeAnswerer = stop;
      progress.phase = "ready";
      loaded = { ...parts, db, config, log, close };
      return loaded;
    },
    (err: unknown) => {
      progress.phase = "failed";
      progress.error = err instanceof Error ? err.message : String(err);
      throw err;
    },
  );
  ready.catch(() => {}); // observed by the caller; never an unhandled rejection here
  const handle: Handle = async (msg) => {
    if (loaded) return loaded.handle(msg);
    if (closed) return [{ kind: "text", text: STARTING }];
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      ready.then(
        (app) => app,
        () => null,
      ),
      new Promise<null>((r) => (timer = setTimeout(() => r(null), deps.startingWaitMs ?? STARTING_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return waited ? waited.handle(msg) : [{ kind: "text", text: STARTING }];
  };
  return { handle, db, config, log, progress: () => ({ ...progress }), ready, close };
}

/** What loading the knowledge needs. */
interface KnowledgeLoad {
  config: Config;
  deps: AppDeps;
  db: Db;
  log: Logger;
  clock: () => Date;
  progress: KnowledgeProgress;
  early: EarlyAnswerer | null;
}

type LoadedKnowledge = Pick<App, "handle" | "plans" | "answerer" | "ingested"> & { closeAnswerer(): Promise<void> };

async function loadKnowledge(load: KnowledgeLoad): Promise<LoadedKnowledge> {
  try {
    return await loadPlansAndEngine(load);
  } catch (err) {
    // Not kept by an answerer: stopped once its load is over (closing twice is harmless).
    await load.early?.pool.ready.catch(() => {});
    await load.early?.pool.close();
    throw err;
  }
}

async function loadPlansAndEngine({ config, deps, db, log, clock, progress, early }: KnowledgeLoad): Promise<LoadedKnowledge> {
  const t0 = performance.now();
  const dir = indexDir(config);
  let tFollow = t0;
  let ingested: FileOutcome[] = [];
  let changed = false;
  const marker = dir && join(dir, "unit-coverage.done");
  if (!deps.skipIngest) {
    // The plans follow PLANS_DIR: a missing folder stops the start, a removed file retires its plan.
    const load = deps.loadPlanFile ?? ((file: string) => loadPlanFileGuarded(file));
    const cacheDir = planCacheDir(config);
    // Units are linked once after the files are stored (refreshUnitCoverage below), not per batch
    // of 25 against every unit and obligation: the marker goes before the first write, so a start
    // that stops in between is completed by the next one.
    const sync = await followPlansDir(db, config.PLANS_DIR, {
      load,
      now: clock(),
      linkUnits: false,
      beforeStore: () => marker && rmSync(marker, { force: true }),
      hashes: new FileHashes(dir && join(dir, "plan-files.json")),
      // Cached as stored: the first start never reads the plans back out of the store.
      onStored: cacheDir ? (plan) => cachePlan(cacheDir, plan) : undefined,
      onTotal: (n) => (progress.total = n),
      onFile: (r) => {
        progress.loaded++;
        if (r.status === "error") log.warn({ file: r.file, reason: r.reason }, "plan not ingested");
        else log.info({ file: r.file, status: r.status }, "plan");
      },
    });
    ingested = sync.outcomes;
    for (const d of sync.duplicates) log.warn({ file: d.file, sameAs: d.sameAs }, "plan file skipped: same content as another file in PLANS_DIR");
    changed = sync.outcomes.some((r) => r.status === "ingested" || r.status === "replaced") || sync.retired.length > 0;
    for (const id of sync.retired) log.warn({ plan: id }, "plan retired: its file is no longer in PLANS_DIR (its report entries are kept)");
    tFollow = performance.now();
    if (changed) collectGarbage(); // what storing the plans left (a restart that stored none has little)
  }
  progress.phase = "index";
  const cacheDir = planCacheDir(config);
  // Whole plans only for an engine on this thread; worker threads read them from the plan cache.
  const whole = !deps.answerer && answerWorkers(config) === 0 ? (cacheDir ? await loadPlansCached(db, cacheDir) : await loadStoredPlans(db)) : null;
  // 1,000 whole plans cost some 200 MB of heap: this thread keeps their summaries.
  const plans = whole ? whole.map(planSummary) : cacheDir ? await loadPlanSummariesCached(db, cacheDir) : (await loadStoredPlans(db)).map(planSummary);
  // One rule for "the current reporting period", set by the current plans' own report dates.
  setReportingRules(reportingRulesOfPlans(plans));
  const tRead = performance.now();
  // Answering on worker threads (ANSWER_WORKERS), or on this thread for in-memory data. The workers
  // build their index while this thread links the units below (the two used to run one after the other).
  const answering = deps.answerer ? null : createAnswerer(config, whole ?? [], db, log, early);
  answering?.catch(() => {}); // awaited below
  try {
    if (!deps.skipIngest) {
      // Units a collective name covers ("UBND các phường, xã" -> "UBND phường Bắc Hồng"), also
      // for a store written before the rule; ingest and new units keep it current afterwards.
      // Linking every unit to every obligation again is needed only after a change (or once for a store
      // written before the rule): an unchanged restart skips it.
      await refreshUnitCoverage(db, { onlyIfFlipped: !changed && marker !== null && existsSync(marker) });
      if (marker) writeAtomic(marker, "1");
      await unlinkRetired(db);
      const states = await planStates(db, localDate(clock()));
      const of = (s: string) => states.filter((p) => p.state === s).map((p) => p.id);
      log.info({ current: of("current"), ended: of("ended"), retired: of("retired"), dir: config.PLANS_DIR }, "plans");
    }
  } catch (err) {
    await answering?.then((a) => a.close(), () => {});
    throw err;
  }
  const tUnits = performance.now();
  const own = answering && (await answering);
  const answerer = deps.answerer ?? own!;
  const tIndex = performance.now();
  const llm = llmSettings(config);
  const core = createCore({
    db,
    answerer,
    log,
    handlers: defaultHandlers({
      extra: deps.handlers ?? [createNudgeCommands({ calendar: loadCalendar(config.HOLIDAYS_FILE), config })],
      freeForm: llm ? createLlmUpdateParser(llm) : null,
      office: officeSettings(config),
      boardUrl: `${(config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "")}/board`,
    }),
  });
  const ms = (a: number, b: number) => Math.round(b - a);
  log.info({ plans: plans.length, followMs: ms(t0, tFollow), readMs: ms(tFollow, tRead), unitsMs: ms(tRead, tUnits), indexMs: ms(tRead, tIndex) }, "knowledge ready");
  return { handle: core.handle, plans, answerer, ingested, closeAnswerer: own ? () => own.close() : async () => {} };
}
