// The embedded engine: PGlite (PostgreSQL compiled to WASM) in a folder, or in memory for tests.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import type { DbQuery } from "./db";
import type { EngineDb, ScriptTx } from "./engine";
import { lockFolder } from "./folder-lock";
import { makeOwnerOnly } from "./owner-only";
import { cleanParams } from "./params";

// Same value shapes as the pg engine: calendar dates stay "YYYY-MM-DD" strings.
const parsers = { [types.DATE]: (x: string) => x };

// PostgreSQL's default 128 MB of shared buffers is memory the WASM heap touches at once and never
// gives back; the store is a few hundred MB, read mostly once per start (measured: 16 MB saves
// ~125 MB of RSS at open and no time at 1,000 plans).
const SETTINGS = ["shared_buffers = 16MB"];

function wrap(q: { query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }> }): DbQuery {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
      try {
        return (await q.query<T>(sql, cleanParams(params))).rows;
      } catch (err) {
        throw scrubbed(err);
      }
    },
  };
}

/**
 * PGlite's errors carry the statement's parameters (message text, names) and the query; a logged
 * error must not, so both are removed (the SQLSTATE code and the message stay).
 */
function scrubbed(err: unknown): unknown {
  if (err && typeof err === "object") {
    for (const k of ["params", "query", "queryOptions"]) if (k in err) delete (err as Record<string, unknown>)[k];
  }
  return err;
}

/**
 * Opens PGlite in `dataDir` (created when missing), or in memory when dataDir is null. A new
 * database starts from `template` (a dumpDataDir tar) when given: loading one is several times
 * faster than PGlite's initdb (1.5 s against 5 s on this machine).
 */
export async function openPglite(dataDir: string | null, template?: string): Promise<EngineDb> {
  const unlock = dataDir ? lockFolder(dataDir) : () => {};
  let pg: PGlite;
  try {
    const isNew = !dataDir || !existsSync(join(dataDir, "PG_VERSION"));
    const loadDataDir = template && isNew ? templateBlob(template) : undefined;
    const options = { parsers, loadDataDir, postgresqlconf: SETTINGS };
    pg = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
    await pg.waitReady;
    if (dataDir) makeOwnerOnly(dataDir);
  } catch (err) {
    unlock();
    throw err;
  }
  const base = wrap(pg);
  return {
    kind: "pglite",
    query: base.query,
    transaction<T>(fn: (tx: ScriptTx) => Promise<T>): Promise<T> {
      return pg.transaction(async (tx) => {
        const q = wrap(tx);
        return fn({ query: q.query, exec: async (sql: string) => void (await tx.exec(sql)) });
      }).catch((err: unknown) => Promise.reject(scrubbed(err)));
    },
    // One process owns the folder, so there is no other session to exclude.
    async tryAdvisoryLock() {
      return { async release() {} };
    },
    async close() {
      if (!pg.closed) await pg.close();
      if (dataDir) makeOwnerOnly(dataDir);
      unlock();
    },
  };
}

function templateBlob(file: string): Blob {
  if (!existsSync(file)) throw new Error(`PGLITE_TEMPLATE: no file at ${file}. Remove the variable, or make the dump again.`);
  return new Blob([readFileSync(file)]);
}
