// Every environment variable the bot reads, with its description: `.env.example` and the README
// table mirror this schema (test/bot/config.test.ts checks that they agree).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const intIn = <F extends number | undefined>(min: number, max: number, fallback: F) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? fallback : /^(1|true|yes|on)$/i.test(v.trim())));

export const envSchema = z.object({
  PORT: intIn(1, 65535, 3978).describe("HTTP port of the server (Teams endpoint, web chat, health checks)."),
  PUBLIC_BASE_URL: optionalString.describe(
    "Public https address of the server, used in download links; defaults to http://localhost:PORT.",
  ),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino log level; message bodies are only logged at debug."),
  DATA_DIR: z.string().default("./data").describe("Folder for the embedded database (PGlite), indexes and exports."),
  DATABASE_URL: optionalString.describe(
    "PostgreSQL connection string; when set, used instead of the embedded database (needed for several replicas).",
  ),
  PGLITE_TEMPLATE: optionalString.describe(
    "A PGlite data dump (.tar) a new embedded database starts from instead of an empty one (the tests make one to skip PostgreSQL's initdb). Optional.",
  ),
  PLANS_DIR: z
    .string()
    .default("./knowledge/sample-plans")
    .describe("Folder of plan documents (.txt, .md, .docx, .pdf) loaded at start; changed files are re-ingested."),
  OPENAI_API_KEY: optionalString.describe("API key for an OpenAI-compatible server (LLM phrasing and/or embeddings). Optional."),
  LLM_BASE_URL: optionalString.describe("Base URL of an OpenAI-compatible chat server (OpenAI, Ollama, vLLM). Optional."),
  LLM_MODEL: optionalString.describe("Chat model name; the LLM is used only when this is set. Optional."),
  LLM_TIMEOUT_MS: intIn(100, 120_000, 8000).describe("Time limit for one LLM call before falling back to the extractive answer."),
  ANSWER_WORKERS: intIn(0, 16, undefined).describe(
    "Worker threads that answer questions, each with its own copy of the search index; 0 answers on the main thread. Default: one less than the CPU cores (at least 1), 0 with DATA_DIR=memory.",
  ),
  ANSWER_TIMEOUT_MS: intIn(100, 120_000, 10_000).describe("Time limit for answering one question on a worker; past it the user gets an apology (Teams waits 15 s)."),
  EMBEDDINGS_BASE_URL: optionalString.describe("Base URL of an OpenAI-compatible embeddings server. Optional."),
  EMBEDDINGS_MODEL: optionalString.describe(
    "Embeddings model name; without it the built-in embedder (no model, no network) is used.",
  ),
  MicrosoftAppId: optionalString.describe("Teams bot app id (Azure Bot registration). Empty: Bot Framework Emulator mode, no auth."),
  MicrosoftAppPassword: optionalString.describe("Teams bot client secret."),
  MicrosoftAppType: z
    .enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"])
    .default("SingleTenant")
    .describe("SingleTenant (default, for new bots), MultiTenant or UserAssignedMSI."),
  MicrosoftAppTenantId: optionalString.describe("Entra tenant id; required for SingleTenant and UserAssignedMSI."),
  TRUST_PROXY: bool(false).describe(
    "The server is behind a reverse proxy (true/false): the client's address, for rate limits and the Emulator gate, is the last X-Forwarded-For entry. Without it a forwarded request is never taken as this machine's.",
  ),
  TEAMS_EMULATOR_REMOTE: bool(false).describe(
    "Emulator mode (no MicrosoftAppId) also serves callers on other machines (true/false); by default only this machine.",
  ),
  ZALO_CREDENTIALS_FILE: optionalString.describe(
    "Zalo login (imei, cookie, userAgent) written by `npm run zalo:login`; Zalo is on when this file exists. Default: DATA_DIR/zalo-credentials.json.",
  ),
  ZALO_GROUP_KEYWORD: z
    .string()
    .default("@trolý,/tl")
    .describe("Comma-separated keywords that address the bot in Zalo groups (besides an @mention)."),
  ZALO_BOT_TOKEN: optionalString.describe(
    "Token of the official Zalo bot (Zalo Bot Manager > Zalo Bot Creator); the Zalo bot channel is on when it is set.",
  ),
  ZALO_BOT_MODE: z
    .enum(["polling", "webhook"])
    .default("polling")
    .describe("polling (works behind NAT; one replica polls) or webhook (Zalo posts to PUBLIC_BASE_URL/api/zalo; any replica answers)."),
  ZALO_BOT_WEBHOOK_SECRET: optionalString.describe(
    "Secret (8-256 characters) that Zalo sends back in every webhook call; required when ZALO_BOT_MODE=webhook.",
  ),
  ZALO_BOT_API_URL: z
    .string()
    .default("https://bot-api.zaloplatforms.com")
    .describe("Base address of the Zalo Bot API (change only for a proxy or a test server)."),
  WEB_SESSION_SECRET: optionalString.describe(
    "Secret (at least 32 bytes) that signs web chat session cookies; when empty one is generated and kept in the database, shared by replicas.",
  ),
  WEB_SESSION_IDLE_DAYS: intIn(1, 365, 30).describe("A web chat session ends after this many days without use."),
  WEB_SESSION_MAX_DAYS: intIn(1, 3650, 180).describe("A web chat session ends this many days after it began, used or not."),
  NUDGES_ENABLED: bool(true).describe("Send deadline nudges from this server (true/false)."),
  NUDGE_HOUR: intIn(0, 23, 8).describe("Hour of the day (Asia/Ho_Chi_Minh) when nudges go out on working days."),
  NUDGE_OFFSETS: z
    .string()
    .default("7,3,1,0,-1")
    .describe("Days before the last day to nudge; -1 means one day after it (overdue)."),
  OFFICE_NAME: optionalString.describe("The office that issues the draft report, e.g. \"Ủy ban nhân dân xã Tiên Cảnh\"; empty: a visible [...] placeholder."),
  OFFICE_PARENT: optionalString.describe("The body above it, printed above its name in the report header (often none for a UBND)."),
  OFFICE_SYMBOL: optionalString.describe("The issuer's abbreviation in the report number: UBND gives \"Số: .../BC-UBND\"."),
  OFFICE_PLACE: optionalString.describe("The place name of the report's date line (địa danh), e.g. Tiên Cảnh."),
  OFFICE_SIGN_AS: optionalString.describe("The signing authority's lines, separated by |, e.g. \"TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH\" or \"KT. CHỦ TỊCH|PHÓ CHỦ TỊCH\"."),
  OFFICE_SIGNER: optionalString.describe("Full name of the person who signs the report; empty leaves the name blank."),
  HOLIDAYS_FILE: optionalString.describe(
    "JSON file of extra days off and make-up working days announced by the Government (see README).",
  ),
});

