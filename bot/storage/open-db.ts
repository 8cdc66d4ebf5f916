// openDb: the one way to get a database. PostgreSQL when a URL is given, else PGlite in a folder
// (or in memory). Migrations are applied before it is returned.
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { databaseOpenError, type Config } from "../config";
import type { EngineDb } from "./engine";
import { migrate } from "./migrate";
import { openPglite } from "./pglite-db";
import { builtInTemplate } from "./pglite-template";
import { ownDataDir } from "./owner-only";

export interface OpenDbOptions {
  /** PostgreSQL connection string; wins over dataDir. */
  databaseUrl?: string;
  /** PGlite folder; "memory" (or null) for an in-memory database. */
  dataDir?: string | null;
  /** PostgreSQL only: keep every table in this schema (created when missing). */
  schema?: string;
  /** PGlite only: a data dump a new database starts from; default PGLITE_TEMPLATE of the environment, else the built-in one (pglite-template.ts); null for none. */
  template?: string | null;
  /** Skip migrations (a tool that only reads). Default false. */
  skipMigrations?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<EngineDb> {
  let db: EngineDb;
  // Also for callers without a Config (tests, tools): the variable is documented with the others.
  let template = opts.template === undefined ? process.env.PGLITE_TEMPLATE?.trim() || undefined : (opts.template ?? undefined);
  const dataDir = !opts.dataDir || opts.dataDir === "memory" ? null : resolve(opts.dataDir);
  const isNew = !dataDir || !existsSync(join(dataDir, "PG_VERSION"));
  if (!opts.databaseUrl && isNew && opts.template === undefined && !template) template = (await builtInTemplate()) ?? undefined;
  if (opts.databaseUrl) {
    // Imported only with a URL: the embedded store's start does not load pg.
    const { openPostgres } = await import("./postgres-db");
    db = await openPostgres(opts.databaseUrl, { schema: opts.schema });
  } else if (!dataDir) {
    db = await openPglite(null, template);
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = await openPglite(dataDir, template);
  }
  if (!opts.skipMigrations) {
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return db;
}

/** The database the configuration names: DATABASE_URL, else PGlite in DATA_DIR/db. */
export async function openDbFromConfig(config: Config): Promise<EngineDb> {
  const url = config.DATABASE_URL;
  if (url) {
    try {
      return await openDb({ databaseUrl: url });
    } catch (err) {
      // Not reachable, no such database, wrong password: say so with the variable and the fix.
      throw databaseOpenError(err, url) ?? err;
    }
  }
  const template = config.PGLITE_TEMPLATE;
  if (config.DATA_DIR === "memory") return openDb({ dataDir: "memory", template });
  ownDataDir(config.DATA_DIR);
  return openDb({ dataDir: join(config.DATA_DIR, "db"), template });
}
