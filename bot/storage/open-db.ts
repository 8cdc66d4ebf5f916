// openDb: the one way to get a database. PostgreSQL when a URL is given, else PGlite in a folder
// (or in memory). Migrations are applied before it is returned.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { databaseOpenError, type Config } from "../config";
import type { EngineDb } from "./engine";
import { migrate } from "./migrate";
import { openPglite } from "./pglite-db";
import { ownDataDir } from "./owner-only";
import { openPostgres } from "./postgres-db";

export interface OpenDbOptions {
  /** PostgreSQL connection string; wins over dataDir. */
  databaseUrl?: string;
  /** PGlite folder; "memory" (or null) for an in-memory database. */
  dataDir?: string | null;
  /** PostgreSQL only: keep every table in this schema (created when missing). */
  schema?: string;
  /** Skip migrations (a tool that only reads). Default false. */
  skipMigrations?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<EngineDb> {
  let db: EngineDb;
  if (opts.databaseUrl) {
    db = await openPostgres(opts.databaseUrl, { schema: opts.schema });
  } else if (!opts.dataDir || opts.dataDir === "memory") {
    db = await openPglite(null);
  } else {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    db = await openPglite(dir);
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
  if (config.DATA_DIR === "memory") return openDb({ dataDir: "memory" });
  ownDataDir(config.DATA_DIR);
  return openDb({ dataDir: join(config.DATA_DIR, "db") });
}