export type Config = Omit<z.output<typeof envSchema>, "ZALO_CREDENTIALS_FILE"> & {
  /** DATA_DIR/zalo-credentials.json unless set. */
  ZALO_CREDENTIALS_FILE: string;
};

/** A setting that cannot work; the message names the variable and how to fix it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration. Fix these variables in .env or the environment:\n  ${lines.join("\n  ")}`);
  }
  const c: Config = { ...parsed.data, ZALO_CREDENTIALS_FILE: parsed.data.ZALO_CREDENTIALS_FILE ?? join(parsed.data.DATA_DIR, "zalo-credentials.json") };
  if (c.MicrosoftAppId && c.MicrosoftAppType !== "MultiTenant" && !c.MicrosoftAppTenantId) {
    throw new ConfigError(
      `MicrosoftAppTenantId is required when MicrosoftAppType is ${c.MicrosoftAppType}: set it to your Entra tenant id (Azure portal > Bot > Configuration).`,
    );
  }
  if (c.MicrosoftAppId && c.MicrosoftAppType !== "UserAssignedMSI" && !c.MicrosoftAppPassword) {
    throw new ConfigError("MicrosoftAppPassword is required when MicrosoftAppId is set: create a client secret for the bot's app registration.");
  }
  if (c.ZALO_BOT_TOKEN && c.ZALO_BOT_MODE === "webhook") {
    const secret = c.ZALO_BOT_WEBHOOK_SECRET ?? "";
    if (secret.length < 8 || secret.length > 256) {
      throw new ConfigError(
        "ZALO_BOT_WEBHOOK_SECRET must be 8 to 256 characters when ZALO_BOT_MODE=webhook: set a long random value (e.g. `openssl rand -hex 32`), or use ZALO_BOT_MODE=polling.",
      );
    }
  }
  if (c.WEB_SESSION_SECRET && Buffer.byteLength(c.WEB_SESSION_SECRET) < 32) {
    throw new ConfigError(
      `WEB_SESSION_SECRET is too short (${Buffer.byteLength(c.WEB_SESSION_SECRET)} bytes; at least 32): use e.g. the output of \`openssl rand -base64 48\`, or leave it empty to have one generated.`,
    );
  }
  if (c.DATABASE_URL) {
    const problem = databaseUrlProblem(c.DATABASE_URL);
    if (problem) throw new ConfigError(`DATABASE_URL ${problem}`);
  }
  const offsets = c.NUDGE_OFFSETS.split(",").map((s) => Number(s.trim()));
  if (offsets.some((n) => !Number.isInteger(n) || n < -30 || n > 60)) {
    throw new ConfigError(`NUDGE_OFFSETS must be whole numbers of days such as "7,3,1,0,-1"; got "${c.NUDGE_OFFSETS}".`);
  }
  return c;
}

const DATABASE_URL_FIX =
  "Set it to a PostgreSQL connection string such as postgres://USER:PASSWORD@HOST:5432/DBNAME, or leave it empty to use the embedded database in DATA_DIR.";

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}

/** What is wrong with a DATABASE_URL, or null when it reads as a PostgreSQL URL. */
export function databaseUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `is not a URL ("${redactUrl(url)}"). ${DATABASE_URL_FIX}`;
  }
  if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") return `must start with postgres:// (got "${u.protocol}//"). ${DATABASE_URL_FIX}`;
  if (!u.hostname) return `names no host ("${redactUrl(url)}"). ${DATABASE_URL_FIX}`;
  return null;
}

