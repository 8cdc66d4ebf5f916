// The server engine: a pg Pool on DATABASE_URL, optionally confined to one schema (tests give each
// file its own schema so parallel runs never see each other's rows).
//
// Losing a connection never ends the process: every checked-out client has an 'error' listener
// (pg emits one when the server terminates the backend between two queries; without a listener
// Node would crash), a broken client is destroyed rather than returned to the pool, and a
// transaction or a read that lost its connection is run once more on a fresh one. Writes are safe
// to run again because each carries its idempotency key (report entries: channel + source message
// id; nudges: their unique key). A second loss raises DatabaseUnavailableError, which the turn
// answers with "try again".
import pg from "pg";
import type { EngineDb, ScriptTx } from "./engine";
import { DatabaseUnavailableError, isConnectionLost } from "./connection-errors";
import { cleanParams } from "./params";

// Same value shapes as PGlite: int8 (bigserial ids, count(*)) as numbers, dates as "YYYY-MM-DD".
const INT8 = 20;
const DATE = 1082;
const typeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function wrap(c: pg.Pool | pg.ClientBase): ScriptTx {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
      const r = await c.query(sql, cleanParams(params) as unknown[] | undefined);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  };
}

/** A schema name safe to splice into SQL (tests derive it from a file name). */
function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid schema name "${name}": use lower-case letters, digits and _.`);
  return `"${name}"`;
}

const READ_ONLY = /^\s*(SELECT|SHOW)\b/i;

export interface PostgresOptions {
  schema?: string;
  max?: number;
  /** Told about every lost connection (the server logs it at warn). */
  onConnectionError?: (err: Error, where: "idle" | "checked-out" | "lock") => void;
}

export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<EngineDb> {
  const connection = {
    connectionString: url,
    types: typeParsers,
    // Names the server's connections in pg_stat_activity (an operator, or the fault tests, can find them).
    application_name: opts.schema ? `tro-ly-ke-hoach:${opts.schema}` : "tro-ly-ke-hoach",
    options: opts.schema ? `-c search_path=${quoteIdent(opts.schema)}` : undefined,
  };
  const pool = new pg.Pool({ ...connection, max: opts.max ?? 10 });
  const told = opts.onConnectionError ?? (() => {});
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (err) => told(err, "idle"));
  // Every client gets a permanent listener when it is created: pool.query() listens only `once`,
  // and a terminated backend can emit twice (the statement's error, then the socket's end).
  pool.on("connect", (client) => client.on("error", () => {}));

  interface Lease {
    client: pg.ClientBase;
    broken(): Error | null;
    done(destroy?: boolean): void;
  }

  function lease(client: pg.ClientBase, where: "checked-out" | "lock", release: (destroy: boolean, err: Error | null) => void): Lease {
    let broken: Error | null = null;
    const onError = (err: Error) => {
      broken = err;
      told(err, where);
    };
    client.on("error", onError);
    return {
      client,
      broken: () => broken,
      done(destroy = false) {
        client.off("error", onError);
        release(destroy || broken !== null, broken);
      },
    };
  }

  /** A pooled client with its own error listener for as long as it is checked out. */
  async function pooled(): Promise<Lease> {
    const client = await pool.connect();
    // A broken client is destroyed (release(err)), never handed to the next caller.
    return lease(client, "checked-out", (destroy, err) => client.release(destroy ? (err ?? true) : undefined));
  }

  /**
   * A new connection outside the pool: the retry after a loss (the pool may still hold idle clients
   * whose backends were terminated with the failed one) and the long-lived advisory lock.
   */
  async function fresh(where: "checked-out" | "lock"): Promise<Lease> {
    const client = new pg.Client(connection);
    client.on("error", () => {}); // permanent: late errors of a closing client
    await client.connect();
    return lease(client, where, () => void client.end().catch(() => {}));
  }

  async function once<T>(c: Lease, fn: (tx: ScriptTx) => Promise<T>): Promise<T> {
    let lost = false;
    try {
      await c.client.query("BEGIN");
      const out = await fn(wrap(c.client));
      await c.client.query("COMMIT");
      return out;
    } catch (err) {
      lost = isConnectionLost(err) || c.broken() !== null;
      if (!lost) await c.client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      c.done(lost);
    }
  }

  /** Runs `run` on a pooled client, and once more on a fresh connection when the first was lost. */
  async function retryOnce<T>(run: (c: Lease) => Promise<T>): Promise<T> {
    try {
      return await run(await pooled());
    } catch (err) {
      if (!isConnectionLost(err)) throw err;
      told(err as Error, "checked-out");
      try {
        return await run(await fresh("checked-out"));
      } catch (again) {
        throw isConnectionLost(again) ? new DatabaseUnavailableError(again) : again;
      }
    }
  }

  try {
    if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}`);
    else await pool.query("SELECT 1");
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const base = wrap(pool);
  return {
    kind: "postgres",
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
      // A read is run again after a lost connection; a lone write is not (it may have committed).
      if (!READ_ONLY.test(sql)) return base.query<T>(sql, params).catch((err: unknown) => Promise.reject(isConnectionLost(err) ? new DatabaseUnavailableError(err) : err));
      return base.query<T>(sql, params).catch(async (err: unknown) => {
        if (!isConnectionLost(err)) throw err;
        told(err as Error, "checked-out");
        let c: Lease | null = null;
        try {
          c = await fresh("checked-out");
          return await wrap(c.client).query<T>(sql, params);
        } catch (again) {
          throw isConnectionLost(again) ? new DatabaseUnavailableError(again) : again;
        } finally {
          c?.done(true);
        }
      });
    },
    transaction<T>(fn: (tx: ScriptTx) => Promise<T>): Promise<T> {
      return retryOnce((c) => once(c, fn));
    },
    async tryAdvisoryLock(key: number, onLost?: (err: Error) => void) {
      // Its own connection, not a pooled one: it is held for hours and must not shrink the pool.
      const c = await fresh("lock");
      try {
        const [row] = (await c.client.query("SELECT pg_try_advisory_lock($1) AS ok", [key])).rows as { ok: boolean }[];
        if (!row?.ok) {
          c.done(true);
          return null;
        }
      } catch (err) {
        c.done(true);
        throw err;
      }
      let released = false;
      // A session lock dies with its connection: tell the holder, so it stops and asks again.
      const lost = (err: Error) => {
        if (released) return;
        released = true;
        c.done(true);
        onLost?.(err);
      };
      c.client.once("error", lost);
      c.client.once("end", () => lost(new Error("the lock's connection ended")));
      return {
        async release() {
          if (released) return;
          released = true;
          c.client.off("error", lost);
          await c.client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {}); // gone with the connection otherwise
          c.done(true);
        },
      };
    },
    async close() {
      await pool.end();
    },
  };
}
