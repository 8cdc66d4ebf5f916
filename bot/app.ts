// Composition: opens the store, ingests PLANS_DIR, builds the answering engine and the
// conversation core. The server and the CLIs call createApp; tests pass their own db/answerer.
import { join } from "node:path";
import pino, { type Logger } from "pino";
import { KnowledgeEngine } from "../knowledge/answer/engine";
import { loadPlanFileGuarded } from "../knowledge/load/guard";
import { createOpenAIEmbedder } from "../knowledge/search/openai-embedder";
import type { Plan } from "../knowledge/types";
import { embeddingSettings, llmSettings, type Config } from "./config";
import type { Answerer } from "./core/answerer";
import { createCore, type Handle } from "./core/router";
import { defaultHandlers } from "./core/handlers";
import type { Db } from "./storage/db";
import { openDbFromConfig } from "./storage/open-db";
import { ownDataDir } from "./storage/owner-only";
import type { FileOutcome, LoadPlanFile } from "./plans/ingest-files";
import { followPlansDir, planStates, unlinkRetired } from "./plans/plan-folder";
import { localDate } from "../knowledge/occurrences";
import { setReportingRules } from "./updates/period";
import { loadReportingRules } from "./updates/period-rules";
import { loadStoredPlans } from "./plans/library";
import { officeAwareAnswerer } from "./plans/office-answerer";
import { refreshUnitCoverage } from "./users/unit-links";
import type { CommandHandler } from "./turn";
import { loadCalendar } from "./nudges/calendar";
import { createNudgeCommands } from "./nudges/commands";
import { createLlmUpdateParser } from "./updates/llm-parse";
import { officeSettings } from "./report/office";

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
}

export interface App {
  handle: Handle;
  db: Db;
  config: Config;
  log: Logger;
  /** The plans in the store when the app started. */
  plans: Plan[];
  answerer: Answerer;
  /** Outcome per file of the start-up ingest of PLANS_DIR. */
  ingested: FileOutcome[];
  close(): Promise<void>;
}

export async function createApp(config: Config, deps: AppDeps = {}): Promise<App> {
  const log = deps.log ?? pino({ level: config.LOG_LEVEL });
  const clock = deps.clock ?? (() => new Date());
  const ownDb = !deps.db;
  // Also with DATABASE_URL: DATA_DIR keeps the search index, downloads and the Zalo login.
  if (config.DATA_DIR !== "memory") ownDataDir(config.DATA_DIR);
  const db = deps.db ?? (await openDbFromConfig(config));
  try {
    let ingested: FileOutcome[] = [];
    if (!deps.skipIngest) {
      // The plans follow PLANS_DIR: a missing folder stops the start, a removed file retires its plan.
      const load = deps.loadPlanFile ?? ((file: string) => loadPlanFileGuarded(file));
      const sync = await followPlansDir(db, config.PLANS_DIR, {
        load,
        now: clock(),
        onFile: (r) => (r.status === "error" ? log.warn({ file: r.file, reason: r.reason }, "plan not ingested") : log.info({ file: r.file, status: r.status }, "plan")),
      });
      ingested = sync.outcomes;
      for (const d of sync.duplicates) log.warn({ file: d.file, sameAs: d.sameAs }, "plan file skipped: same content as another file in PLANS_DIR");
      for (const id of sync.retired) log.warn({ plan: id }, "plan retired: its file is no longer in PLANS_DIR (its report entries are kept)");
      // Units a collective name covers ("UBND các phường, xã" -> "UBND phường Bắc Hồng"), also
      // for a store written before the rule; ingest and new units keep it current afterwards.
      await refreshUnitCoverage(db);
      await unlinkRetired(db);
      const states = await planStates(db, localDate(clock()));
      const of = (s: string) => states.filter((p) => p.state === s).map((p) => p.id);
      log.info({ current: of("current"), ended: of("ended"), retired: of("retired"), dir: config.PLANS_DIR }, "plans");
    }
    // One rule for "the current reporting period", set by the current plans' own report dates.
    setReportingRules(await loadReportingRules(db));
    const plans = await loadStoredPlans(db);
    const answerer = deps.answerer ?? officeAwareAnswerer(await buildEngine(config, plans, log), db);
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
    return {
      handle: core.handle,
      db,
      config,
      log,
      plans,
      answerer,
      ingested,
      async close() {
        if (ownDb) await db.close();
      },
    };
  } catch (err) {
    if (ownDb) await db.close().catch(() => {});
    throw err;
  }
}

async function buildEngine(config: Config, plans: Plan[], log: Logger): Promise<KnowledgeEngine> {
  const emb = embeddingSettings(config);
  return KnowledgeEngine.build(plans, {
    llm: llmSettings(config),
    embedder: emb ? createOpenAIEmbedder(emb) : undefined,
    indexDir: config.DATA_DIR === "memory" ? undefined : join(config.DATA_DIR, "index"),
    log: (m) => log.debug(m),
  });
}
