// The server engine: a pg Pool on DATABASE_URL, optionally confined to one schema (tests give each
// file its own schema so parallel runs never see each other's rows).
import pg from "pg";
import type { DbQuery } from "./db";
import type { EngineDb, ScriptTx } from "./engine";

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

function wrap(c: pg.Pool | pg.PoolClient): ScriptTx {
  return {
    async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
      const r = await c.query(sql, params as unknown[] | undefined);
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

export async function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Promise<EngineDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    types: typeParsers,
    options: opts.schema ? `-c search_path=${quoteIdent(opts.schema)}` : undefined,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
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
    query: base.query,
    async transaction<T>(fn: (tx: ScriptTx) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const out = await fn(wrap(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async tryAdvisoryLock(key: number) {
      const client = await pool.connect();
      try {
        const [row] = (await client.query("SELECT pg_try_advisory_lock($1) AS ok", [key])).rows as { ok: boolean }[];
        if (!row?.ok) {
          client.release();
          return null;
        }
      } catch (err) {
        client.release();
        throw err;
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            await client.query("SELECT pg_advisory_unlock($1)", [key]);
          } finally {
            client.release();
          }
        },
      };
    },
    async close() {
      await pool.end();
    },
  };
}