/**
 * A failure to open the PostgreSQL database of DATABASE_URL, said with the variable and the fix;
 * null for an error that is not about reaching the database.
 */
export function databaseOpenError(err: unknown, url: string): ConfigError | null {
  const e = err as { code?: string; message?: string };
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    /* checked by loadConfig */
  }
  const host = u ? `${u.hostname}:${u.port || "5432"}` : "the server";
  const db = u ? decodeURIComponent(u.pathname.replace(/^\//, "")) || "(default)" : "the database";
  const user = u ? decodeURIComponent(u.username) || "(default)" : "the user";
  switch (e?.code) {
    case "ECONNREFUSED":
      return new ConfigError(`DATABASE_URL: nothing accepts connections at ${host}. Start PostgreSQL there, or correct the host and port in DATABASE_URL (or leave it empty to use the embedded database).`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new ConfigError(`DATABASE_URL: the host "${u?.hostname ?? ""}" is not known (DNS). Correct the host in DATABASE_URL. ${DATABASE_URL_FIX}`);
    case "ETIMEDOUT":
      return new ConfigError(`DATABASE_URL: ${host} did not answer in time. Check the host, the port and the firewall.`);
    case "3D000":
      return new ConfigError(`DATABASE_URL: the database "${db}" does not exist on ${host}. Create it (e.g. createdb -h ${u?.hostname ?? "HOST"} -U ${user} ${db}) or correct its name in DATABASE_URL.`);
    case "28P01":
    case "28000":
      return new ConfigError(`DATABASE_URL: PostgreSQL at ${host} refused the user "${user}" (wrong password or no access). Correct the user and password in DATABASE_URL.`);
    default:
      return null;
  }
}

export function nudgeOffsets(c: Config): number[] {
  return c.NUDGE_OFFSETS.split(",").map((s) => Number(s.trim()));
}

/** LLM chat settings, or null when no model is configured. */
export function llmSettings(c: Config): { baseURL?: string; apiKey: string; model: string; timeoutMs: number } | null {
  if (!c.LLM_MODEL || (!c.LLM_BASE_URL && !c.OPENAI_API_KEY)) return null;
  return { baseURL: c.LLM_BASE_URL, apiKey: c.OPENAI_API_KEY ?? "not-needed", model: c.LLM_MODEL, timeoutMs: c.LLM_TIMEOUT_MS };
}

/** Embeddings server settings, or null for the built-in embedder. */
export function embeddingSettings(c: Config): { baseURL?: string; apiKey: string; model: string } | null {
  if (!c.EMBEDDINGS_MODEL || (!c.EMBEDDINGS_BASE_URL && !c.OPENAI_API_KEY)) return null;
  return { baseURL: c.EMBEDDINGS_BASE_URL, apiKey: c.OPENAI_API_KEY ?? "not-needed", model: c.EMBEDDINGS_MODEL };
}

/** Loads `.env` from the working directory into process.env when the file exists (CLI and server start). */
export function loadDotEnvIfPresent(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
